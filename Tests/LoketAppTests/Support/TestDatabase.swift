// Database tests run on both databases: SQLite always, PostgreSQL when
// LOKET_TEST_POSTGRES_URL is set (.ci/run starts one and sets it). Each test gets a fresh
// database: a new SQLite file, or a new PostgreSQL schema that is dropped afterwards.

import Foundation
import LoketCore
import Crypto
import Fluent
@testable import LoketApp
import SQLKit
import Testing
import Vapor

enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static var postgresURL: String? { ProcessInfo.processInfo.environment["LOKET_TEST_POSTGRES_URL"] }

    /// The databases to run on here. On CI, PostgreSQL is required: a CI run that silently
    /// tested SQLite only would hide a broken PostgreSQL path.
    static var available: [TestDatabase] {
        if postgresURL != nil { return [.sqlite, .postgres] }
        precondition(ProcessInfo.processInfo.environment["CI"] == nil,
                     "CI is set but LOKET_TEST_POSTGRES_URL is not: the PostgreSQL tests would not run")
        return [.sqlite]
    }

    var testDescription: String { rawValue }

    /// The day every test app counts as today (`app.dependencies.clock`), so that no test
    /// depends on the day it runs: just after JH-2 2026 ended, so that both JH-1 and JH-2
    /// 2026 may be delivered definitively (spec/cbs-jeugdhulp.md §1).
    static let today = LocalDate(iso: "2027-01-15")!
    /// The audit key of every test app (AuditKey).
    static let auditKey = AuditKey.parse(String(repeating: "5a", count: 32))!
}

/// Makes an app on a fresh database of the given kind, migrated, runs `body`, and cleans up.
func withApp(_ kind: TestDatabase, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    let options: LoketOptions
    var sqlitePath: String?
    switch kind {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loket-\(name).sqlite").path
        sqlitePath = path
        options = LoketOptions(database: .sqlite(path: path))
    case .postgres:
        options = LoketOptions(database: .postgres(url: TestDatabase.postgresURL!), postgresSchema: name)
    }
    do {
        try await configure(app, options: options)
        APISamples.install(on: app)
        app.dependencies.clock = .fixed(TestDatabase.today)
        // The tests' PVM folders are temporary folders: the PVM root is the temporary folder.
        app.dependencies.pvmRoot.path = NSTemporaryDirectory()
        if kind == .postgres {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(ident: name)").run()
        }
        try await app.autoMigrate()
        // One audit key for the whole test process (AuditKey is per process), as serve uses it.
        AuditKey.use(TestDatabase.auditKey)
        try await AuditKey.keyChain(with: TestDatabase.auditKey, on: app.db)
        try await body(app)
    } catch {
        await cleanUp(app, kind, name, sqlitePath)
        throw error
    }
    await cleanUp(app, kind, name, sqlitePath)
}

private func cleanUp(_ app: Application, _ kind: TestDatabase, _ schema: String, _ sqlitePath: String?) async {
    if kind == .postgres {
        try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(ident: schema) CASCADE").run()
    }
    try? await app.asyncShutdown()
    if let sqlitePath {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
    }
}

/// Counts the rows of a table.
func count(_ table: String, on db: any Database) async throws -> Int {
    let row = try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
    return try row!.decode(column: "n", as: Int.self)
}

/// The episodes a definitive CBS delivery included, by its history rows (cbs_delivery_episodes).
func historyEpisodes(of delivery: String, on db: any Database) async throws -> [String] {
    try await (db as! any SQLDatabase).raw("""
        SELECT episode_id FROM cbs_delivery_episodes WHERE delivery_id = \(bind: delivery) ORDER BY episode_id
        """).all().map { try $0.decode(column: "episode_id", as: String.self) }
}
