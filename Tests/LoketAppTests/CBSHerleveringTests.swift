// Herlevering (spec/cbs-jeugdhulp.md §1, docs/cbs.md): a second definitive delivery of a
// period replaces the first; withdrawing it makes the first current again; the guards
// refuse a running period, one CBS no longer takes, and a file without records, on every
// entry point; each episode keeps every delivery it went out in.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("CBS herlevering")
struct CBSHerleveringTests {
    let jh1 = HalfYear(year: 2026, half: 1)!

    @Test("A second delivery replaces the first; withdrawing it makes the first current again", arguments: TestDatabase.available)
    func replaceAndWithdraw(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            app.dependencies.ids = IDs(next: { prefix in prefix + UUID().uuidString.prefix(8).lowercased() })

            let first = try await CBSFinalDelivery.make(practice: practice, period: jh1, in: app.useCase(actor: "cli:a"))
            let preview = try await CBSFinalDelivery.preview(practice: practice, period: jh1, in: app.useCase(actor: "cli:a"))
            let second = try await CBSFinalDelivery.make(practice: practice, period: jh1, in: app.useCase(actor: "cli:b"))

            #expect(preview.replaces?.id == first.id && preview.refusal == nil && preview.records == 1 && preview.layout == "5.4")
            #expect(try await CBSDelivery.find(first.id!, on: app.db)?.replacedBy == second.id)
            #expect(second.isCurrent && second.layout == "5.4")
            #expect(try await CBSDeliveryHistory.current(practice: "p1", period: jh1, on: app.db)?.id == second.id)

            await #expect(throws: CBSFinalWithdrawal.Failure.self, "a reason is required") {
                try await CBSFinalWithdrawal.withdraw(second.id!, practice: practice, reason: "  ", in: app.useCase(actor: "cli:b"))
            }
            await #expect(throws: CBSFinalWithdrawal.Failure.self, "a replaced one is not withdrawn: the current one is") {
                try await CBSFinalWithdrawal.withdraw(first.id!, practice: practice, reason: "x", in: app.useCase(actor: "cli:b"))
            }
            try await CBSFinalWithdrawal.withdraw(second.id!, practice: practice, reason: "verkeerde versie", in: app.useCase(actor: "cli:b"))

            let withdrawn = try #require(try await CBSDelivery.find(second.id!, on: app.db))
            #expect(withdrawn.withdrawnAt != nil && withdrawn.withdrawalReason == "verkeerde versie" && withdrawn.withdrawnBy == "cli:b")
            #expect(try await CBSDeliveryHistory.current(practice: "p1", period: jh1, on: app.db)?.id == first.id)
            let history = try await CBSDeliveryHistory.of(episode: "ep1", on: app.db)
            #expect(history.map(\.deliveryID) == [second.id!, first.id!] || history.map(\.deliveryID) == [first.id!, second.id!])
            #expect(Set(history.map(\.state)) == ["withdrawn", "current"])
            let summary = CBSDeliverySummary(withdrawn)
            #expect(summary.layout == "5.4" && summary.withdrawalReason == "verkeerde versie" && summary.withdrawnAt != nil)
            let actions = try await (app.db as! any SQLDatabase).raw("SELECT action, detail FROM audit_entries WHERE action = 'cbs.withdraw'").all()
            #expect(actions.count == 1)
            #expect(try !(actions[0].decode(column: "detail", as: String.self)).contains("verkeerde"), "the user's text stays out of the log")
        }
    }

    @Test("A herlevering's changes: the record with a new postcode, on the page, in the API and the audit log", arguments: TestDatabase.available)
    func changes(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let practice = try #require(try await Practice.find("p1", on: app.db))
            app.dependencies.ids = IDs(next: { prefix in prefix + UUID().uuidString.prefix(8).lowercased() })
            let first = try await CBSFinalDelivery.make(practice: practice, period: jh1, format: .xlsx, in: app.useCase(actor: "cli:a"))
            #expect(first.fixedFile != nil, "a spreadsheet keeps its records in the fixed format")
            let alone = try await CBSFinalChanges.view(first.id!, practice: "p1", in: app.useCase(actor: "cli:a"))
            #expect(alone.previous == nil && alone.changes.added.count == 1 && alone.changes.added[0][.postcode] == "3511AB")

            try await (app.db as! any SQLDatabase).raw("UPDATE patients SET postcode = '1234AB' WHERE id = 'pt1'").run()
            let second = try await CBSFinalDelivery.make(practice: practice, period: jh1, in: app.useCase(actor: "cli:a"))
            #expect(second.fixedFile == nil, "an ASCII file is its own fixed format")
            let result = try await CBSFinalChanges.view(second.id!, practice: "p1", in: app.useCase(actor: "cli:a"))
            #expect(result.previous?.id == first.id)
            #expect(result.changes.changed.map(\.fields) == [[.postcode]] && result.changes.added.isEmpty && result.changes.removed.isEmpty)
            await #expect(throws: LoketError.self, "another practice's id is not found") {
                try await CBSFinalChanges.view(second.id!, practice: "p2", in: app.useCase(actor: "cli:a"))
            }

            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            let list = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1")
            #expect(list.body.string.contains(#"href="/praktijken/p1/aanleveringen/cbs/\#(second.id!)/wijzigingen""#))
            let page = try await carol.get("/praktijken/p1/aanleveringen/cbs/\(second.id!)/wijzigingen")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Postcode: 3511AB → 1234AB") && html.contains(#"href="/praktijken/p1/patienten/pt1">1001</a>"#))
            #expect(html.contains("0 toegevoegd, 0 verwijderd, 1 gewijzigd"))
            #expect(!html.contains("111222333"), "the page names the patient by number, never by BSN")
            for email in ["bob@p2.test", "alice@p1.test"] {
                let other = WebSession(app)
                try await other.signIn(email)
                #expect(try await other.get("/praktijken/p1/aanleveringen/cbs/\(second.id!)/wijzigingen").status == .forbidden, "\(email)")
            }

            let (_, token) = try await APIToken.create(name: "t", practiceID: "p1", actor: "test", on: app.db)
            try await app.testing().test(.GET, "api/v1/cbs/deliveries/\(second.id!)/changes", headers: ["Authorization": "Bearer \(token)"]) { res async throws in
                #expect(res.status == .ok)
                let summary = try JSONDecoder().decode(CBSChangesSummary.self, from: Data(res.body.readableBytesView))
                #expect(summary.previous == first.id && summary.changed.map(\.fields) == [[.postcode]] && summary.unchanged == 0)
                #expect(summary.changed[0].after[.postcode] == "1234AB")
            }
            let (_, other) = try await APIToken.create(name: "o", practiceID: "p2", actor: "test", on: app.db)
            try await app.testing().test(.GET, "api/v1/cbs/deliveries/\(second.id!)/changes", headers: ["Authorization": "Bearer \(other)"]) { res async in
                #expect(res.status == .notFound)
            }
            let views = try await (app.db as! any SQLDatabase).raw("SELECT detail FROM audit_entries WHERE action = 'cbs.view'").all()
            #expect(views.count == 4, "two by the use case, one page, one API read")
        }
    }

    @Test("Refused: a running period, one CBS no longer takes, a period without records", arguments: TestDatabase.available)
    func guards(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            // Every episode ended in JH-1 2026: JH-2 2026 has nothing to deliver.
            try await (app.db as! any SQLDatabase).raw("UPDATE episodes SET end_date = '2026-03-01'").run()
            let cases: [(HalfYear, String)] = [
                (HalfYear(year: 2027, half: 1)!, "de periode loopt nog"),
                (HalfYear(year: 2030, half: 1)!, "de periode loopt nog"),
                (HalfYear(year: 2025, half: 2)!, "CBS verwerkt alleen JH-2 2026 en JH-1 2026"),
                (HalfYear(year: 2026, half: 2)!, "er is niets aan te leveren"),
            ]
            for (period, message) in cases {
                let error = await #expect(throws: CBSFinalDelivery.Failure.self, "\(period)") {
                    try await CBSFinalDelivery.make(practice: practice, period: period, in: app.useCase(actor: "cli:test"))
                }
                #expect(error?.description.contains(message) == true, "\(period): \(error?.description ?? "")")
            }
            #expect(try await count("cbs_deliveries", on: app.db) == 0)

            let (_, token) = try await APIToken.create(name: "t", practiceID: "p1", actor: "test", on: app.db)
            try await app.testing().test(.POST, "api/v1/cbs/final?practice=p1&year=2027&period=1", headers: ["Authorization": "Bearer \(token)"]) { res async in
                #expect(res.status == .conflict && res.body.string.contains("de periode loopt nog"))
            }
            var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
                "loket", "final", "--practice", "p1", "--year", "2026", "--period", "1", "--on", "2026-06-30"]))
            context.application = app
            do {
                try await CBSCommand().run(using: &context)
                Issue.record("the CLI made a delivery of a running period")
            } catch let failure as CommandFailure {
                #expect(failure.description.contains("de periode loopt nog (tot en met 2026-06-30)"))
            }
            #expect(try await count("cbs_deliveries", on: app.db) == 0)
        }
    }

    @Test("Web: the confirmation says what replaces what; withdrawal from the list; the API withdraws too", arguments: TestDatabase.available)
    func web(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            _ = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1")
            _ = try await carol.post("/praktijken/p1/aanleveringen/cbs/definitief", ["jaar": "2026", "periode": "1", "bevestigd": "1"])
            let first = try #require(try await CBSDelivery.query(on: app.db).filter(\.$kind == "final").first())

            let confirm = try await carol.get("/praktijken/p1/aanleveringen/cbs/definitief?jaar=2026&periode=1&formaat=xlsx").body.string
            #expect(confirm.contains("Deze aanlevering vervangt de definitieve aanlevering van JH-1 2026, gemaakt op "),
                    "the replaced delivery named by its period and date")
            #expect(!confirm.contains(first.id!), "not by its id")
            #expect(confirm.contains("Standaard spreadsheet") || confirm.contains("spreadsheet"))
            let running = try await carol.get("/praktijken/p1/aanleveringen/cbs/definitief?jaar=2027&periode=1&formaat=ascii")
            #expect(running.status == .conflict && running.body.string.contains("de periode loopt nog"))
            #expect(!running.body.string.contains("Bevestigen: definitief maken"))

            _ = try await carol.post("/praktijken/p1/aanleveringen/cbs/definitief", ["jaar": "2026", "periode": "1", "formaat": "xlsx", "bevestigd": "1"])
            let second = try #require(try await CBSDelivery.query(on: app.db).filter(\.$replacedBy == nil).filter(\.$kind == "final").first())
            let page = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1").body.string
            #expect(page.contains("Vervangen door \(second.id!)") && page.contains("Huidige aanlevering"))
            #expect(page.contains("/aanleveringen/cbs/\(second.id!)/intrekken") && !page.contains("/aanleveringen/cbs/\(first.id!)/intrekken"))

            let refused = try await carol.post("/praktijken/p1/aanleveringen/cbs/\(second.id!)/intrekken", ["reden": ""])
            #expect(refused.headers.first(name: .location)?.contains("fout=") == true)
            let done = try await carol.post("/praktijken/p1/aanleveringen/cbs/\(second.id!)/intrekken", ["reden": "dubbel"])
            #expect(done.headers.first(name: .location)?.contains("ingetrokken=\(second.id!)") == true)
            #expect(try await CBSDeliveryHistory.current(practice: "p1", period: jh1, on: app.db)?.id == first.id)

            let (_, token) = try await APIToken.create(name: "t", practiceID: "p1", actor: "test", on: app.db)
            try await app.testing().test(.POST, "api/v1/cbs/deliveries/\(first.id!)/withdraw?reason=test",
                                         headers: ["Authorization": "Bearer \(token)"]) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(CBSDeliverySummary.self).withdrawalReason == "test")
            }
            #expect(try await CBSDeliveryHistory.current(practice: "p1", period: jh1, on: app.db) == nil)
            let episode = try await carol.get("/praktijken/p1/episodes/ep1").body.string
            #expect(episode.contains(">\(first.id!)</a>") && episode.contains(">\(second.id!)</a>"))
        }
    }
}

@Suite("CBS financing")
struct CBSFinancingTests {
    @Test("A PGB episode round-trips through the exchange format and is not in the control", arguments: TestDatabase.available)
    func pgb(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let document = sampleDocument.replacingOccurrences(of: #""cbs": { "careType": "02""#,
                                                               with: #""cbs": { "financing": "pgb", "careType": "02""#)
            #expect(document != sampleDocument)
            _ = try await ExchangeImport.run(Array(document.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))

            let report = try await CBSControlReport.run(on: app.db, practice: practice, period: HalfYear(year: 2026, half: 1)!)

            #expect(report.rows.isEmpty, "the PGB episode is not selected")
            #expect(try await Episode.find("ep1", on: app.db)?.cbsFinancing == "pgb")
            var exported = ""
            _ = try await ExchangeExport.run(on: app.db, practice: "p1") { exported += $0 }
            #expect(exported.contains(#""financing":"pgb""#) || exported.contains(#""financing": "pgb""#))
            let wrong = sampleDocument.replacingOccurrences(of: #""cbs": { "careType": "02""#, with: #""cbs": { "financing": "eigen", "careType": "02""#)
            let error = await #expect(throws: ExchangeErrors.self) { try await ExchangeImport.run(Array(wrong.utf8), on: app.db, actor: "test") }
            #expect(error?.errors.first?.path == "episodes[0].cbs.financing")
        }
    }

    @Test("The episode form sets the financing; a PGB episode leaves the overview", arguments: TestDatabase.available)
    func form(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            let page = try await carol.get("/praktijken/p1/episodes/ep1").body.string
            #expect(page.contains("Financiering") && page.contains(#"<option value="zin" selected>"#))

            let saved = try await carol.post("/praktijken/p1/episodes/ep1", ["start": "2026-01-10", "cbsSection": "1", "cbsFinancing": "pgb",
                                                                             "cbsCareType": "02", "cbsReferrer": "02"])
            let refused = try await carol.post("/praktijken/p1/episodes/ep1", ["start": "2026-01-10", "cbsSection": "1", "cbsFinancing": "x"])

            #expect(saved.status == .seeOther)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Kies zorg in natura of persoonsgebonden budget."))
            #expect(try await Episode.find("ep1", on: app.db)?.cbsFinancing == "pgb")
            let overview = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1").body.string
            #expect(overview.contains("0 van 0 rijen aanleverbaar"))
        }
    }
}

@Suite("CBS stored controls")
struct CBSStoredControlTests {
    @Test("A control keeps its rows: Details shows them as they were, with what changed since the one before", arguments: TestDatabase.available)
    func stored(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            _ = try await carol.get("/praktijken/p1/aanleveringen/cbs")
            // A first control while ep1 misses its verwijzer, a second after the fix.
            try await (app.db as! any SQLDatabase).raw("UPDATE episodes SET cbs_referrer = NULL WHERE id = 'ep1'").run()
            let first = try #require(try await carol.post("/praktijken/p1/aanleveringen/cbs/controle", ["jaar": "2026", "periode": "1"])
                .headers.first(name: .location))
            try await (app.db as! any SQLDatabase).raw("UPDATE episodes SET cbs_referrer = '02' WHERE id = 'ep1'").run()
            let second = try #require(try await carol.post("/praktijken/p1/aanleveringen/cbs/controle", ["jaar": "2026", "periode": "1"])
                .headers.first(name: .location))
            try await (app.db as! any SQLDatabase).raw("UPDATE episodes SET cbs_referrer = NULL WHERE id = 'ep1'").run()

            let then = try await carol.get(first).body.string
            let later = try await carol.get(second).body.string
            let now = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1").body.string

            #expect(then.contains("0 van 1 rijen aanleverbaar") && then.contains("de rijen zoals ze toen waren"))
            #expect(later.contains("1 van 1 rijen aanleverbaar"), "as it was, not as the data is now")
            #expect(later.contains("1 rijen nu aanleverbaar, 0 niet meer, 0 nieuw, 0 vervallen"))
            #expect(later.contains(#"Nu aanleverbaar: <a href="/praktijken/p1/episodes/ep1">1001</a>"#), "the episode behind the count")
            #expect(now.contains("0 van 1 rijen aanleverbaar") && !now.contains("cbs-stored"))
            #expect(now.contains(">Details</a>"))
            let controlID = String(try #require(second.split(separator: "=").last))
            let csv = try await carol.get("/praktijken/p1/aanleveringen/cbs.csv?jaar=2026&periode=1&controle=\(controlID)")
            #expect(csv.status == .ok && csv.body.string.contains("\nJa;") && !csv.body.string.contains("\nNee;"), "the stored control's rows: deliverable then")
            #expect(try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1&controle=cbs_nope").status == .notFound)
            let otherPeriod = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2025&periode=2&controle=\(controlID)").body.string
            #expect(otherPeriod.contains("1 van 1 rijen aanleverbaar") && otherPeriod.contains("JH-1 2026 (01-01-2026"),
                    "a stored control shows its own period, whatever the query says")
            let bob = WebSession(app)
            try await bob.signIn("bob@p2.test")
            #expect(try await bob.get("/praktijken/p2/aanleveringen/cbs?jaar=2026&periode=1&controle=\(controlID)").status != .ok,
                    "another practice's control is not shown")
            #expect(try await count("cbs_control_rows", on: app.db) == 2)
        }
    }
}
