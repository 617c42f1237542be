// The practice's own pages: settings, employees, users and API tokens, each with who may
// and who may not, and the checks of their forms.

import Fluent
import Foundation
@testable import LoketApp
import Testing
import Vapor
import VaporTesting

@Suite("Practice pages")
struct PracticePagesTests {
    @Test("Settings: administratie and beheerder may, a behandelaar may not; bad input named", arguments: TestDatabase.available)
    func settings(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app), carol = WebSession(app)
            try await alice.signIn("alice@p1.test")
            try await carol.signIn("carol@p1.test")
            #expect(try await alice.get("/praktijken/p1/instellingen").status == .forbidden)
            let page = try await carol.get("/praktijken/p1/instellingen")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(#"value="0000004711""#), "the correspondence number is shown padded")

            let bad = try await carol.post("/praktijken/p1/instellingen",
                                           ["name": "Praktijk De Linde", "kvk": "1234567", "cbsCorrespondenceNumber": "12345678901"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Een KvK-nummer heeft 8 cijfers."))
            #expect(bad.body.string.contains("hoogstens 10 cijfers"))
            #expect(try await Practice.find("p1", on: app.db)?.kvk == "12345678", "nothing half-saved")

            let ok = try await carol.post("/praktijken/p1/instellingen",
                                          ["name": "Praktijk De Linde", "kvk": "87654321", "cbsCorrespondenceNumber": "815",
                                           "cbsMirrorReportConsent": "nee", "ldoOptIn": "on"])
            #expect(ok.status == .seeOther)
            let p = try #require(try await Practice.find("p1", on: app.db))
            #expect(p.kvk == "87654321" && p.cbsCorrespondenceNumber == "0000000815" && p.cbsMirrorReportConsent == "nee" && p.ldoOptIn)
        }
    }

    @Test("Employees: BIG of 11 digits, AGB of 8", arguments: TestDatabase.available)
    func employees(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            _ = try await carol.get("/praktijken/p1/medewerkers")
            let bad = try await carol.post("/praktijken/p1/medewerkers", ["name": "C. Nieuw", "big": "123", "agb": "0712345"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Een BIG-nummer heeft 11 cijfers.") && bad.body.string.contains("Een AGB-code heeft 8 cijfers."))
            let ok = try await carol.post("/praktijken/p1/medewerkers", ["name": "C. Nieuw", "big": "190 123 456 01", "agb": "07123457"])
            #expect(ok.status == .seeOther)
            #expect(try await Employee.query(on: app.db).filter(\.$name == "C. Nieuw").first()?.big == "19012345601")
            let bob = WebSession(app)
            try await bob.signIn("bob@p2.test")
            #expect(try await bob.get("/praktijken/p1/medewerkers/e1").status == .forbidden)
            _ = try await carol.get("/praktijken/p1/medewerkers")
            #expect(try await carol.get("/praktijken/p1/medewerkers/e2").status == .notFound, "p2's employee through p1's path")
        }
    }

    @Test("Users: the beheerder adds one who can then sign in with that role", arguments: TestDatabase.available)
    func users(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let dave = WebSession(app), alice = WebSession(app)
            try await dave.signIn("dave@p1.test")
            try await alice.signIn("alice@p1.test")
            #expect(try await alice.get("/praktijken/p1/gebruikers").status == .forbidden)
            _ = try await dave.get("/praktijken/p1/gebruikers")

            let short = try await dave.post("/praktijken/p1/gebruikers", ["email": "erik@p1.test", "name": "Erik", "role": "behandelaar", "password": "kort"])
            #expect(short.status == .unprocessableEntity && short.body.string.contains("minstens 12 tekens"))
            let added = try await dave.post("/praktijken/p1/gebruikers",
                                            ["email": "erik@p1.test", "name": "Erik", "role": "behandelaar", "password": "erik-zijn-wachtwoord"])
            #expect(added.status == .seeOther)

            let erik = WebSession(app)
            #expect(try await erik.signIn("erik@p1.test", "erik-zijn-wachtwoord").status == .seeOther)
            #expect(try await erik.get("/praktijken/p1/patienten").status == .ok)

            let membership = try #require(try await Membership.query(on: app.db).filter(\.$practiceID == "p1").all()
                .first { m in m.role == "beheerder" })
            _ = try await dave.get("/praktijken/p1/gebruikers")
            let selfRemoval = try await dave.post("/praktijken/p1/gebruikers/\(membership.id!)/verwijderen", [:])
            #expect(selfRemoval.status == .badRequest, "a beheerder cannot remove themself")
        }
    }

    @Test("API tokens: made by the beheerder, shown once, limited to the practice, revocable", arguments: TestDatabase.available)
    func tokens(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let dave = WebSession(app)
            try await dave.signIn("dave@p1.test")
            _ = try await dave.get("/praktijken/p1/tokens")
            let made = try await dave.post("/praktijken/p1/tokens", ["name": "EPD-koppeling"])
            let html = made.body.string
            let start = try #require(html.range(of: #"<code id="new-token">"#))
            let secret = String(html[start.upperBound...].prefix { $0 != "<" })
            #expect(secret.hasPrefix("lkt_"))
            #expect(!(try await dave.get("/praktijken/p1/tokens").body.string.contains(secret)), "shown once")

            let p1Only = #"{"format": "loket-exchange/1", "employees": [{"id": "e7", "practiceId": "p1", "name": "Via API"}]}"#
            let p2 = #"{"format": "loket-exchange/1", "employees": [{"id": "e8", "practiceId": "p2", "name": "Via API"}]}"#
            let headers: HTTPHeaders = ["Authorization": "Bearer \(secret)", "Content-Type": "application/json"]
            #expect(try await app.testing().sendRequest(.POST, "api/v1/import", headers: headers, body: ByteBuffer(string: p1Only)).status == .ok)
            #expect(try await app.testing().sendRequest(.POST, "api/v1/import", headers: headers, body: ByteBuffer(string: p2)).status == .unprocessableEntity)

            let token = try #require(try await APIToken.query(on: app.db).filter(\.$name == "EPD-koppeling").first())
            _ = try await dave.get("/praktijken/p1/tokens")
            #expect(try await dave.post("/praktijken/p1/tokens/\(token.id!)/intrekken", [:]).status == .seeOther)
            #expect(try await app.testing().sendRequest(.POST, "api/v1/import", headers: headers, body: ByteBuffer(string: p1Only)).status == .unauthorized)
        }
    }
}
