// Two-factor sign-in (TOTP, RFC 6238): the algorithm against the RFC's test vectors, and the
// flow as a user meets it: set up with a first code, recovery codes shown once, the code
// asked after the password (each code once), a recovery code once, and a beheerder's
// setting that requires it of everyone.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor

@Suite("Two-factor sign-in")
struct TwoFactorTests {
    /// RFC 6238 appendix B, SHA-1: the secret "12345678901234567890", 8 digits.
    @Test("TOTP gives the RFC 6238 test vectors", arguments: [
        (Int64(59), "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ])
    func vectors(_ time: Int64, _ expected: String) {
        let secret = Array("12345678901234567890".utf8)
        let step = TOTP.step(at: Date(timeIntervalSince1970: Double(time)))
        #expect(TOTP.code(secret: secret, step: step, digits: 8) == expected)
        #expect(TOTP.code(secret: secret, step: step) == String(expected.suffix(6)))
    }

    @Test("Base32 as RFC 4648 writes it, without padding", arguments: [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ])
    func base32(_ text: String, _ encoded: String) {
        #expect(Base32.encode(Array(text.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(text.utf8))
        #expect(Base32.decode(encoded.lowercased()) == Array(text.utf8))
    }

    @Test("A code counts for its step and one either side, once, and only six digits")
    func window() {
        let secret = TOTP.newSecret()
        let now = Date(timeIntervalSince1970: 1_800_000_015)
        let step = TOTP.step(at: now)
        for s in [step - 1, step, step + 1] {
            #expect(TOTP.matchingStep(TOTP.code(secret: secret, step: s), secret: secret, at: now, after: nil) == s)
        }
        #expect(TOTP.matchingStep(TOTP.code(secret: secret, step: step - 2), secret: secret, at: now, after: nil) == nil)
        #expect(TOTP.matchingStep(TOTP.code(secret: secret, step: step), secret: secret, at: now, after: step) == nil, "used once")
        #expect(TOTP.matchingStep("12345", secret: secret, at: now, after: nil) == nil)
        #expect(TOTP.matchingStep("１２３４５６", secret: secret, at: now, after: nil) == nil, "ASCII digits only")
        #expect(TOTP.link(secret: [0, 1, 2], account: "a@b.nl").hasPrefix("otpauth://totp/Loket:a@b.nl?secret=AAAQE&issuer=Loket"))
    }

    static func secret(in html: String) throws -> [UInt8] {
        let start = try #require(html.range(of: #"<code id="totp-secret">"#))
        let text = String(html[start.upperBound...].prefix { $0 != "<" })
        return try #require(Base32.decode(text))
    }

    @Test("Set up, then every sign-in asks the code; a recovery code works once", arguments: TestDatabase.available)
    func flow(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let clock = MovingClock(Date(timeIntervalSince1970: 1_800_000_000))
            app.dependencies.clock = Clock(now: { clock.now }, day: { LocalDate.day(of: clock.now) })
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            let page = try await alice.get("/tweestaps").body.string
            #expect(page.contains("otpauth://totp/Loket:alice@p1.test?secret="))
            let secret = try Self.secret(in: page)
            let wrong = try await alice.post("/tweestaps", ["code": "000000"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("Deze code klopt niet"))
            let on = try await alice.post("/tweestaps", ["code": TOTP.code(secret: secret, step: TOTP.step(at: clock.now))])
            #expect(on.status == .ok && on.body.string.contains("Tweestapsverificatie staat aan."))
            let codesHTML = on.body.string
            let listStart = try #require(codesHTML.range(of: #"<ul class="recovery-codes" id="recovery-codes">"#))
            let recovery = codesHTML[listStart.upperBound...].components(separatedBy: "<code>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            #expect(recovery.count == TwoFactor.recoveryCodeCount)
            #expect(!(try await alice.get("/tweestaps").body.string.contains(recovery[0])), "shown once")

            // The next sign-in: the password opens the code step only.
            clock.now += 60
            let next = WebSession(app)
            let afterPassword = try await next.signIn("alice@p1.test")
            #expect(afterPassword.headers.first(name: .location) == "/aanmelden/code")
            #expect(try await next.get("/").status == .seeOther, "not signed in yet")
            _ = try await next.get("/aanmelden/code")
            #expect(try await next.post("/aanmelden/code", ["code": "123456"]).status == .unauthorized)
            let code = TOTP.code(secret: secret, step: TOTP.step(at: clock.now))
            #expect(try await next.post("/aanmelden/code", ["code": code]).status == .seeOther)
            #expect(try await next.get("/").status == .ok)

            // The same code again in another sign-in is refused; a recovery code works once.
            let replay = WebSession(app)
            _ = try await replay.signIn("alice@p1.test")
            _ = try await replay.get("/aanmelden/code")
            #expect(try await replay.post("/aanmelden/code", ["code": code]).status == .unauthorized, "a code counts once")
            #expect(try await replay.post("/aanmelden/code", ["code": recovery[3].uppercased()]).status == .seeOther)
            let again = WebSession(app)
            _ = try await again.signIn("alice@p1.test")
            _ = try await again.get("/aanmelden/code")
            #expect(try await again.post("/aanmelden/code", ["code": recovery[3]]).status == .unauthorized, "a recovery code counts once")

            let actions = try await (app.db as! any SQLDatabase).raw("SELECT action FROM audit_entries WHERE action LIKE 'twofactor.%' ORDER BY seq").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(actions == ["twofactor.enable", "twofactor.recovery"])
        }
    }

    @Test("A beheerder requires it: members without it set it up first, and cannot switch it off", arguments: TestDatabase.available)
    func required(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let dave = WebSession(app), alice = WebSession(app), bob = WebSession(app)
            try await dave.signIn("dave@p1.test")
            try await alice.signIn("alice@p1.test")
            try await bob.signIn("bob@p2.test")
            _ = try await dave.get("/praktijken/p1/gebruikers")
            #expect(try await alice.post("/praktijken/p1/gebruikers/tweestaps", ["verplicht": "1"]).status == .forbidden)
            #expect(try await dave.post("/praktijken/p1/gebruikers/tweestaps", ["verplicht": "1"]).status == .seeOther)
            #expect(try await Practice.find("p1", on: app.db)?.requireTwoFactor == true)

            let home = try await alice.get("/praktijken/p1/patienten")
            #expect(home.status == .seeOther && home.headers.first(name: .location) == "/tweestaps?verplicht=1")
            #expect(try await bob.get("/").status == .ok, "another practice's members are not concerned")
            let page = try await alice.get("/tweestaps").body.string
            #expect(page.contains("vereist tweestapsverificatie"))
            let secret = try Self.secret(in: page)
            let now = app.dependencies.clock.now()
            _ = try await alice.post("/tweestaps", ["code": TOTP.code(secret: secret, step: TOTP.step(at: now))])
            #expect(try await alice.get("/praktijken/p1/patienten").status == .ok)
            let off = try await alice.post("/tweestaps/uitschakelen", ["code": TOTP.code(secret: secret, step: TOTP.step(at: now) + 1)])
            #expect(off.status == .unprocessableEntity && off.body.string.contains("uitschakelen kan niet"))

            // A lost phone: the beheerder (who must set it up too now) switches alice's second
            // factor off; she sets it up again.
            #expect(try await dave.get("/praktijken/p1/gebruikers").status == .seeOther, "the beheerder too")
            let davesSecret = try Self.secret(in: try await dave.get("/tweestaps").body.string)
            _ = try await dave.post("/tweestaps", ["code": TOTP.code(secret: davesSecret, step: TOTP.step(at: now))])
            let aliceID = try #require(try await User.query(on: app.db).filter(\.$email == "alice@p1.test").first()?.id)
            let membership = try #require(try await Membership.query(on: app.db).filter(\.$userID == aliceID).first())
            let users = try await dave.get("/praktijken/p1/gebruikers").body.string
            #expect(users.contains("/praktijken/p1/gebruikers/\(membership.id!)/tweestaps") && users.contains("Tweestaps uitzetten"))
            #expect(try await dave.post("/praktijken/p1/gebruikers/\(membership.id!)/tweestaps", [:]).status == .seeOther)
            #expect(try await User.find(aliceID, on: app.db)?.totpSecret == nil)
            let after = try await alice.get("/praktijken/p1/patienten")
            #expect(after.status == .seeOther && after.headers.first(name: .location) == "/tweestaps?verplicht=1")
        }
    }
}
