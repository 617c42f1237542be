// The HTTP surface through Vapor's testing: health, the start page, and the import API
// with its token guard (the refusal beside the success).

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import VaporTesting

@Suite("HTTP")
struct HTTPTests {
    @Test("Health answers", arguments: TestDatabase.available)
    func health(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            try await app.testing().test(.GET, "health") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("ok"))
                #expect(res.headers.first(name: "X-Frame-Options") == "DENY")
            }
        }
    }

    @Test("The dashboard counts come from one grouped query per table", arguments: TestDatabase.available)
    func counts(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let page = try await HomePage.query(on: app.db)
            #expect(page.practices.map(\.name) == ["Jeugdpraktijk Oost", "Praktijk De Linde"])
            #expect(page.practices[1] == .init(id: "p1", name: "Praktijk De Linde", ldoOptIn: true, hasCBSSettings: true,
                                               patients: 1, episodes: 1, openEpisodes: 1, treatments: 2))
            let own = try await HomePage.query(on: app.db, practices: ["p1"])
            #expect(own.practices == [page.practices[1]], "only the practices asked for, with the same counts")
            #expect(try await HomePage.query(on: app.db, practices: []).practices.isEmpty)
        }
    }

    @Test("An unknown page is a Dutch 404 page") func notFound() async throws {
        try await withApp(.sqlite) { app in
            try await app.testing().test(.GET, "/bestaat-niet", headers: ["Accept": "text/html"]) { res async in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("Niet gevonden"))
            }
        }
    }

    @Test("The import API needs a valid, unrevoked token", arguments: TestDatabase.available)
    func importNeedsToken(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let (token, secret) = try await APIToken.create(name: "vendor", practiceID: nil, actor: "test", on: app.db)
            var body = ByteBuffer(string: sampleDocument)

            try await app.testing().test(.POST, "api/v1/import", body: body) { res async in
                #expect(res.status == .unauthorized)
            }
            try await app.testing().test(.POST, "api/v1/import", headers: ["Authorization": "Bearer lkt_wrong"], body: body) { res async in
                #expect(res.status == .unauthorized)
                #expect(res.body.string.contains("unknown or revoked token"))
            }
            try await app.testing().test(.POST, "api/v1/import", headers: ["Authorization": "Bearer \(secret)"], body: body) { res async throws in
                #expect(res.status == .ok)
                let summary = try res.content.decode(ExchangeImport.Summary.self)
                #expect(summary.patients == 2)
            }
            _ = try await APIToken.revoke(id: token.id!, actor: "test", on: app.db)
            body = ByteBuffer(string: sampleDocument)
            try await app.testing().test(.POST, "api/v1/import", headers: ["Authorization": "Bearer \(secret)"], body: body) { res async in
                #expect(res.status == .unauthorized)
            }
        }
    }

    @Test("The import API answers 422 with every error and its path", arguments: TestDatabase.available)
    func importErrors(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let (_, secret) = try await APIToken.create(name: "vendor", practiceID: nil, actor: "test", on: app.db)
            let broken = sampleDocument.replacingFirst(#""sex": "M""#, with: #""sex": "man""#)
                .replacingFirst(#""number": "7""#, with: #""number": 7"#)

            try await app.testing().test(.POST, "api/v1/import", headers: ["Authorization": "Bearer \(secret)"],
                                         body: ByteBuffer(string: broken)) { res async throws in
                #expect(res.status == .unprocessableEntity)
                let body = try res.content.decode(ImportAPIController.ErrorBody.self)
                #expect(body.errors.map(\.path) == ["patients[0].sex", "patients[1].number"])
            }
            #expect(try await count("patients", on: app.db) == 0)
        }
    }

    @Test("A practice's token cannot import another practice's data", arguments: TestDatabase.available)
    func importScope(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let (_, secret) = try await APIToken.create(name: "p2 only", practiceID: "p2", actor: "test", on: app.db)

            try await app.testing().test(.POST, "api/v1/import", headers: ["Authorization": "Bearer \(secret)"],
                                         body: ByteBuffer(string: sampleDocument)) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("outside this token's practice"))
            }
        }
    }
}
