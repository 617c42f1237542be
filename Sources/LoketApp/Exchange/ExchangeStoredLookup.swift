// What the database already holds of the ids a document names: the practice each one
// belongs to. References may point to stored records, and a record may not move to
// another practice by import (an id that collides with another practice's record would
// otherwise silently take it over).

import Fluent
import LoketCore
import SQLKit

struct ExchangeStoredLookup {
    var references = ExchangeStoredRecords()
    /// Stored practice of each id the document contains, per table.
    var owners: [String: [String: String]] = [:]
    var existingCount = 0

    /// For the document's head: its practices, employees, patients and episodes, and those
    /// they refer to (the treatments and measurements are looked up a chunk at a time).
    static func owners(of doc: ExchangeDocument, on sql: any SQLDatabase) async throws -> ExchangeStoredLookup {
        precondition(doc.treatments.isEmpty && doc.measurements.isEmpty, "the head of a document")
        let outside = doc.outsideReferences
        var result = ExchangeStoredLookup()
        let practiceIDs = Set(doc.practices.map(\.id)).union(outside.practices)
        let storedPractices = try await lookup(sql, "SELECT id, id AS practice_id FROM practices WHERE id IN ", Array(practiceIDs))
        result.references.practices = Set(storedPractices.keys)
        let employees = try await lookup(sql, "SELECT id, practice_id FROM employees WHERE id IN ",
                                         doc.employees.map(\.id) + Array(outside.employees))
        let patients = try await lookup(sql, "SELECT id, practice_id FROM patients WHERE id IN ",
                                        doc.patients.map(\.id) + Array(outside.patients))
        let episodes = try await lookup(sql, "SELECT id, practice_id FROM episodes WHERE id IN ",
                                        doc.episodes.map(\.id) + Array(outside.episodes))
        result.references.employees = employees
        result.references.patients = patients
        result.references.episodes = episodes
        result.owners = ["employees": employees, "patients": patients, "episodes": episodes]
        result.existingCount = doc.practices.filter { storedPractices[$0.id] != nil }.count
            + doc.employees.filter { employees[$0.id] != nil }.count
            + doc.patients.filter { patients[$0.id] != nil }.count
            + doc.episodes.filter { episodes[$0.id] != nil }.count
        return result
    }

    /// Records of the document's head stored under another practice than the document says
    /// (its treatments and measurements: ImportBulkCheck).
    func movedRecords(in doc: ExchangeDocument) -> [ExchangeError] {
        var errors: [ExchangeError] = []
        func check(_ table: String, _ i: Int, _ id: String, _ practice: String, _ field: String) {
            if let stored = owners[table]?[id], stored != practice {
                errors.append(ExchangeError(path: "\(table)[\(i)].\(field)",
                    message: "\"\(id)\" is stored under practice \"\(stored)\"; records cannot move to another practice"))
            }
        }
        for (i, e) in doc.employees.enumerated() { check("employees", i, e.id, e.practiceId, "practiceId") }
        for (i, p) in doc.patients.enumerated() { check("patients", i, p.id, p.practiceId, "practiceId") }
        for (i, e) in doc.episodes.enumerated() { check("episodes", i, e.id, e.practiceId, "practiceId") }
        return errors
    }

    static func treatmentOwners(_ ids: [String], on sql: any SQLDatabase) async throws -> [String: String] {
        try await lookup(sql, "SELECT t.id, e.practice_id FROM treatments t JOIN episodes e ON e.id = t.episode_id WHERE t.id IN ", ids)
    }

    static func measurementOwners(_ ids: [String], on sql: any SQLDatabase) async throws -> [String: String] {
        try await lookup(sql, "SELECT m.id, e.practice_id FROM measurements m JOIN episodes e ON e.id = m.episode_id WHERE m.id IN ", ids)
    }

    static func episodeOwners(_ ids: [String], on sql: any SQLDatabase) async throws -> [String: String] {
        try await lookup(sql, "SELECT id, practice_id FROM episodes WHERE id IN ", ids)
    }

    static func employeeOwners(_ ids: [String], on sql: any SQLDatabase) async throws -> [String: String] {
        try await lookup(sql, "SELECT id, practice_id FROM employees WHERE id IN ", ids)
    }

    /// id → practice_id for the given ids, asked in chunks that fit both databases' limits
    /// on bound parameters. The ids are unique already (a document's ids of one kind are,
    /// duplicateIDErrors; those it refers to without containing them are not among them):
    /// no set of a million ids is made to be sure.
    private static func lookup(_ sql: any SQLDatabase, _ prefix: String, _ ids: [String]) async throws -> [String: String] {
        var out: [String: String] = [:]
        for start in stride(from: 0, to: ids.count, by: 1000) {
            let chunk = ids[start..<min(start + 1000, ids.count)]
            let query: SQLQueryString = "\(unsafeRaw: prefix)(\(binds: Array(chunk)))"
            for (id, practice) in try await sql.driverRows(query, bulk: true, { (try $0.required("id"), try $0.required("practice_id")) }) {
                out[id] = practice
            }
        }
        return out
    }
}
