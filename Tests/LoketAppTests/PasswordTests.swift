// Passwords (issue "Security and privacy", NEN 7510): one's own changed with the old one, at
// least 12 characters; a beheerder's reset gives a one-time password that must be replaced at
// the next sign-in; every such event in the audit log; removing a user is confirmed first.

import Fluent
import Foundation
@testable import LoketApp
import SQLKit
import Testing
import Vapor

@Suite("Passwords")
struct PasswordTests {
    private func actions(_ app: Application) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("SELECT action FROM audit_entries ORDER BY seq").all()
            .map { try $0.decode(column: "action", as: String.self) }
    }

    @Test("A user changes their own password with the old one; each wrong attempt says why", arguments: TestDatabase.available)
    func changeOwn(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            #expect(try await alice.get("/wachtwoord").body.string.contains("Wachtwoord wijzigen"))
            let cases: [([String: String], String)] = [
                (["huidig": "fout-fout-fout", "nieuw": "een-nieuw-wachtwoord", "herhaling": "een-nieuw-wachtwoord"], "Dit is niet uw huidige wachtwoord."),
                (["huidig": testPassword, "nieuw": "te-kort", "herhaling": "te-kort"], "minstens 12 tekens"),
                (["huidig": testPassword, "nieuw": String(repeating: "x", count: 73), "herhaling": String(repeating: "x", count: 73)], "hoogstens 72 tekens"),
                (["huidig": testPassword, "nieuw": "een-nieuw-wachtwoord", "herhaling": "een-ander-wachtwoord"], "niet gelijk"),
            ]
            for (fields, message) in cases {
                let res = try await alice.post("/wachtwoord", fields)
                #expect(res.status == .unprocessableEntity && res.body.string.contains(message), "\(message)")
            }
            let ok = try await alice.post("/wachtwoord", ["huidig": testPassword, "nieuw": "een-nieuw-wachtwoord", "herhaling": "een-nieuw-wachtwoord"])
            #expect(ok.status == .seeOther)
            #expect(try await WebSession(app).signIn("alice@p1.test").status == .unauthorized, "the old one no longer works")
            #expect(try await WebSession(app).signIn("alice@p1.test", "een-nieuw-wachtwoord").status == .seeOther)
            let log = try await (app.db as! any SQLDatabase).raw("SELECT detail FROM audit_entries WHERE action = 'password.change'").all()
            #expect(log.count == 1)
            #expect(try !(log[0].decode(column: "detail", as: String.self)).contains("wachtwoord"), "never a password in the log")
        }
    }

    @Test("A beheerder resets a member's password: a one-time password, to be replaced at the next sign-in", arguments: TestDatabase.available)
    func reset(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let dave = WebSession(app), alice = WebSession(app), bob = WebSession(app)
            try await dave.signIn("dave@p1.test")
            try await alice.signIn("alice@p1.test")
            try await bob.signIn("bob@p2.test")
            let aliceID = try #require(try await User.query(on: app.db).filter(\.$email == "alice@p1.test").first()?.id)
            let membership = try #require(try await Membership.query(on: app.db).filter(\.$userID == aliceID).first())
            let path = "/praktijken/p1/gebruikers/\(membership.id!)/wachtwoord"

            _ = try await alice.get("/")
            #expect(try await alice.post(path, [:]).status == .forbidden, "only a beheerder")
            _ = try await bob.get("/")
            #expect(try await bob.post("/praktijken/p2/gebruikers/\(membership.id!)/wachtwoord", [:]).status != .ok, "not through another practice")

            let list = try await dave.get("/praktijken/p1/gebruikers").body.string
            #expect(list.contains(path) && list.contains("Wachtwoord opnieuw instellen"))
            let res = try await dave.post(path, [:])
            #expect(res.status == .ok)
            let html = res.body.string
            let start = try #require(html.range(of: #"<p class="secret" id="one-time-password"><code>"#))
            let oneTime = String(html[start.upperBound...].prefix { $0 != "<" })
            #expect(oneTime.count == 19 && Passwords.problem(oneTime) == nil)

            // The next sign-in leads to choosing a new password, and nothing else opens until then.
            let again = WebSession(app)
            #expect(try await again.signIn("alice@p1.test", oneTime).status == .seeOther)
            let home = try await again.get("/")
            #expect(home.status == .seeOther && home.headers.first(name: .location) == "/wachtwoord?verplicht=1")
            #expect(try await again.get("/praktijken/p1/patienten").status == .seeOther)
            let form = try await again.get("/wachtwoord?verplicht=1")
            #expect(form.body.string.contains("De beheerder heeft uw wachtwoord opnieuw ingesteld"))
            _ = try await again.post("/wachtwoord", ["huidig": oneTime, "nieuw": "alice-kiest-zelf", "herhaling": "alice-kiest-zelf"])
            #expect(try await again.get("/praktijken/p1/patienten").status == .ok)
            #expect(try await actions(app).filter { $0.hasPrefix("password.") } == ["password.reset", "password.change"])
        }
    }

    @Test("Removing a user from the practice asks first", arguments: TestDatabase.available)
    func confirmRemoval(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let dave = WebSession(app)
            try await dave.signIn("dave@p1.test")
            let aliceID = try #require(try await User.query(on: app.db).filter(\.$email == "alice@p1.test").first()?.id)
            let membership = try #require(try await Membership.query(on: app.db).filter(\.$userID == aliceID).first())
            let path = "/praktijken/p1/gebruikers/\(membership.id!)/verwijderen"
            let confirm = try await dave.get(path)
            #expect(confirm.status == .ok && confirm.body.string.contains("Bevestigen: verwijderen uit de praktijk"))
            #expect(confirm.body.string.contains("alice@p1.test"))
            let unconfirmed = try await dave.post(path, [:])
            #expect(unconfirmed.status == .seeOther && unconfirmed.headers.first(name: .location) == path)
            #expect(try await Membership.find(membership.id!, on: app.db) != nil, "nothing removed without the confirmation")
            let removed = try await dave.post(path, ["bevestigd": "1"])
            #expect(removed.status == .seeOther)
            #expect(try await Membership.find(membership.id!, on: app.db) == nil)
            #expect(try await actions(app).contains("user.remove"))
        }
    }
}
