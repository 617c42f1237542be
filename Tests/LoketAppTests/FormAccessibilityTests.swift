// What the forms tell assistive technology, and the ways around a page: a field with an error
// is aria-invalid and described by its message; the episode's LDO findings sit at their
// fields; a refusal is the patient's choice, not a finding; "← Terug" only within the site.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("Form accessibility and the way back")
struct FormAccessibilityTests {
    /// The opening tag of the element with this id.
    private func tag(_ html: String, id: String) throws -> String {
        let start = try #require(html.range(of: #"id="\#(id)""#), "no element \(id)")
        let open = try #require(html[..<start.lowerBound].range(of: "<", options: .backwards))
        return String(html[open.lowerBound...].prefix { $0 != ">" })
    }

    @Test("A field with an error is aria-invalid and described by its message", arguments: TestDatabase.available)
    func ariaOnErrors(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/patienten/pt1/bewerken")

            let patient = try await alice.post("/praktijken/p1/patienten/pt1/bewerken",
                                               ["number": "1001", "name": "Sam Jansen", "bsn": "123", "municipalityCode": "12"])

            #expect(patient.status == .unprocessableEntity)
            let html = patient.body.string
            for field in ["bsn", "municipalityCode"] {
                let input = try tag(html, id: field)
                #expect(input.contains(#"aria-invalid="true""#) && input.contains(#"aria-describedby="\#(field)-error""#), "\(input)")
                #expect(html.contains(#"<p class="field-error" id="\#(field)-error">"#))
            }
            #expect(!(try tag(html, id: "name")).contains("aria-invalid"), "a good field is not marked")
            #expect(html.contains(#"class="error error-summary""#), "the summary the focus goes to without a field")

            _ = try await alice.get("/praktijken/p1/patienten/pt1/episodes/nieuw")
            let episode = try await alice.post("/praktijken/p1/patienten/pt1/episodes/nieuw", ["start": "2026-13-40"])
            let start = try tag(episode.body.string, id: "start")
            #expect(start.contains(#"aria-invalid="true""#) && start.contains(#"aria-describedby="start-error""#))

            let saved = try await alice.post("/praktijken/p1/episodes/ep1", ["start": "", "mainPractitionerID": "e1"])
            #expect(saved.status == .unprocessableEntity)
            let page = saved.body.string
            #expect(try tag(page, id: "start").contains(#"aria-describedby="start-error""#))
            #expect(page.contains(#"id="start-error""#))
        }
    }

    @Test("The episode's LDO findings are marked at their fields", arguments: TestDatabase.available)
    func findingsAtFields(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/episodes/ep1")
            let base = ["start": "2026-01-10", "mainPractitionerID": "e1", "ldoSection": "1", "ldoConsent": "given",
                        "ldoAccessRoute": "referral", "ldoReferrerType": "huisarts", "ldoCheck": "1"]

            let saved = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(["ldoDCSPH": "19"]) { $1 })
            let page = try await alice.get(try #require(saved.headers.first(name: .location))).body.string

            let dcsph = try tag(page, id: "ldoDCSPH")
            #expect(dcsph.contains(#"aria-describedby="ldo-finding-ldoDCSPH""#) && !dcsph.contains("aria-invalid"), "\(dcsph)")
            #expect(page.contains(#"has-finding">"#))
            #expect(page.contains(#"<p class="field-finding" id="ldo-finding-ldoDCSPH">LDO: "#))
            #expect(page.contains(##"<a href="#ldoDCSPH">"##), "the finding in the box points at its field")
            #expect(!(try tag(page, id: "ldoAccessRoute")).contains("aria-describedby"), "a field without a finding is not marked")

            // Page model: each finding's field; one elsewhere links to the page of the fix.
            let e = try #require(try await Episode.find("ep1", on: app.db))
            let shown = EpisodePage.LDOCheck.lines([Finding(field: "dcsph", kind: .invalid, message: "DCSPH"),
                                                    Finding(field: "postcode", kind: .missing, message: "Postcode")],
                                                   practice: "p1", episode: e, back: "/praktijken/p1/episodes/ep1?ldo=1")
            #expect(shown.lines.map(\.field) == ["ldoDCSPH", nil])
            #expect(shown.lines[1].href == "/praktijken/p1/patienten/pt1/bewerken?terug=/praktijken/p1/episodes/ep1%3Fldo%3D1")
        }
    }

    @Test("Bezwaar is the patient's choice, not something LDO misses", arguments: TestDatabase.available)
    func refusal(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/episodes/ep1")

            let saved = try await alice.post("/praktijken/p1/episodes/ep1", [
                "start": "2026-01-10", "mainPractitionerID": "e1", "ldoSection": "1", "ldoConsent": "refused",
                "ldoAccessRoute": "referral", "ldoReferrerType": "huisarts", "ldoDCSPH": "1906", "ldoCheck": "1"])
            let page = try await alice.get(try #require(saved.headers.first(name: .location))).body.string

            #expect(page.contains(#"id="ldo-refused""#) && page.contains("Dat is de keuze van de patiënt"))
            #expect(!page.contains("Wat LDO nog mist"), "nothing else is missing, and the refusal is not listed")
            #expect(!page.contains("compleet voor LDO"), "a refused episode is not called complete")
            #expect(try tag(page, id: "ldoConsent").contains(#"aria-describedby="ldo-refused""#))
        }
    }

    @Test("A return path is a path of this site", arguments: [
        ("/praktijken/p1/aanleveringen/ldo/nieuw/controleren", true), ("/praktijken/p1/episodes/ep1?ldo=1", true),
        ("https://evil.example/", false), ("//evil.example/x", false), ("/\\evil.example", false), ("javascript:alert(1)", false),
        ("", false), ("/a b", false),
    ])
    func returnPath(_ value: String, _ accepted: Bool) {
        #expect((Layout.returnPath(value) != nil) == accepted)
    }

    @Test("“← Terug” shows for a local path, not for another site, and stays after saving", arguments: TestDatabase.available)
    func wayBack(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            let step2 = "/praktijken/p1/aanleveringen/ldo/nieuw/controleren"

            let page = try await alice.get("/praktijken/p1/episodes/ep1?terug=\(step2.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").body.string

            #expect(page.contains(#"<a href="\#(step2)" id="terug">← Terug</a>"#))
            #expect(page.contains(#"<input type="hidden" name="terug" value="\#(step2)">"#))
            for evil in ["https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example%2Fx", "%2F%5Cevil.example"] {
                let other = try await alice.get("/praktijken/p1/episodes/ep1?terug=\(evil)").body.string
                #expect(!other.contains(#"id="terug""#) && !other.contains("evil.example"), "\(evil)")
            }

            let saved = try await alice.post("/praktijken/p1/episodes/ep1", ["start": "2026-01-10", "mainPractitionerID": "e1", "terug": step2])
            let location = try #require(saved.headers.first(name: .location))
            #expect(location.hasPrefix("/praktijken/p1/episodes/ep1?opgeslagen=1&terug="))
            #expect(try await alice.get(location).body.string.contains(#"<a href="\#(step2)" id="terug">"#))
            let refused = try await alice.post("/praktijken/p1/episodes/ep1", ["start": "2026-01-10", "mainPractitionerID": "e1", "terug": "//evil.example"])
            #expect(refused.headers.first(name: .location) == "/praktijken/p1/episodes/ep1?opgeslagen=1")

            // A form sent back with errors keeps the way back (its hidden field).
            let form = try await alice.get("/praktijken/p1/patienten/pt1/bewerken?terug=%2Fpraktijken%2Fp1%2Fepisodes%2Fep1").body.string
            #expect(form.contains(#"<input type="hidden" name="terug" value="/praktijken/p1/episodes/ep1">"#))
            let again = try await alice.post("/praktijken/p1/patienten/pt1/bewerken",
                                             ["number": "1001", "name": "Sam Jansen", "bsn": "123", "terug": "/praktijken/p1/episodes/ep1"])
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains(#"<a href="/praktijken/p1/episodes/ep1" id="terug">← Terug</a>"#))
        }
    }
}

extension FormAccessibilityTests {
    @Test("The episode's CBS findings are marked at their fields", arguments: TestDatabase.available)
    func cbsFindingsAtFields(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/episodes/ep1")

            let saved = try await alice.post("/praktijken/p1/episodes/ep1",
                                             ["start": "2026-01-10", "mainPractitionerID": "e1", "cbsSection": "1", "cbsCareType": "02"])
            #expect(saved.status == .seeOther)
            let page = try await alice.get("/praktijken/p1/episodes/ep1").body.string

            #expect(page.contains(#"id="cbs-check""#))
            let referrer = try tag(page, id: "cbsReferrer")
            #expect(referrer.contains(#"aria-describedby="cbs-finding-cbsReferrer""#), "\(referrer)")
            #expect(page.contains(#"<p class="field-finding" id="cbs-finding-cbsReferrer">CBS: "#))
            #expect(page.contains(##"<a href="#cbsReferrer">"##))
            #expect(!(try tag(page, id: "cbsCareType")).contains("aria-describedby"))
        }
    }
}
