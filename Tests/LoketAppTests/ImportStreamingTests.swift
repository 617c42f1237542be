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
            let tester = try app.testing(method: .running(port: 0))
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
        #expect(try ExchangeImport.withMappedDocument(path) == ExchangeDocument.decode(Array(document.utf8)))
        try await withApp(kind) { (app: Application) async throws in
            let summary = try await ExchangeImport.run(file: path, on: app.db, actor: "test")
            #expect(summary.patients == 600)
            let out = TextBox()
            try await ExchangeExport.run(on: app.db, practice: DemoData.oefenPractice) { out.text += $0 }
            #expect(out.text == document, "export → import from a file → export")
        }
        #expect(throws: MappedFile.OpenError.self) { try ExchangeImport.withMappedDocument(path + ".missing") }
    }
}
