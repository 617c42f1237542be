// Who may see what: every web route, allowed beside refused, on both databases.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Web access")
struct WebAccessTests {
    @Test("Pages need sign-in and come back after it", arguments: TestDatabase.available)
    func signInRequired(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let browser = WebSession(app)
            for path in ["/", "/praktijken/p1/patienten", "/praktijken/p1/patienten/pt1", "/praktijken/p1/auditlog"] {
                let res = try await browser.get(path)
                #expect(res.status == .seeOther, "\(path)")
                #expect(res.headers.first(name: .location)?.hasPrefix("/aanmelden?terug=") == true, "\(path)")
            }
            let res = try await browser.post("/afmelden", [:])
            #expect(res.status == .forbidden || res.status == .unauthorized, "no sign-out without a session")
        }
    }

    @Test("Signing in: the right password in, a wrong one refused, the session id renewed", arguments: TestDatabase.available)
    func signIn(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let browser = WebSession(app)
            let wrong = try await browser.signIn("alice@p1.test", "fout-wachtwoord")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("Dit e-mailadres en wachtwoord horen niet bij elkaar."))
            let unknown = try await browser.signIn("niemand@p1.test")
            #expect(unknown.body.string.contains("Dit e-mailadres en wachtwoord horen niet bij elkaar."), "no telling which addresses exist")

            let before = browser.cookie
            let ok = try await browser.signIn("ALICE@p1.test ")
            #expect(ok.status == .seeOther)
            #expect(browser.cookie != nil && browser.cookie != before, "a new session id after sign-in")
            let dashboard = try await browser.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.string.contains("Praktijk De Linde"))
            #expect(!dashboard.body.string.contains("Jeugdpraktijk Oost"), "only the user's own practices")
        }
    }

    @Test("Repeated failed sign-ins are slowed down", arguments: TestDatabase.available)
    func throttle(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let browser = WebSession(app)
            for _ in 0..<SignInThrottle.freeAttempts { _ = try await browser.signIn("alice@p1.test", "fout-wachtwoord") }
            let blocked = try await browser.signIn("alice@p1.test")
            #expect(blocked.status == .unauthorized)
            #expect(blocked.body.string.contains("Te veel mislukte pogingen"))
            #expect(try await SignInThrottle.wait(for: "alice@p1.test", on: app.db) > 0)
            let later = Date().addingTimeInterval(SignInThrottle.maxWait + 1)
            #expect(try await SignInThrottle.wait(for: "alice@p1.test", on: app.db, now: later) == 0, "the wait ends")
        }
    }

    @Test("Each role reaches its own pages and no others", arguments: TestDatabase.available)
    func roles(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            // (who, path, expected status)
            let table: [(String, String, HTTPStatus)] = [
                ("alice@p1.test", "/praktijken/p1/patienten", .ok),
                ("carol@p1.test", "/praktijken/p1/patienten", .ok),
                ("dave@p1.test", "/praktijken/p1/patienten", .forbidden),
                ("bob@p2.test", "/praktijken/p1/patienten", .forbidden),
                ("alice@p1.test", "/praktijken/p1/patienten/pt1", .ok),
                ("carol@p1.test", "/praktijken/p1/patienten/pt1", .ok),
                ("bob@p2.test", "/praktijken/p1/patienten/pt1", .forbidden),
                ("bob@p2.test", "/praktijken/p2/patienten/pt1", .notFound),
                ("alice@p1.test", "/praktijken/p1/patienten/pt1/bewerken", .ok),
                ("carol@p1.test", "/praktijken/p1/patienten/pt1/bewerken", .ok),
                ("dave@p1.test", "/praktijken/p1/patienten/pt1/bewerken", .forbidden),
                ("alice@p1.test", "/praktijken/p1/episodes/ep1", .ok),
                ("bob@p2.test", "/praktijken/p1/episodes/ep1", .forbidden),
                ("bob@p2.test", "/praktijken/p2/episodes/ep1", .notFound),
                ("alice@p1.test", "/praktijken/p1/patienten/pt1/episodes/nieuw", .ok),
                ("carol@p1.test", "/praktijken/p1/patienten/pt1/episodes/nieuw", .forbidden),
                ("dave@p1.test", "/praktijken/p1/auditlog", .ok),
                ("alice@p1.test", "/praktijken/p1/auditlog", .forbidden),
                ("alice@p1.test", "/praktijken/p2", .forbidden),
                ("alice@p1.test", "/praktijken/bestaat-niet/patienten", .forbidden),
            ]
            var browsers: [String: WebSession] = [:]
            for (who, path, expected) in table {
                let browser = browsers[who] ?? WebSession(app)
                if browsers[who] == nil { try await browser.signIn(who); browsers[who] = browser }
                let res = try await browser.get(path)
                #expect(res.status == expected, "\(who) GET \(path)")
            }
            // Changing: the administratie fixes the registry data (from the LDO wizard and the
            // CBS control), never the care record's number, name or WID check.
            let carol = browsers["carol@p1.test"]!
            let form = try await carol.get("/praktijken/p1/patienten/pt1/bewerken").body.string
            #expect(form.contains(#"id="registry-only""#) && form.contains(#"name="name" value="Sam Jansen" readonly"#))
            let res = try await carol.post("/praktijken/p1/patienten/pt1/bewerken",
                                           ["number": "9999", "name": "Gewijzigd", "identityVerified": "on", "bsn": "111222333",
                                            "birthDate": "2012-03-04", "sex": "M", "postcode": "3512 cd"])
            #expect(res.status == .seeOther)
            let patient = try #require(try await Patient.find("pt1", on: app.db))
            #expect(patient.postcode == "3512CD", "the registry data changes")
            #expect(patient.name == "Sam Jansen" && patient.number == "1001" && !patient.identityVerified, "the care record's does not")
            let dave = browsers["dave@p1.test"]!
            _ = try await dave.get("/praktijken/p1/auditlog")
            #expect(try await dave.post("/praktijken/p1/patienten/pt1/bewerken", ["postcode": "1000AA"]).status == .forbidden)
        }
    }

    @Test("A form without its CSRF token is refused", arguments: TestDatabase.available)
    func csrf(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/patienten/pt1/bewerken")
            let fields = ["number": "1001", "name": "Sam Jansen-de Wit", "bsn": "111222333"]

            let forged = try await alice.post("/praktijken/p1/patienten/pt1/bewerken", fields, csrf: false)
            #expect(forged.status == .forbidden)
            alice.csrf = String(repeating: "0", count: 64)
            let wrong = try await alice.post("/praktijken/p1/patienten/pt1/bewerken", fields)
            #expect(wrong.status == .forbidden)
            #expect(try await Patient.find("pt1", on: app.db)?.name == "Sam Jansen")

            _ = try await alice.get("/praktijken/p1/patienten/pt1/bewerken")
            let ok = try await alice.post("/praktijken/p1/patienten/pt1/bewerken", fields)
            #expect(ok.status == .seeOther)
            #expect(try await Patient.find("pt1", on: app.db)?.name == "Sam Jansen-de Wit")
        }
    }

    @Test("An idle session ends", arguments: TestDatabase.available)
    func idle(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            #expect(try await alice.get("/").status == .ok)

            // Pretend the last request was 31 minutes ago.
            for record in try await SessionRecord.query(on: app.db).all() where record.data[SessionKeys.user] != nil {
                record.data[SessionKeys.seen] = String(Date().timeIntervalSince1970 - 31 * 60)
                try await record.save(on: app.db)
            }

            let res = try await alice.get("/")
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location)?.contains("verlopen=1") == true)

            // The sign-in page it leads to says why, as a warning: not an error, not a success.
            let page = try await alice.get(try #require(res.headers.first(name: .location))).body.string
            #expect(page.contains(#"<p class="warning" role="status" id="sign-in-expired">U was een tijd niet actief. Meld u opnieuw aan.</p>"#))
            #expect(!page.contains(#"class="notice""#) && !page.contains(#"class="error"#))
        }
    }

    @Test("Signed out: the sign-in page says so as a notice, apart from the idle warning", arguments: TestDatabase.available)
    func signedOutNotice(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/")

            let out = try await alice.post("/afmelden", [:])
            let page = try await alice.get(try #require(out.headers.first(name: .location))).body.string

            #expect(page.contains(#"<p class="notice" role="status">U bent afgemeld.</p>"#))
            #expect(!page.contains("sign-in-expired") && !page.contains(#"class="warning""#))
        }
    }

    @Test("The idle time-out never ends a session early: it counts from the last request, not the last write", arguments: TestDatabase.available)
    func idleNotEarly(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let clock = MovingClock(start)
            app.dependencies.clock = Clock(now: { clock.now }, day: { LocalDate.day(of: clock.now) })
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            clock.now = start + 59  // a request 59 s later: under a minute, `seen` is not written
            #expect(try await alice.get("/").status == .ok)
            clock.now = start + 59 + 30 * 60 - 1  // 30 minutes after that request, less a second
            #expect(try await alice.get("/").status == .ok, "not ended early")
            clock.now = clock.now + 30 * 60 + RequireSignIn.seenInterval + 1
            let res = try await alice.get("/")
            #expect(res.status == .seeOther && res.headers.first(name: .location)?.contains("verlopen=1") == true)
        }
    }

    @Test("Signing out ends the session", arguments: TestDatabase.available)
    func signOut(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            let session = alice.cookie
            _ = try await alice.get("/")
            let res = try await alice.post("/afmelden", [:])
            #expect(res.status == .seeOther)
            alice.cookie = session
            #expect(try await alice.get("/").status == .seeOther, "the old cookie no longer works")
        }
    }
}

/// A clock a test moves by hand.
final class MovingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var moment: Date
    init(_ start: Date) { moment = start }
    var now: Date {
        get { lock.withLock { moment } }
        set { lock.withLock { moment = newValue } }
    }
}
