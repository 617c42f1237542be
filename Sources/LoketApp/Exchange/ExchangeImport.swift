// `loket import` and `POST /api/v1/import`: one code path. All-or-nothing: the document's
// structure is checked whole before anything is written; its references (against the
// document and the database) are checked as it is written, in one transaction with bulk
// upserts, and any error rolls it back. So a document with any error changes nothing, every
// error is reported with its path, and a killed process leaves no half import.

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

    /// Imports the document in a file, parsed where it lies (MappedFile) and read twice: once
    /// whole for its structure, keeping all but the treatments and measurements
    /// (`decodeHead`), and once for those, a chunk at a time, to check their references and
    /// write them. Memory is the document's head and a chunk, not its text or its bulk.
    static func run(file path: String, on db: any Database, actor: String, address: String? = nil,
                    practiceScope: Set<String>? = nil) async throws -> Summary {
        let file = try MappedFile(path: path)
        let head = try ExchangeDocument.decodeHead(file.bytes) { file.release(upTo: $0) }
        return try await run(head, bulk: .file(file), on: db, actor: actor, address: address, practiceScope: practiceScope)
    }

    static func run(_ doc: ExchangeDocument, on db: any Database, actor: String, address: String? = nil,
                    practiceScope: Set<String>? = nil) async throws -> Summary {
        var small = doc
        small.treatments = []
        small.measurements = []
        let head = ExchangeDocumentHead(document: small, treatments: doc.treatments.count, measurements: doc.measurements.count)
        return try await run(head, bulk: .memory(doc.treatments, doc.measurements), on: db, actor: actor, address: address,
                             practiceScope: practiceScope)
    }

    private static func run(_ head: ExchangeDocumentHead, bulk: ImportBulk, on db: any Database, actor: String, address: String?,
                            practiceScope: Set<String>?) async throws -> Summary {
        let doc = head.document
        let sql = db as! any SQLDatabase
        let stored = try await ExchangeStoredLookup.owners(of: doc, on: sql)
        let index = ExchangeReferenceIndex(doc, stored: stored.references)
        let headErrors = (references: doc.headReferenceErrors(index), moved: stored.movedRecords(in: doc),
                          scope: practiceScope.map { outOfScope(doc, $0) } ?? [],
                          keys: try await changedPseudonymKeys(doc, on: sql))
        let all: @Sendable (ImportBulkCheck) -> [ExchangeError] = { bulk in
            headErrors.references + bulk.referenceErrors + headErrors.moved + bulk.movedErrors
                + headErrors.scope + bulk.scopeErrors + headErrors.keys
        }
        let counted = Summary(practices: doc.practices.count, employees: doc.employees.count, patients: doc.patients.count,
                              episodes: doc.episodes.count, treatments: head.treatments, measurements: head.measurements,
                              updated: stored.existingCount)

        guard headErrors.references.isEmpty, headErrors.moved.isEmpty, headErrors.scope.isEmpty, headErrors.keys.isEmpty else {
            // The treatments and measurements are checked all the same: every error in one round.
            var check = ImportBulkCheck(index: index, scope: practiceScope)
            var chunks = bulk.chunks()
            while let chunk = try chunks.next() { try await check.check(chunk, on: sql) }
            throw ExchangeErrors(all(check))
        }
        let practices = Set(doc.practices.map(\.id) + doc.patients.map(\.practiceId) + doc.episodes.map(\.practiceId))
        // Under the import lock: on SQLite the write lock is taken at the start and another
        // process waits for it; on PostgreSQL two imports never interleave their upserts.
        // The treatments and measurements are checked as they are written; an error among
        // them rolls the whole import back.
        return try await LockedTransaction.run("import", on: db, now: Date()) { tx in
            let sql = tx as! any SQLDatabase
            let now = Date()
            try await ExchangeUpsert.practices(doc.practices, on: sql, now: now)
            try await ExchangeUpsert.employees(doc.employees, on: sql, now: now)
            try await ExchangeUpsert.patients(doc.patients, on: sql, now: now)
            try await ExchangeUpsert.episodes(doc.episodes, on: sql, now: now)
            var check = ImportBulkCheck(index: index, scope: practiceScope)
            var chunks = bulk.chunks()
            while let chunk = try chunks.next() {
                try await check.check(chunk, on: sql)
                guard check.isClean else { continue }
                switch chunk {
                case .treatments(_, let rows): try await ExchangeUpsert.treatments(rows, on: sql, now: now)
                case .measurements(_, let rows): try await ExchangeUpsert.measurements(rows, on: sql, now: now)
                }
            }
            guard check.isClean else { throw ExchangeErrors(all(check)) }
            var summary = counted
            summary.updated += check.existing
            try await AuditChain.append(AuditEvent(
                actor: actor, practiceID: practices.count == 1 ? practices.first : nil, action: .importDocument,
                patientID: nil, detail: summary.description, address: address), on: tx)
            return summary
        }
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
