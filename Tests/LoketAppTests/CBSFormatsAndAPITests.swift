// The CBS spreadsheet formats and the API for definitive deliveries: the control overview
// as .xlsx, the definitive file as the Standaard spreadsheet, and final/list/file under
// /api/v1/cbs with the token's practice scope.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("CBS spreadsheets and API")
struct CBSFormatsAndAPITests {
    /// A zip archive (an .xlsx) starts with a local file header, "PK\3\4".
    static func isZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    @Test("The control overview exports to .xlsx for the administratie", arguments: TestDatabase.available)
    func controlXLSX(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app), alice = WebSession(app)
            try await carol.signIn("carol@p1.test")
            try await alice.signIn("alice@p1.test")
            let page = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1").body.string
            #expect(page.contains("Exporteren naar Excel"))
            let res = try await carol.get("/praktijken/p1/aanleveringen/cbs.xlsx?jaar=2026&periode=1")
            #expect(res.status == .ok)
            #expect(res.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(res.headers.first(name: .contentDisposition)?.contains("cbs-controle-p1-2026-JH1.xlsx") == true)
            #expect(Self.isZip(Array(res.body.readableBytesView)))
            #expect(try await alice.get("/praktijken/p1/aanleveringen/cbs.xlsx?jaar=2026&periode=1").status == .forbidden)
        }
    }

    @Test("The definitive file as the Standaard spreadsheet: stored, named .xlsx, downloadable", arguments: TestDatabase.available)
    func finalXLSX(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            let d = try await CBSFinalDelivery.make(practice: practice, period: HalfYear(year: 2026, half: 1)!, format: .xlsx,
                                                    in: app.useCase(actor: "cli:test"))
            #expect(d.format == "xlsx" && d.fileName == "CBS_jeugd_0000004711_2026_JH1.xlsx")
            #expect(Self.isZip(Array(try #require(d.file))))
            #expect(try await historyEpisodes(of: d.id!, on: app.db) == ["ep1"])
        }
    }

    @Test("POST final, GET deliveries and the file, each within the token's practice", arguments: TestDatabase.available)
    func api(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let (_, own) = try await APIToken.create(name: "epd", practiceID: "p1", actor: "test", on: app.db)
            let (_, other) = try await APIToken.create(name: "epd2", practiceID: "p2", actor: "test", on: app.db)
            try await app.testing().test(.POST, "api/v1/cbs/final?practice=p1&year=2026&period=1", headers: ["Authorization": "Bearer \(other)"]) { res async in
                #expect(res.status == .forbidden)
            }
            try await app.testing().test(.POST, "api/v1/cbs/final?practice=p2&year=2026&period=1", headers: ["Authorization": "Bearer \(other)"]) { res async in
                #expect(res.status == .conflict, "p2 has no correspondentienummer")
                #expect(res.body.string.contains("correspondentienummer"))
            }
            var summary: CBSDeliverySummary?
            try await app.testing().test(.POST, "api/v1/cbs/final?practice=p1&year=2026&period=1&format=ascii", headers: ["Authorization": "Bearer \(own)"]) { res async throws in
                #expect(res.status == .created)
                summary = try res.content.decode(CBSDeliverySummary.self)
            }
            let made = try #require(summary)
            #expect(made.kind == "final" && made.records == 1 && made.file == "/api/v1/cbs/deliveries/\(made.id)/file")
            try await app.testing().test(.GET, "api/v1/cbs/deliveries", headers: ["Authorization": "Bearer \(own)"]) { res async in
                #expect(res.body.string.contains(made.id))
            }
            try await app.testing().test(.GET, "api/v1/cbs/deliveries", headers: ["Authorization": "Bearer \(other)"]) { res async in
                #expect(!res.body.string.contains(made.id), "another practice's token does not see it")
            }
            try await app.testing().test(.GET, "api/v1/cbs/deliveries/\(made.id)/file", headers: ["Authorization": "Bearer \(own)"]) { res async in
                #expect(res.status == .ok && res.body.string.hasPrefix("H0000004711"))
            }
            try await app.testing().test(.GET, "api/v1/cbs/deliveries/\(made.id)/file", headers: ["Authorization": "Bearer \(other)"]) { res async in
                #expect(res.status == .notFound)
            }
        }
    }
}
