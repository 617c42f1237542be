// Use cases: changing one's own password (with the old one) and a beheerder resetting
// another's (a one-time password, to be changed at the next sign-in). Both are audited
// (`password.change`, `password.reset`: who and whose, never a password). The rule is one
// for every entry point: at least 12 characters, at most 72 bytes (Bcrypt reads no further,
// so a longer one would silently count only its start).

import Fluent
import Foundation
import Vapor

enum Passwords {
    static let minimumLength = 12
    static let maximumBytes = 72

    struct Failure: Error, CustomStringConvertible {
        /// The field it is about (`current`, `new`, `repeat`) and the Dutch message.
        var field: String
        var description: String
    }

    /// Why `password` may not be used, in Dutch; nil when it may.
    static func problem(_ password: String) -> String? {
        if password.count < minimumLength { return "Kies een wachtwoord van minstens \(minimumLength) tekens." }
        if password.utf8.count > maximumBytes { return "Kies een wachtwoord van hoogstens \(maximumBytes) tekens." }
        return nil
    }

    /// Changes `user`'s password from `current` to `new` (typed twice).
    static func change(user id: String, current: String, new: String, repeated: String,
                       hasher: AsyncPasswordHasher, in context: UseCaseContext) async throws {
        guard let user = try await User.find(id, on: context.db) else { throw LoketError.notFound("Gebruiker niet gevonden.") }
        guard try await hasher.verify(current, created: user.passwordHash) else {
            throw Failure(field: "current", description: "Dit is niet uw huidige wachtwoord.")
        }
        if let problem = problem(new) { throw Failure(field: "new", description: problem) }
        guard new == repeated else { throw Failure(field: "repeat", description: "De twee nieuwe wachtwoorden zijn niet gelijk.") }
        guard new != current else { throw Failure(field: "new", description: "Kies een ander wachtwoord dan het huidige.") }
        try await store(try await hasher.hash(new), of: user, mustChange: false, action: .passwordChange, practice: nil, in: context)
    }

    /// A beheerder of `practice` gives the member a one-time password; returns it (shown once).
    static func reset(membership id: String, practice: String, hasher: AsyncPasswordHasher,
                      in context: UseCaseContext) async throws -> (user: User, password: String) {
        guard let m = try await Membership.find(id, on: context.db), m.practiceID == practice,
              let user = try await User.find(m.userID, on: context.db) else { throw LoketError.notFound("Gebruiker niet gevonden.") }
        let password = oneTimePassword()
        try await store(try await hasher.hash(password), of: user, mustChange: true, action: .passwordReset, practice: practice,
                        in: context)
        return (user, password)
    }

    /// The new hash and its audit entry, in one transaction.
    private static func store(_ hash: String, of user: User, mustChange: Bool, action: AuditAction, practice: String?,
                              in context: UseCaseContext) async throws {
        try await context.db.transaction { tx in
            user.passwordHash = hash
            user.mustChangePassword = mustChange
            try await user.save(on: tx)
            try await AuditChain.append(AuditEvent(actor: context.actor, practiceID: practice, action: action,
                                                   patientID: nil, detail: user.id, address: context.address), on: tx)
        }
    }

    /// 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): read aloud or
    /// copied by hand without mistakes; about 80 bits.
    static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let chars = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return stride(from: 0, to: 16, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
