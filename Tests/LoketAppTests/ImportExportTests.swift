// Import and export on real databases: all-or-nothing, every error reported, update by id,
// and export → import → export unchanged.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor

@Suite("Import and export")
struct ImportExportTests {
    private func export(_ db: any Database, practice: String? = nil) async throws -> String {
        let out = TextBox()
        try await ExchangeExport.run(on: db, practice: practice) { out.text += $0 }
        return out.text
    }

    @Test("A document imports whole and exports back", arguments: TestDatabase.available)
    func importAndExport(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let summary = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")

            #expect(summary == .init(practices: 2, employees: 2, patients: 2, episodes: 2, treatments: 3, updated: 0))
            let patient = try #require(try await Patient.find("pt1", on: app.db))
            #expect(patient.bsn == "111222333")
            #expect(patient.birthDate == "2012-03-04")
            let episode = try #require(try await Episode.find("ep2", on: app.db))
            #expect(episode.cbsYouthSatisfaction == 8)
            #expect(episode.cbsStartedInCrisis)
            #expect(episode.endDate == "2026-02-28")

            let first = try await export(app.db)
            let reimported = try ExchangeDocument.decode(Array(first.utf8))
            #expect(reimported.patients.count == 2 && reimported.treatments.count == 3)
            _ = try await ExchangeImport.run(Array(first.utf8), on: app.db, actor: "test")
            #expect(try await export(app.db) == first)
        }
    }

    @Test("Export → import into an empty database → export gives the same document", arguments: TestDatabase.available)
    func roundTripAcrossDatabases(_ kind: TestDatabase) async throws {
        var first = ""
        try await withApp(kind) { (app: Application) async throws in
            _ = try await DemoData.load(into: app.db, seed: 7, today: LocalDate(iso: "2026-11-22")!, patientsPerPractice: 20)
            first = try await export(app.db)
        }
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(first.utf8), on: app.db, actor: "test")
            #expect(try await export(app.db) == first)
        }
    }

    @Test("A practice moved through export and import keeps its LDO pseudonyms; an import cannot change the key", arguments: TestDatabase.available)
    func pseudonymKeyMoves(_ kind: TestDatabase) async throws {
        var document = "", secret = "", pseudonym = ""
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            secret = practice.ldoSecret
            pseudonym = LDOEpisodeQuery.pseudonym("pt1", key: LDOEpisodeQuery.pseudonymKey(practice))
            document = try await export(app.db)
            #expect(document.contains("\"pseudonymKey\": \"\(secret)\""), "the export carries the key")
        }
        // Another database (SQLite to PostgreSQL is the same code path): the same key, the same pseudonym.
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(document.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            #expect(practice.ldoSecret == secret)
            #expect(LDOEpisodeQuery.pseudonym("pt1", key: LDOEpisodeQuery.pseudonymKey(practice)) == pseudonym)

            let other = document.replacingOccurrences(of: secret, with: String(repeating: "ab", count: 32))
            let error = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(Array(other.utf8), on: app.db, actor: "test")
            }
            #expect(error?.errors.map(\.path) == ["practices[0].ldo.pseudonymKey"])
            #expect(try await Practice.find("p1", on: app.db)?.ldoSecret == secret, "nothing changed")
        }
    }

    @Test("A second import of a changed document updates by id", arguments: TestDatabase.available)
    func updateByID(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let secret = try #require(try await Practice.find("p1", on: app.db)).ldoSecret
            let changed = sampleDocument
                .replacingFirst(#""postcode": "3511AB""#, with: #""postcode": "1234 ab""#)
                .replacingFirst(#""date": "2026-02-08", "status": "no_show""#, with: #""date": "2026-02-09", "status": "attended""#)

            let summary = try await ExchangeImport.run(Array(changed.utf8), on: app.db, actor: "test")

            #expect(summary.updated == 11)
            #expect(try await count("patients", on: app.db) == 2)
            #expect(try await count("treatments", on: app.db) == 3)
            #expect(try await Patient.find("pt1", on: app.db)?.postcode == "1234 ab")
            #expect(try await Treatment.find("t2", on: app.db)?.status == "attended")
            #expect(try await Practice.find("p1", on: app.db)?.ldoSecret == secret, "the pseudonym secret survives an update")
        }
    }

    @Test("Text arrives as written, whatever its characters; created_at stays on update", arguments: TestDatabase.available)
    func textAndTimes(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            // PostgreSQL imports through COPY's text format, where these characters are escapes.
            let name = "Zoë \\N d\\'Ami\ttab\nregel\r\\ eind"
            let tricky = sampleDocument.replacingFirst(#""name": "Sam Jansen""#, with: #""name": "Zo\u00eb \\N d\\'Ami\ttab\nregel\r\\ eind""#)
            let before = Date()
            _ = try await ExchangeImport.run(Array(tricky.utf8), on: app.db, actor: "test")
            let first = try #require(try await Patient.find("pt1", on: app.db))
            #expect(first.name == name)
            let created = try #require(first.createdAt)
            #expect(abs(created.timeIntervalSince(before)) < 60, "created_at is the import's time")
            _ = try await ExchangeImport.run(Array(tricky.replacingFirst(#""number": "1001""#, with: #""number": "1002""#).utf8),
                                             on: app.db, actor: "test")
            let second = try #require(try await Patient.find("pt1", on: app.db))
            #expect(second.number == "1002" && second.name == name)
            #expect(try #require(second.createdAt).timeIntervalSince(created) == 0, "an update keeps created_at")
            #expect(try #require(second.updatedAt) > created)
        }
    }

    @Test("A document with errors changes nothing and lists every error", arguments: TestDatabase.available)
    func allOrNothing(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let broken = sampleDocument
                .replacingFirst(#""start": "2026-01-10""#, with: #""start": "2026-13-10""#)
                .replacingFirst(#""patientId": "pt2""#, with: #""patientId": "pt9""#)
                .replacingFirst(#""status": "cancelled""#, with: #""status": "afgezegd""#)

            let error = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(Array(broken.utf8), on: app.db, actor: "test")
            }

            #expect(error?.errors.map(\.description) == [
                #"episodes[0].start: not a date (YYYY-MM-DD): "2026-13-10""#,
                #"treatments[2].status: "afgezegd" is not one of "attended", "no_show", "cancelled""#,
            ])
            for table in ["practices", "employees", "patients", "episodes", "treatments"] {
                #expect(try await count(table, on: app.db) == 0, "\(table) is untouched")
            }
            #expect(try await count("audit_entries", on: app.db) == 1, "only the keying entry (AuditKey)")
        }
    }

    @Test("Broken references are reported after the structure is sound", arguments: TestDatabase.available)
    func references(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let broken = sampleDocument
                .replacingFirst(#""patientId": "pt2""#, with: #""patientId": "pt9""#)
                .replacingFirst(#""episodeId": "ep2""#, with: #""episodeId": "ep1""#)

            let error = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(Array(broken.utf8), on: app.db, actor: "test")
            }

            #expect(error?.errors.map(\.description) == [
                #"episodes[1].patientId: no patient with id "pt9""#,
                #"treatments[2].practitionerId: employee "e2" works for practice "p2", not "p1""#,
            ])
            #expect(try await count("patients", on: app.db) == 0)
        }
    }

    @Test("A later document may refer to stored records", arguments: TestDatabase.available)
    func storedReferences(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let more = #"""
            {"format": "loket-exchange/1", "treatments": [
              {"id": "t9", "episodeId": "ep1", "practitionerId": "e1", "date": "2026-03-01", "status": "attended", "code": "074"}]}
            """#

            _ = try await ExchangeImport.run(Array(more.utf8), on: app.db, actor: "test")

            #expect(try await count("treatments", on: app.db) == 4)
        }
    }

    @Test("A record cannot move to another practice by import", arguments: TestDatabase.available)
    func noMoves(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let takeover = #"""
            {"format": "loket-exchange/1", "patients": [
              {"id": "pt1", "practiceId": "p2", "number": "1", "name": "Iemand Anders"}]}
            """#

            let error = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(Array(takeover.utf8), on: app.db, actor: "test")
            }

            #expect(error?.errors.map(\.description) == [
                #"patients[0].practiceId: "pt1" is stored under practice "p1"; records cannot move to another practice"#,
            ])
            #expect(try await Patient.find("pt1", on: app.db)?.name == "Sam Jansen")
        }
    }

    @Test("An import is one audit entry, without patient data", arguments: TestDatabase.available)
    func audited(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "cli:tester")

            let rows = try await (app.db as! any SQLDatabase).raw("SELECT actor, action, detail FROM audit_entries WHERE action <> 'audit.key'").all()
            #expect(rows.count == 1)
            let detail = try rows[0].decode(column: "detail", as: String.self)
            #expect(try rows[0].decode(column: "action", as: String.self) == "import")
            #expect(try rows[0].decode(column: "actor", as: String.self) == "cli:tester")
            #expect(!detail.contains("111222333") && !detail.contains("Jansen"))
        }
    }
}

/// A mutable text buffer for closures.
final class TextBox: @unchecked Sendable {
    var text = ""
}
