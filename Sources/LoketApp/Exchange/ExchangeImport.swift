// `loket import` and `POST /api/v1/import`: one code path. All-or-nothing: the document is
// checked whole (structure, then references against the document and the database)
// before anything is written, and then written in one transaction with bulk upserts,
// so a document with any error changes nothing and a killed process leaves no half import.

import Fluent
import Foundation
import LoketCore
import SQLKit
import Vapor

enum ExchangeImport {
    struct Summary: Content, Equatable, CustomStringConvertible {
        var practices = 0, employees = 0, patients = 0, episodes = 0, treatments = 0, measurements = 0
        /// Records that existed already and were updated.
        var updated = 0

        var description: String {
            "\(practices) practices, \(employees) employees, \(patients) patients, \(episodes) episodes, "
                + "\(treatments) treatments, \(measurements) measurements (\(updated) updated, the rest new)"
        }
    }

    /// Imports a document. `practiceScope` limits a caller to some practices (an API token of
    /// one practice); nil means all. Throws `ExchangeErrors` listing every problem.
    static func run(_ bytes: [UInt8], on db: any Database, actor: String, address: String? = nil,
                    practiceScope: Set<String>? = nil) async throws -> Summary {
        let doc = try ExchangeDocument.decode(bytes)
        return try await run(doc, on: db, actor: actor, address: address, practiceScope: practiceScope)
    }

    /// Imports the document in a file: parsed where it lies (MappedFile), record by record,
    /// its pages given back as the parser passes them; memory is the records, not the text.
    static func run(file path: String, on db: any Database, actor: String, address: String? = nil,
                    practiceScope: Set<String>? = nil) async throws -> Summary {
        let doc = try withMappedDocument(path)
        return try await run(doc, on: db, actor: actor, address: address, practiceScope: practiceScope)
    }

    static func withMappedDocument(_ path: String) throws -> ExchangeDocument {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) {
            try ExchangeDocument.decode(file.bytes) { file.release(upTo: $0) }
        }
    }

    static func run(_ doc: ExchangeDocument, on db: any Database, actor: String, address: String? = nil,
                    practiceScope: Set<String>? = nil) async throws -> Summary {
        let sql = db as! any SQLDatabase
        let stored = try await ExchangeStoredLookup.owners(of: doc, on: sql)
        var errors = doc.referenceErrors(stored: stored.references)
        errors += stored.movedRecords(in: doc)
        if let scope = practiceScope { errors += outOfScope(doc, scope) }
        errors += try await changedPseudonymKeys(doc, on: sql)
        guard errors.isEmpty else { throw ExchangeErrors(errors) }

        var summary = Summary(practices: doc.practices.count, employees: doc.employees.count, patients: doc.patients.count,
                              episodes: doc.episodes.count, treatments: doc.treatments.count,
                              measurements: doc.measurements.count)
        summary.updated = stored.existingCount
        let detail = summary.description
        // Under the import lock: on SQLite the write lock is taken at the start and another
        // process waits for it; on PostgreSQL two imports never interleave their upserts.
        try await LockedTransaction.run("import", on: db, now: Date()) { tx in
            let sql = tx as! any SQLDatabase
            let now = Date()
            try await ExchangeUpsert.practices(doc.practices, on: sql, now: now)
            try await ExchangeUpsert.employees(doc.employees, on: sql, now: now)
            try await ExchangeUpsert.patients(doc.patients, on: sql, now: now)
            try await ExchangeUpsert.episodes(doc.episodes, on: sql, now: now)
            try await ExchangeUpsert.treatments(doc.treatments, on: sql, now: now)
            try await ExchangeUpsert.measurements(doc.measurements, on: sql, now: now)
            let practices = Set(doc.practices.map(\.id) + doc.patients.map(\.practiceId) + doc.episodes.map(\.practiceId))
            try await AuditChain.append(AuditEvent(
                actor: actor, practiceID: practices.count == 1 ? practices.first : nil, action: .importDocument,
                patientID: nil, detail: detail, address: address), on: tx)
        }
        return summary
    }

    /// A practice already here keeps its pseudonym secret: another one would make every
    /// patient new to LDO (spec/exchange-format.md, `ldo.pseudonymKey`).
    private static func changedPseudonymKeys(_ doc: ExchangeDocument, on sql: any SQLDatabase) async throws -> [ExchangeError] {
        let given = doc.practices.enumerated().filter { $0.element.ldoPseudonymKey != nil }
        guard !given.isEmpty else { return [] }
        struct Row: Decodable { var id: String; var ldo_secret: String }
        let rows = try await sql.raw("SELECT id, ldo_secret FROM practices WHERE id IN (\(binds: given.map(\.element.id)))")
            .all(decoding: Row.self)
        let stored = Dictionary(rows.map { ($0.id, $0.ldo_secret) }, uniquingKeysWith: { a, _ in a })
        return given.compactMap { i, p in
            guard let current = stored[p.id], current != p.ldoPseudonymKey else { return nil }
            return ExchangeError(path: "practices[\(i)].ldo.pseudonymKey",
                                 message: "differs from the key practice \(TextLimit.quoted(p.id)) has here; changing it would make every patient new to LDO")
        }
    }

    private static func outOfScope(_ doc: ExchangeDocument, _ scope: Set<String>) -> [ExchangeError] {
        var errors: [ExchangeError] = []
        func check(_ path: String, _ practice: String) {
            if !scope.contains(practice) { errors.append(ExchangeError(path: path, message: "practice \"\(practice)\" is outside this token's practice")) }
        }
        for (i, p) in doc.practices.enumerated() { check("practices[\(i)].id", p.id) }
        for (i, e) in doc.employees.enumerated() { check("employees[\(i)].practiceId", e.practiceId) }
        for (i, p) in doc.patients.enumerated() { check("patients[\(i)].practiceId", p.practiceId) }
        for (i, e) in doc.episodes.enumerated() { check("episodes[\(i)].practiceId", e.practiceId) }
        return errors
    }
}
