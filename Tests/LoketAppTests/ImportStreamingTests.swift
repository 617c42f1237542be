// The import reads its document without holding it (issue 16): POST /api/v1/import streams
// the body to a temporary file, removed afterwards, through a real socket; `loket import`
// maps its file. The result is the same import: counts, errors with paths, nothing half done.

import Foundation
@testable import LoketApp
import LoketCore
import NIOCore
import Testing
import Vapor
import VaporTesting

@Suite("Import without holding the document")
struct ImportStreamingTests {
    /// The temporary upload files of this process's imports.
    static func uploads() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("loket-import-") }
    }

    /// The demo data of a practice as a document of a few megabytes.
    static func document() async throws -> String {
        var text = ""
        try await withApp(.sqlite) { (app: Application) async throws in
            _ = try await DemoData.load(into: app.db, seed: 11, today: TestDatabase.today, patientsPerPractice: 600)
            let out = TextBox()
            try await ExchangeExport.run(on: app.db, practice: DemoData.oefenPractice) { out.text += $0 }
            text = out.text
        }
        return text
    }

    @Test("Through a running server: a document of megabytes imports; an empty body and a broken one are refused; no upload file stays",
          arguments: TestDatabase.available)
    func overTheWire(_ kind: TestDatabase) async throws {
        let document = try await Self.document()
        #expect(document.utf8.count > 1_000_000)
        let before = try Self.uploads()
        try await withApp(kind) { (app: Application) async throws in
            let (_, secret) = try await APIToken.create(name: "vendor", practiceID: nil, actor: "test", on: app.db)
            let auth: HTTPHeaders = ["Authorization": "Bearer \(secret)", "Content-Type": "application/json"]
            let tester = try app.testing(method: .running(port: try freePort()))
            try await tester.test(.POST, "api/v1/import", headers: auth, body: ByteBuffer(string: document)) { res async throws in
                #expect(res.status == .ok, "\(res.body.string.prefix(300))")
                let summary = try res.content.decode(ExchangeImport.Summary.self)
                #expect(summary.episodes > 500 && summary.measurements > 0)
            }
            try await tester.test(.POST, "api/v1/import", headers: auth) { res async in
                #expect(res.status == .badRequest)
            }
            let broken = document.replacingOccurrences(of: #""status": "attended""#, with: #""status": "done""#)
            try await tester.test(.POST, "api/v1/import", headers: auth, body: ByteBuffer(string: broken)) { res async in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains(#"is not one of \"attended\""#) || res.body.string.contains("is not one of"))
            }
        }
        // Other tests may be importing this moment: their files come and go within moments.
        var left = Set(try Self.uploads()).subtracting(before)
        for _ in 0..<50 where !left.isEmpty {
            try await Task.sleep(for: .milliseconds(100))
            left = Set(try Self.uploads()).subtracting(before)
        }
        #expect(left.isEmpty, "the temporary files are removed: \(left)")
    }

    @Test("A file is imported where it lies, with the same result as its bytes", arguments: TestDatabase.available)
    func mappedFile(_ kind: TestDatabase) async throws {
        let document = try await Self.document()
        let path = NSTemporaryDirectory() + "/loket-test-" + UUID().uuidString + ".json"
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try MappedFile(path: path)
        #expect(try ExchangeDocument.decode(file.bytes) == ExchangeDocument.decode(Array(document.utf8)))
        try await withApp(kind) { (app: Application) async throws in
            let summary = try await ExchangeImport.run(file: path, on: app.db, actor: "test")
            #expect(summary.patients == 600)
            let out = TextBox()
            try await ExchangeExport.run(on: app.db, practice: DemoData.oefenPractice) { out.text += $0 }
            #expect(out.text == document, "export → import from a file → export")
        }
        #expect(throws: MappedFile.OpenError.self) { try MappedFile(path: path + ".missing") }
    }

    /// A document of many valid treatments for a new episode of p1, then `bad` ones; the
    /// measurements after the treatments, or before them.
    static func bulky(_ bad: String, measurementsFirst: Bool = false) -> String {
        let good = (0..<25_000).map { #"{"id": "tb\#($0)", "episodeId": "ep7", "date": "2026-03-02", "status": "attended"}"# }
        let treatments = #""treatments": [\#(good.joined(separator: ",\n")), \#(bad)]"#
        let measurements = #""measurements": [{"id": "m1", "episodeId": "ep404"}]"#
        return #"""
        {"format": "loket-exchange/1",
         "patients": [{"id": "pt7", "practiceId": "p1", "number": "1007", "name": "Noor Visser"}],
         "episodes": [{"id": "ep7", "patientId": "pt7", "practiceId": "p1", "start": "2026-01-05"}],
         \#(measurementsFirst ? measurements + ", " + treatments : treatments + ", " + measurements)}
        """#
    }

    @Test("From a file, errors among the treatments are found as they are written: the same list as from bytes, and nothing stays",
          arguments: TestDatabase.available)
    func bulkErrors(_ kind: TestDatabase) async throws {
        // Chunks of 4,000: the errors lie in the seventh, after six were written.
        try await ImportBulk.$chunkSize.withValue(4_000) { try await bulkErrorsInChunks(kind) }
    }

    func bulkErrorsInChunks(_ kind: TestDatabase) async throws {
        let bad = #"""
            {"id": "t9", "episodeId": "ep404", "date": "2026-03-02", "status": "attended"},
            {"id": "t1", "episodeId": "ep2", "date": "2026-03-02", "status": "attended"},
            {"id": "t8", "episodeId": "ep7", "practitionerId": "e2", "date": "2026-03-02", "status": "attended"}
            """#
        let document = Self.bulky(bad)
        let path = NSTemporaryDirectory() + "/loket-test-" + UUID().uuidString + ".json"
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = [
            #"treatments[25000].episodeId: no episode with id "ep404""#,
            #"treatments[25002].practitionerId: employee "e2" works for practice "p2", not "p1""#,
            #"measurements[0].episodeId: no episode with id "ep404""#,
            #"treatments[25001].episodeId: "t1" is stored under practice "p1"; records cannot move to another practice"#,
        ]
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let fromFile = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(file: path, on: app.db, actor: "test")
            }
            #expect(fromFile?.errors.map(\.description) == expected)
            let fromBytes = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(Array(document.utf8), on: app.db, actor: "test")
            }
            #expect(fromBytes?.errors.map(\.description) == expected)
            // The measurements first in the file: the list is in the same order all the same.
            try Data(Self.bulky(bad, measurementsFirst: true).utf8).write(to: URL(fileURLWithPath: path))
            let reordered = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(file: path, on: app.db, actor: "test")
            }
            #expect(reordered?.errors.map(\.description) == expected)
            #expect(try await count("treatments", on: app.db) == 3, "the written chunks rolled back")
            #expect(try await count("patients", on: app.db) == 2)
            #expect(try await Treatment.find("t1", on: app.db)?.episodeID == "ep1")

            let clean = Self.bulky(#"{"id": "t9", "episodeId": "ep1", "date": "2026-03-02", "status": "attended"}"#)
                .replacingOccurrences(of: #""episodeId": "ep404"}"#, with: #""episodeId": "ep7"}"#)
            try Data(clean.utf8).write(to: URL(fileURLWithPath: path))
            let summary = try await ExchangeImport.run(file: path, on: app.db, actor: "test")
            #expect(summary.treatments == 25_001 && summary.measurements == 1 && summary.updated == 0)
            #expect(try await count("treatments", on: app.db) == 3 + 25_001)
            let again = try await ExchangeImport.run(file: path, on: app.db, actor: "test")
            #expect(again.updated == 2 + 25_001 + 1, "patient, episode, treatments and the measurement exist now")
        }
    }

    @Test("A token of one practice cannot add treatments to another practice's episode", arguments: TestDatabase.available)
    func bulkScope(_ kind: TestDatabase) async throws {
        let document = Self.bulky(#"{"id": "t9", "episodeId": "ep2", "date": "2026-03-02", "status": "attended"}"#)
            .replacingOccurrences(of: #""episodeId": "ep404"}"#, with: #""episodeId": "ep2"}"#)
        let path = NSTemporaryDirectory() + "/loket-test-" + UUID().uuidString + ".json"
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let error = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(file: path, on: app.db, actor: "test", practiceScope: ["p1"])
            }
            #expect(error?.errors.map(\.description) == [
                #"treatments[25000].episodeId: episode "ep2" belongs to practice "p2", outside this token's practice"#,
                #"measurements[0].episodeId: episode "ep2" belongs to practice "p2", outside this token's practice"#,
            ])
            #expect(try await count("treatments", on: app.db) == 3)
        }
    }
}
