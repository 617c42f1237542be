// The episode form's sections "Gegevens CBS" and "Gegevens LDO": code lists only, a score
// of 1–10, nothing saved on an error, hulpvorm 02 on a new episode, the "LDO" button.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Episode form: CBS and LDO sections")
struct EpisodeRegistryFormTests {
    @Test("CBS fields save from their lists; a score of 11 saves nothing", arguments: TestDatabase.available)
    func cbs(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            let page = try await alice.get("/praktijken/p1/episodes/ep1").body.string
            #expect(page.contains("Gegevens CBS") && page.contains("Gegevens LDO"))
            let base = ["start": "2026-01-10", "mainPractitionerID": "e1", "cbsSection": "1", "cbsCareType": "02", "cbsReferrer": "02"]

            let bad = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(["cbsYouthSatisfaction": "11", "cbsReferrer": "05"]) { $1 })
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Vul een heel getal van 1 tot en met 10 in."))
            #expect(try await Episode.find("ep1", on: app.db)?.cbsReferrer == "02", "nothing saved")
            let unknown = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(["cbsEndReason": "99"]) { $1 })
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("Kies een waarde uit de lijst Reden beëindiging."))

            let good = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(
                ["cbsStartedInCrisis": "ja", "cbsReferrer": "03", "cbsYouthSatisfaction": "7", "cbsParentWithoutFurtherHelp": "04"]) { $1 })
            #expect(good.status == .seeOther)
            let e = try #require(try await Episode.find("ep1", on: app.db))
            #expect(e.cbsStartedInCrisis && e.cbsReferrer == "03" && e.cbsYouthSatisfaction == 7 && e.cbsParentWithoutFurtherHelp == "04")
            #expect(e.ldoDCSPH == "1906", "a post without the LDO section leaves it alone")

            // The page shows each list at its stored value, and only that one.
            let shown = try await alice.get("/praktijken/p1/episodes/ep1").body.string
            for (list, code) in [("cbsReferrer", "03"), ("cbsCareType", "02"), ("cbsParentWithoutFurtherHelp", "04"), ("mainPractitionerID", "e1")] {
                let start = try #require(shown.range(of: #"name="\#(list)""#), "\(list)")
                let select = String(shown[start.upperBound...].components(separatedBy: "</select>")[0])
                #expect(select.contains(#"<option value="\#(code)" selected>"#), "\(list) shows \(code)")
                #expect(select.components(separatedBy: " selected>").count == 2, "\(list): one option selected")
            }
            // After an error the form shows what was sent, not what is stored.
            let again = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(["cbsYouthSatisfaction": "0", "cbsReferrer": "04"]) { $1 })
            #expect(again.body.string.contains(#"<option value="04" selected>"#))
        }
    }

    @Test("The administratie fixes the registry sections, never the care record itself", arguments: TestDatabase.available)
    func administratie(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            let page = try await carol.get("/praktijken/p1/episodes/ep1").body.string
            #expect(page.contains(#"<fieldset id="cbs" >"#), "the CBS section is open to her")
            let saved = try await carol.post("/praktijken/p1/episodes/ep1",
                                             ["start": "2020-01-01", "end": "2026-12-31", "cbsSection": "1", "cbsCareType": "02", "cbsReferrer": "04"])
            #expect(saved.status == .seeOther)
            let e = try #require(try await Episode.find("ep1", on: app.db))
            #expect(e.cbsReferrer == "04")
            #expect(e.startDate == "2026-01-10" && e.endDate == nil, "the dates she sent are ignored")
            #expect(try await carol.post("/praktijken/p1/episodes/ep1/behandelingen", ["date": "2026-03-01"]).status == .forbidden)
            let bob = WebSession(app)
            try await bob.signIn("bob@p2.test")
            #expect(try await bob.post("/praktijken/p1/episodes/ep1", ["cbsSection": "1"]).status == .forbidden)
        }
    }

    @Test("A new episode of a CBS practice starts as hulpvorm 02", arguments: TestDatabase.available)
    func defaultCareType(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/patienten/pt1/episodes/nieuw")
            let made = try await alice.post("/praktijken/p1/patienten/pt1/episodes/nieuw", ["start": "2026-05-01"])
            #expect(made.status == .seeOther)
            let id = try #require(made.headers.first(name: .location)?.split(separator: "/").last.map(String.init))
            #expect(try await Episode.find(id, on: app.db)?.cbsCareType == "02")
        }
    }

    @Test("The LDO button lists what is missing; after the fix, Opnieuw controleren is clean", arguments: TestDatabase.available)
    func ldoButton(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/episodes/ep1")
            let base = ["start": "2026-01-10", "mainPractitionerID": "e1", "ldoSection": "1", "ldoConsent": "given",
                        "ldoAccessRoute": "referral", "ldoReferrerType": "huisarts"]
            let saved = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(["ldoDCSPH": "19", "ldoCheck": "1"]) { $1 })
            #expect(saved.headers.first(name: .location)?.contains("ldo=1") == true, "the check stays open after saving")
            let check = try await alice.get(try #require(saved.headers.first(name: .location))).body.string
            #expect(check.contains("Wat LDO nog mist") && check.contains("Opnieuw controleren"))
            #expect(check.contains("DCSPH"))

            let fixed = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(["ldoDCSPH": "1906", "ldoCheck": "1"]) { $1 })
            let clean = try await alice.get(try #require(fixed.headers.first(name: .location))).body.string
            #expect(clean.contains("Geen meldingen: deze episode is compleet voor LDO."))
        }
    }
}

@Suite("Dashboard counts")
struct DashboardCountsTests {
    @Test("The counts are kept between views and redone after a change made here", arguments: TestDatabase.available)
    func invalidated(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            let first = try await alice.get("/").body.string
            #expect(first.contains("0 van 1 episodes met controlemeldingen"))
            #expect(first.contains("1 patiënten · 1 behandelepisodes, waarvan 1 lopend"))
            // Changed behind the app's back (another instance, the CLI): the kept counts stay.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE episodes SET cbs_referrer = NULL WHERE id = 'ep1'").run()
            try await sql.raw("INSERT INTO patients (id, practice_id, number, identity_verified) VALUES ('pt-behind', 'p1', '999', false)").run()
            let kept = try await alice.get("/").body.string
            #expect(kept.contains("0 van 1 episodes met controlemeldingen"))
            #expect(kept.contains("1 patiënten · 1 behandelepisodes"))
            // Changed through the form: counted again at once.
            _ = try await alice.get("/praktijken/p1/episodes/ep1")
            let saved = try await alice.post("/praktijken/p1/episodes/ep1",
                                             ["start": "2026-01-10", "mainPractitionerID": "e1", "cbsSection": "1", "cbsCareType": "02"])
            #expect(saved.status == .seeOther)
            let redone = try await alice.get("/").body.string
            #expect(redone.contains("1 van 1 episodes met controlemeldingen"))
            #expect(redone.contains("2 patiënten · 1 behandelepisodes"), "the counts are redone with the findings")
        }
    }
}
