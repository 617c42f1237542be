// Use cases of two-factor sign-in (TOTP, RFC 6238; docs/web-app.md "Two-factor sign-in"):
// setting it up (the secret confirmed by a first code, ten recovery codes shown once),
// switching it off (with a code, never while a practice of the user requires it), checking
// the second step of a sign-in (a code, or a recovery code used once), and a beheerder's
// practice setting that requires it of every member. Each is an audit entry.

import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

enum TwoFactor {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let recoveryCodeCount = 10

    /// Confirms enrolment: `code` must be the secret's code now. Returns the recovery codes.
    static func enable(user id: String, secret: [UInt8], code: String, in context: UseCaseContext) async throws -> [String] {
        guard let user = try await User.find(id, on: context.db) else { throw LoketError.notFound("Gebruiker niet gevonden.") }
        guard let step = TOTP.matchingStep(code, secret: secret, at: context.now, after: nil) else {
            throw Failure(description: "Deze code klopt niet. Controleer de tijd op uw telefoon en typ de code die de app nu toont.")
        }
        let codes = (0..<recoveryCodeCount).map { _ in Passwords.oneTimePassword() }
        try await context.db.transaction { tx in
            user.totpSecret = Base32.encode(secret)
            user.totpLastStep = step
            try await user.save(on: tx)
            try await replaceRecoveryCodes(of: id, with: codes, on: tx)
            try await AuditChain.append(AuditEvent(actor: context.actor, practiceID: nil, action: .twoFactorEnable,
                                                   patientID: nil, detail: id, address: context.address), on: tx)
        }
        return codes
    }

    /// Switches it off, with a current code; refused while a practice of the user requires it.
    static func disable(user id: String, code: String, in context: UseCaseContext) async throws {
        guard let user = try await User.find(id, on: context.db) else { throw LoketError.notFound("Gebruiker niet gevonden.") }
        if try await isRequired(for: id, on: context.db) {
            throw Failure(description: "Een praktijk waarvoor u werkt vereist tweestapsverificatie: uitschakelen kan niet.")
        }
        guard try await check(user, code: code, in: context) else { throw Failure(description: "Deze code klopt niet.") }
        try await switchOff(user, practice: nil, in: context)
    }

    /// A beheerder switches a member's second factor off (a lost phone and lost recovery
    /// codes); where the practice requires it, the member sets it up again at the next sign-in.
    static func reset(membership id: String, practice: String, in context: UseCaseContext) async throws -> User {
        guard let m = try await Membership.find(id, on: context.db), m.practiceID == practice,
              let user = try await User.find(m.userID, on: context.db) else { throw LoketError.notFound("Gebruiker niet gevonden.") }
        try await switchOff(user, practice: practice, in: context)
        return user
    }

    /// Secret, last step and recovery codes gone, with the audit entry, in one transaction.
    private static func switchOff(_ user: User, practice: String?, in context: UseCaseContext) async throws {
        try await context.db.transaction { tx in
            user.totpSecret = nil
            user.totpLastStep = nil
            try await user.save(on: tx)
            try await replaceRecoveryCodes(of: user.id!, with: [], on: tx)
            try await AuditChain.append(AuditEvent(actor: context.actor, practiceID: practice, action: .twoFactorDisable,
                                                   patientID: nil, detail: user.id, address: context.address), on: tx)
        }
    }

    /// The second step of a sign-in: a code from the app (each step once), or a recovery code
    /// (each once; using one is an audit entry).
    static func check(_ user: User, code: String, in context: UseCaseContext) async throws -> Bool {
        guard let stored = user.totpSecret, let secret = Base32.decode(stored) else { return false }
        if let step = TOTP.matchingStep(code, secret: secret, at: context.now, after: user.totpLastStep) {
            // Only a later step is taken: the same code twice, even at once, counts once.
            let taken = try await (context.db as! any SQLDatabase).raw("""
                UPDATE users SET totp_last_step = \(bind: step)
                WHERE id = \(bind: user.id!) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
                RETURNING id
                """).first()
            return taken != nil
        }
        let hash = recoveryHash(code)
        let used = try await (context.db as! any SQLDatabase).raw("""
            UPDATE recovery_codes SET used_at = \(bind: context.now)
            WHERE user_id = \(bind: user.id!) AND code_hash = \(bind: hash) AND used_at IS NULL
            RETURNING id
            """).first()
        guard used != nil else { return false }
        try await context.audit(.twoFactorRecovery, practice: nil, detail: user.id)
        return true
    }

    /// Whether a practice the user works for requires two-factor sign-in.
    static func isRequired(for user: String, on db: any Database) async throws -> Bool {
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS n FROM memberships m JOIN practices p ON p.id = m.practice_id
            WHERE m.user_id = \(bind: user) AND p.require_two_factor
            """).first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0) > 0
    }

    /// A beheerder requires it of every member of the practice (or no longer).
    static func setRequired(_ required: Bool, practice: Practice, in context: UseCaseContext) async throws {
        try await context.db.transaction { tx in
            practice.requireTwoFactor = required
            try await practice.save(on: tx)
            try await AuditChain.append(AuditEvent(actor: context.actor, practiceID: practice.id, action: .practiceChange,
                                                   patientID: nil, detail: "two-factor sign-in \(required ? "required" : "optional")",
                                                   address: context.address), on: tx)
        }
    }

    /// Recovery codes are kept as SHA-256: 80 random bits each, so no salt or slow hash is needed.
    static func recoveryHash(_ code: String) -> String {
        SHA256.hash(data: Data(code.lowercased().filter { !$0.isWhitespace }.utf8)).hex
    }

    private static func replaceRecoveryCodes(of user: String, with codes: [String], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DELETE FROM recovery_codes WHERE user_id = \(bind: user)").run()
        guard !codes.isEmpty else { return }
        var insert = sql.insert(into: "recovery_codes").columns("id", "user_id", "code_hash")
        for code in codes { insert = insert.values(SQLBind("rc_" + randomHex(bytes: 8)), SQLBind(user), SQLBind(recoveryHash(code))) }
        try await insert.run()
    }
}
