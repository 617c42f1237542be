// What probing the release binary as an attacker found (issue "Security and privacy"), each
// shown closed: another practice's patient through the audit log filter, a 500 on an
// over-long path, a sign-in return address that leaves the site.

import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Probed weaknesses")
struct ProbedWeaknessTests {
    @Test("The audit log's patient filter finds only this practice's patients and records no other", arguments: TestDatabase.available)
    func auditLogScope(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let dave = WebSession(app)
            try await dave.signIn("dave@p1.test")
            let own = try await dave.get("/praktijken/p1/auditlog?patient=1001")
            #expect(own.status == .ok && !own.body.string.contains("audit-notice"))
            // pt2 is practice p2's patient (number 7).
            let other = try await dave.get("/praktijken/p1/auditlog?patient=pt2")
            #expect(other.status == .ok)
            #expect(other.body.string.contains("Deze praktijk heeft geen patiënt met dit nummer."))
            #expect(other.body.string.contains("Geen regels in deze selectie."))
            let recorded = try await (app.db as! any SQLDatabase).raw(
                "SELECT patient_id FROM audit_entries WHERE action = 'audit.view' ORDER BY seq").all()
            let ids = try recorded.map { try $0.decode(column: "patient_id", as: String?.self) }
            #expect(ids == ["pt1", nil], "the own patient is recorded, the other practice's is not")
        }
    }

    @Test("A path the file system cannot hold is a 404, not a 500", arguments: [256, 300, 5000])
    func longPath(_ length: Int) async throws {
        try await withApp(.sqlite) { app in
            for path in ["/" + String(repeating: "a", count: length), "/css/" + String(repeating: "b", count: length) + ".css"] {
                try await app.testing().test(.GET, path) { res async in
                    #expect(res.status == .notFound, "\(length)")
                    #expect(res.body.string.contains("Deze pagina bestaat niet"))
                }
            }
        }
    }

    @Test("The sign-in return address is a plain local path only", arguments: [
        ("/praktijken/p1/patienten?zoek=1", "/praktijken/p1/patienten?zoek=1"),
        ("/\t/evil.example", "/"), ("/\n/evil.example", "/"), ("/\r/evil.example", "/"),
        ("//evil.example", "/"), ("/\\evil.example", "/"), ("https://evil.example", "/"),
        ("evil.example", "/"), ("/ /evil.example", "/"), ("/\u{7F}x", "/"), ("/é", "/"), ("", "/"),
    ])
    func returnAddress(_ given: String, _ expected: String) {
        #expect(SignInController.safeReturn(given) == expected)
    }

    @Test("Signing in with a tab in `terug` stays on the site", arguments: TestDatabase.available)
    func returnAfterSignIn(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            _ = try await alice.get("/aanmelden")
            let res = try await alice.post("/aanmelden", ["email": "alice@p1.test", "password": testPassword, "terug": "/\t/evil.example"])
            #expect(res.status == .seeOther && res.headers.first(name: .location) == "/")
        }
    }

    @Test("The forms keep the import's limits: a name over 200, a control character in a number; nothing saved", arguments: TestDatabase.available)
    func formLimits(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/patienten/pt1/bewerken")
            let res = try await alice.post("/praktijken/p1/patienten/pt1/bewerken",
                                           ["number": "10\t01", "name": String(repeating: "n", count: 201), "bsn": "111222333",
                                            "postcode": "3511AB", "birthDate": "2012-03-04", "sex": "M"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("Hoogstens 200 tekens."))
            #expect(res.body.string.contains("Dit veld mag geen tab, regeleinde of ander stuurteken bevatten."))
            let patient = try #require(try await Patient.find("pt1", on: app.db))
            #expect(patient.number == "1001" && patient.name == "Sam Jansen")
        }
    }

    @Test("A second patient with the same BSN is saved with a warning on both, naming the other", arguments: TestDatabase.available)
    func sameBSN(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            #expect(!(try await alice.get("/praktijken/p1/patienten/pt1").body.string.contains("same-bsn")))
            _ = try await alice.get("/praktijken/p1/patienten/nieuw")
            let made = try await alice.post("/praktijken/p1/patienten/nieuw", ["number": "1002", "name": "Sam Jansen", "bsn": "111222333"])
            #expect(made.status == .seeOther)
            let location = try #require(made.headers.first(name: .location))
            let second = try await alice.get(String(location.prefix { $0 != "?" })).body.string
            #expect(second.contains("Let op: dit BSN staat ook bij") && second.contains(#"href="/praktijken/p1/patienten/pt1">1001 Sam Jansen</a>"#))
            let first = try await alice.get("/praktijken/p1/patienten/pt1").body.string
            #expect(first.contains("Let op: dit BSN staat ook bij") && first.contains(">1002 Sam Jansen</a>"))
        }
    }
}
