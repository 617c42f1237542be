// The dashboard as a practice user reads it (issue 17): per registry what is due and by
// when, whether this month's LDO delivery is made, the last delivery with its link, and the
// causes that keep most episodes out; the Aanleveringen tab opening the practice's
// registry; the Medewerkers page flagging a practitioner without a BIG number.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("Dashboard")
struct DashboardTests {
    /// The demo data (both practices) on TestDatabase.today (2027-01-15), with a PVM folder
    /// for the exercise practice and the demo accounts.
    static func withDemo(_ kind: TestDatabase, _ body: (Application) async throws -> Void) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = NSTemporaryDirectory() + "loket-pvm-" + UUID().uuidString
            _ = try await DemoData.load(into: app.db, seed: 5, today: TestDatabase.today, patientsPerPractice: 40, pvmFolder: folder)
            try await DemoAccounts.create(on: app)
            try await body(app)
        }
    }

    static func session(_ app: Application, _ email: String) async throws -> WebSession {
        let s = WebSession(app)
        try await s.signIn(email, DemoAccounts.password)
        return s
    }

    /// The episodes the LDO check keeps out for L. Smit's missing BIG number, counted
    /// straight from the check's findings (not through the grouping under test).
    static func smitBlocked(_ app: Application) async throws -> Int {
        let practice = try #require(try await Practice.find(DemoData.oefenPractice, on: app.db))
        let report = try await LDOCheckReport.run(on: app.db, practice: practice, deliveryDate: TestDatabase.today)
        return report.excluded.filter { $0.findings.contains { $0.field == "big" } }.count
    }

    @Test("LDO: due this month with its window, no delivery yet, and the cause that blocks most", arguments: TestDatabase.available)
    func ldoDue(_ kind: TestDatabase) async throws {
        try await Self.withDemo(kind) { app in
            let bram = try await Self.session(app, "administratie@oefen.demo")
            let blocked = try await Self.smitBlocked(app)
            #expect(blocked > 0, "the demo's practitioner without a BIG number has candidates")

            let html = try await bram.get("/").body.string

            #expect(!html.contains("Laatste aanleveringen: nog geen."), "the fixed text is gone")
            #expect(html.contains("Aanlevering van januari 2027 over 01-10-2026 t/m 31-12-2026: nog niet gedaan"))
            #expect(html.contains("Laatste aanlevering: nog geen."))
            #expect(html.contains(#"id="action-demo-oefen-ldo" href="/praktijken/demo-oefen/aanleveringen/ldo/nieuw">Aanleveren</a>"#))
            #expect(html.contains(#"href="/praktijken/demo-oefen/aanleveringen/ldo">LDO-aanleveringen</a>"#), "a way into the LDO deliveries")
            #expect(html.contains(#"<a href="/praktijken/demo-oefen/medewerkers/demo-oefen-e4">L. Smit heeft geen BIG-nummer: \#(blocked) episodes</a>"#),
                    "the top cause names the practitioner and links to where the fix is made")
        }
    }

    @Test("LDO: after this month's delivery the card says done and links to it; a rejected one does not count", arguments: TestDatabase.available)
    func ldoDone(_ kind: TestDatabase) async throws {
        try await Self.withDemo(kind) { app in
            let bram = try await Self.session(app, "administratie@oefen.demo")
            let practice = try #require(try await Practice.find(DemoData.oefenPractice, on: app.db))

            let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: TestDatabase.today, in: app.useCase(actor: "cli:test"))
            let html = try await bram.get("/").body.string

            let href = "/praktijken/demo-oefen/aanleveringen/ldo/\(d.id!)"
            #expect(html.contains("<strong>Gedaan:</strong> Aanlevering van januari 2027 (01-10-2026 t/m 31-12-2026) is gedaan op"))
            #expect(html.contains(#"id="action-demo-oefen-ldo" href="\#(href)">Aanlevering van deze maand bekijken</a>"#))
            #expect(html.contains(#"<a href="\#(href)">\#(AuditTime.dutch(d.madeAt)) · periode 01-10-2026 t/m 31-12-2026 · Klaargezet</a>"#))
            #expect(html.contains("Opnieuw aanleveren"))

            d.status = LDODelivery.Status.rejected.rawValue
            try await d.save(on: app.db)
            let again = try await bram.get("/").body.string
            #expect(again.contains("nog niet gedaan") && again.contains("· Afgekeurd</a>"), "rejected: nothing taken, still due")
            #expect(again.contains(#"id="action-demo-oefen-ldo" href="/praktijken/demo-oefen/aanleveringen/ldo/nieuw">Aanleveren</a>"#))
        }
    }

    @Test("A behandelaar (who may not deliver) reads what is due, without the action or links into deliveries", arguments: TestDatabase.available)
    func withoutDeliver(_ kind: TestDatabase) async throws {
        try await Self.withDemo(kind) { app in
            let anna = try await Self.session(app, "behandelaar@oefen.demo")
            let bram = try await Self.session(app, "administratie@oefen.demo")

            let html = try await anna.get("/").body.string

            #expect(html.contains("nog niet gedaan") && html.contains("L. Smit heeft geen BIG-nummer: "))
            #expect(!html.contains("action-demo-oefen-ldo") && !html.contains("/aanleveringen/ldo"))
            #expect(try await bram.get("/").body.string.contains("action-demo-oefen-ldo"), "the administratie does get it")
        }
    }

    @Test("CBS: the period, its deadline and herlevering; the last delivery; no LDO for a jeugd practice", arguments: TestDatabase.available)
    func cbs(_ kind: TestDatabase) async throws {
        try await Self.withDemo(kind) { app in
            let eva = try await Self.session(app, "administratie@jeugd.demo")

            let before = try await eva.get("/").body.string
            #expect(before.contains("JH-2 2026: definitief aanleveren vóór 21-01-2027, met herlevering van JH-1 2026. Nog niet gedaan."))
            #expect(before.contains("CBS-controle") && !before.contains("registry-ldo"))
            #expect(before.contains("Laatste aanlevering: nog geen."))

            let practice = try #require(try await Practice.find(DemoData.jeugdPractice, on: app.db))
            try await CBSControlRun.make(practice: practice, period: HalfYear(year: 2026, half: 2)!, in: app.useCase(actor: "cli:test"))
            let after = try await eva.get("/praktijken/demo-jeugd").body.string
            #expect(after.contains("· JH-2 2026 · controle</a>"), "the practice page shows the last delivery too")
            #expect(!after.contains("Laatste aanleveringen: nog geen."))
        }
    }

    @Test("The Aanleveringen tab opens the registry the practice uses", arguments: TestDatabase.available)
    func tabTarget(_ kind: TestDatabase) async throws {
        try await Self.withDemo(kind) { app in
            let bram = try await Self.session(app, "administratie@oefen.demo")
            let eva = try await Self.session(app, "administratie@jeugd.demo")

            let ldo = try await bram.get("/praktijken/demo-oefen/aanleveringen")
            let cbs = try await eva.get("/praktijken/demo-jeugd/aanleveringen")

            #expect(ldo.headers.first(name: .location) == "/praktijken/demo-oefen/aanleveringen/ldo", "LDO only: LDO")
            #expect(cbs.headers.first(name: .location) == "/praktijken/demo-jeugd/aanleveringen/cbs", "CBS only: CBS")
            // Both, on 2027-01-15: within JH-2 2026's three weeks, so CBS is the one due.
            let practice = try #require(try await Practice.find(DemoData.oefenPractice, on: app.db))
            practice.cbsCorrespondenceNumber = "0000000815"
            try await practice.save(on: app.db)
            #expect(try await bram.get("/praktijken/demo-oefen/aanleveringen").headers.first(name: .location)
                    == "/praktijken/demo-oefen/aanleveringen/cbs")
        }
    }

    @Test("The tab's registry, case by case", arguments: [
        ("LDO only", true, false, "2027-03-10", DeliveryTabs.Registry.ldo),
        ("CBS only", false, true, "2027-03-10", .cbs),
        ("neither: as before, CBS", false, false, "2027-03-10", .cbs),
        ("both, outside the CBS weeks: the monthly LDO", true, true, "2027-03-10", .ldo),
        ("both, on the CBS deadline of JH-2", true, true, "2027-01-21", .cbs),
        ("both, the day after the deadline", true, true, "2027-01-22", .ldo),
        ("both, the first day after JH-1 ended", true, true, "2027-07-01", .cbs),
    ])
    func landing(_ name: String, _ ldo: Bool, _ cbs: Bool, _ day: String, _ expected: DeliveryTabs.Registry) {
        #expect(DeliveryTabs.landing(ldoOptIn: ldo, cbs: cbs, today: LocalDate(iso: day)!) == expected, "\(name)")
    }

    @Test("Medewerkers flags the practitioner without a BIG number with the episodes it blocks", arguments: TestDatabase.available)
    func employeesFlag(_ kind: TestDatabase) async throws {
        try await Self.withDemo(kind) { app in
            let bram = try await Self.session(app, "administratie@oefen.demo")
            let blocked = try await Self.smitBlocked(app)

            let html = try await bram.get("/praktijken/demo-oefen/medewerkers").body.string

            #expect(html.contains("L. Smit heeft geen BIG-nummer: \(blocked) episodes gaan daardoor niet mee met de LDO-aanlevering van deze maand."))
            #expect(html.contains(#"<span class="flag ldo-flag">Geen BIG-nummer: \#(blocked) episodes gaan niet naar de LDO</span>"#))
            #expect(html.components(separatedBy: "ldo-flag").count == 2, "only L. Smit is flagged")

            // Fixed: no flag. And the form's error page (no flags computed) still renders.
            let smit = try #require(try await Employee.find("demo-oefen-e4", on: app.db))
            smit.big = "19012345601"
            try await smit.save(on: app.db)
            #expect(!(try await bram.get("/praktijken/demo-oefen/medewerkers").body.string).contains("ldo-flag"))
            let bad = try await bram.post("/praktijken/demo-oefen/medewerkers", ["name": "", "big": "1", "agb": ""])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Medewerker toevoegen"))
        }
    }

    @Test("Medewerkers flags nothing for a practice that does not deliver to the LDO", arguments: TestDatabase.available)
    func employeesNoLDO(_ kind: TestDatabase) async throws {
        try await Self.withDemo(kind) { app in
            let eva = try await Self.session(app, "administratie@jeugd.demo")
            let html = try await eva.get("/praktijken/demo-jeugd/medewerkers").body.string
            #expect(html.contains("K. Bos") && !html.contains("ldo-flag"))
        }
    }
}
