// The dashboard's CBS card names what keeps most episodes out of the CBS control (issue 17),
// as the LDO card does: the top causes with their counts, each linking to the overview's
// rows with findings, where the fix is made per episode.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("Dashboard: CBS causes")
struct DashboardCBSCausesTests {
    static func f(_ field: String, _ message: String) -> Finding {
        Finding(field: field, kind: .missing, message: message)
    }

    @Test("Counting: one cause per field and sentence, most episodes first, ties in the order met, warnings left out")
    func tally() {
        var tally = CBSCauses.Tally()
        for findings in [
            [Self.f("referrer", "Verwijstype ontbreekt"), Self.f("endReason", "Reden beëindiging ontbreekt")],
            [Self.f("careType", "Hulpvorm ‘09’ komt niet voor in de codelijst")],
            [Self.f("careType", "Hulpvorm ‘98’ komt niet voor in de codelijst"), Self.f("endReason", "Reden beëindiging ontbreekt")],
            [Finding(field: "sex", kind: .missing, severity: .warning, message: "Geslacht ontbreekt")],
            [Self.f("endReason", "Reden beëindiging ontbreekt")],
        ] { tally.add(findings) }

        let top = tally.top(3)

        #expect(top.map(\.count) == [3, 1, 1])
        #expect(top.map(\.key.message) == ["Reden beëindiging ontbreekt", "Verwijstype ontbreekt", "Hulpvorm ‘09’ komt niet voor in de codelijst"],
                "two wrong codes are two causes; equal counts keep the order first met")
        #expect(tally.top(10).count == 4, "a warning keeps nothing out")
        #expect(CBSCauses.headline(.init(field: "x", message: "Iets ontbreekt.")) == "Iets ontbreekt")
    }

    /// The causes counted straight from the control's findings (not through the tally under
    /// test): episodes per finding message, for the period the dashboard shows.
    static func expected(_ app: Application) async throws -> [(message: String, count: Int)] {
        let period = DashboardPage.cbsPeriod(today: TestDatabase.today).range
        var counts: [String: Int] = [:]
        try await CBSEpisodeQuery.forEach(on: app.db, practice: DemoData.jeugdPractice, period: period) { episode in
            for finding in CBS.control(episode, period: period).findings { counts[finding.message, default: 0] += 1 }
        }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count > $1.count }
    }

    @Test("The CBS card lists the top causes with their counts and a link to the rows with findings", arguments: TestDatabase.available)
    func card(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let eva = try await DashboardTests.session(app, "administratie@jeugd.demo")
            let expected = try await Self.expected(app)
            let top = try #require(expected.first)
            #expect(top.count > 0, "the demo's jeugd practice has episodes the CBS control keeps out")

            let html = try await eva.get("/").body.string
            let practicePage = try await eva.get("/praktijken/demo-jeugd").body.string

            let href = "/praktijken/demo-jeugd/aanleveringen/cbs?jaar=2026&amp;periode=2&amp;meldingen=1"
            #expect(html.contains(#"<a href="\#(href)">\#(top.message): \#(LDOCauses.episodes(top.count))</a>"#),
                    "the cause that blocks most, with its count and the overview of rows with findings")
            let section = try #require(html.components(separatedBy: #"id="registry-demo-jeugd-cbs""#).dropFirst().first?
                .components(separatedBy: "</section>").first)
            let shown = section.components(separatedBy: "<li>").count - 1
            #expect(shown == min(DashboardPage.topCauses, expected.count), "the top \(DashboardPage.topCauses) only")
            #expect(section.contains("Wat de meeste episodes tegenhoudt:"))
            #expect(practicePage.contains(#"\#(top.message): \#(LDOCauses.episodes(top.count))</a>"#), "the practice's page too")

            // The overview behind the link lists the rows with findings.
            let overview = try await eva.get(href.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(overview.status == .ok && overview.body.string.contains("CBS-controle"))
        }
    }

    @Test("A cause that is fixed is gone from the card once the practice's figures are renewed", arguments: TestDatabase.available)
    func fixed(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let eva = try await DashboardTests.session(app, "administratie@jeugd.demo")
            #expect(try await eva.get("/").body.string.contains("Verwijstype ontbreekt: "), "the demo leaves some referrers empty")

            for episode in try await Episode.query(on: app.db).filter(\.$practiceID == DemoData.jeugdPractice).all()
            where episode.cbsReferrer == nil {
                episode.cbsReferrer = "01"
                try await episode.save(on: app.db)
            }
            // A change through a form drops the practice's figures (Request.auditedChange); here, by hand.
            await app.dashboardCache.invalidate(practice: DemoData.jeugdPractice)

            #expect(!(try await eva.get("/").body.string).contains("Verwijstype ontbreekt: "))
        }
    }

    @Test("A behandelaar reads the causes without a link into the deliveries", arguments: TestDatabase.available)
    func withoutDeliver(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let daan = try await DashboardTests.session(app, "behandelaar@jeugd.demo")
            let top = try #require(try await Self.expected(app).first)

            let html = try await daan.get("/").body.string

            #expect(html.contains("<li>\(top.message): \(LDOCauses.episodes(top.count))</li>"))
            #expect(!html.contains("/aanleveringen/cbs"))
        }
    }

    @Test("No CBS causes for a practice without CBS settings", arguments: TestDatabase.available)
    func noCBS(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let bram = try await DashboardTests.session(app, "administratie@oefen.demo")
            let html = try await bram.get("/").body.string
            #expect(!html.contains("registry-demo-oefen-cbs") && !html.contains("meldingen=1"))
        }
    }
}
