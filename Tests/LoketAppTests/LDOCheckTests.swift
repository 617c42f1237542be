// The LDO check on real databases: the window decides the candidates, consent and
// findings decide the rest; a practice without the opt-in is refused. CLI and API share it.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("LDO check")
struct LDOCheckTests {
    private func report(_ app: Application, on date: String) async throws -> LDOCheckReport.Report {
        let practice = try #require(try await Practice.find("p1", on: app.db))
        return try await LDOCheckReport.run(on: app.db, practice: practice, deliveryDate: LocalDate(iso: date)!)
    }

    @Test("The window decides the candidates", arguments: TestDatabase.available)
    func window(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            // t1 (attended) is on 2026-02-01.
            let inside = try await report(app, on: "2026-03-15")
            #expect(inside.window == .init(start: "2025-12-01", end: "2026-02-28"))
            #expect(inside.included == ["ep1"] && inside.excluded.isEmpty && inside.excludedForConsent == 0)
            let firstDay = try await report(app, on: "2026-05-01")
            #expect(firstDay.window.start == "2026-02-01" && firstDay.included == ["ep1"], "a treatment on the window's first day counts")
            let before = try await report(app, on: "2026-02-05")
            #expect(before.window.end == "2026-01-31" && before.included.isEmpty, "one day after the window: no candidate")
        }
    }

    @Test("Findings and consent leave candidates out", arguments: TestDatabase.available)
    func outcomes(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let noDCSPH = sampleDocument.replacingFirst(#""dcsph": "1906""#, with: #""dcsph": "19""#)
            _ = try await ExchangeImport.run(Array(noDCSPH.utf8), on: app.db, actor: "test")
            let findings = try await report(app, on: "2026-03-15")
            #expect(findings.included.isEmpty)
            #expect(findings.excluded.map(\.episodeId) == ["ep1"])
            #expect(findings.excluded.first?.findings.map(\.field) == ["dcsph"])

            let refused = noDCSPH.replacingFirst(#""consent": "given""#, with: #""consent": "refused""#)
            _ = try await ExchangeImport.run(Array(refused.utf8), on: app.db, actor: "test")
            let consent = try await report(app, on: "2026-03-15")
            #expect(consent.excludedForConsent == 1 && consent.excluded.isEmpty && consent.included.isEmpty)
        }
    }

    @Test("A practice without the opt-in is refused", arguments: TestDatabase.available)
    func optIn(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let p2 = try #require(try await Practice.find("p2", on: app.db))
            await #expect(throws: LDOCheckReport.NotOptedIn.self) {
                try await LDOCheckReport.run(on: app.db, practice: p2, deliveryDate: LocalDate(iso: "2026-03-15")!)
            }
        }
    }

    @Test("API: the same JSON, scoped to the token's practice", arguments: TestDatabase.available)
    func api(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let (_, vendor) = try await APIToken.create(name: "vendor", practiceID: nil, actor: "test", on: app.db)
            let (_, p2only) = try await APIToken.create(name: "p2", practiceID: "p2", actor: "test", on: app.db)
            func get(_ query: String, _ token: String?) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                if let token { headers.add(name: .authorization, value: "Bearer \(token)") }
                return try await app.testing().sendRequest(.GET, "api/v1/ldo/check?\(query)", headers: headers)
            }

            let ok = try await get("practice=p1&on=2026-03-15", vendor)
            #expect(ok.status == .ok)
            let body = try JSONDecoder().decode(LDOCheckReport.Report.self, from: Data(ok.body.string.utf8))
            #expect(body == (try await report(app, on: "2026-03-15")))
            for key in ["\"practice\"", "\"window\"", "\"included\"", "\"excluded\"", "\"excludedForConsent\""] {
                #expect(ok.body.string.contains(key))
            }
            #expect(try await get("practice=p1&on=2026-03-15", p2only).status == .forbidden)
            #expect(try await get("practice=p2", p2only).status == .conflict, "no opt-in")
            #expect(try await get("practice=p1&on=15-03-2026", vendor).status == .badRequest)
            #expect(try await get("practice=p1", nil).status == .unauthorized)
        }
    }
}
