// A person who signs in: name, e-mail (unique, lower case) and a Bcrypt password hash.
// What they may see comes from their memberships, one role per practice.

import Fluent
import Foundation

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    /// Set by a beheerder's reset: the next sign-in leads to choosing a new password first.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    /// The TOTP secret (base32) once two-factor sign-in is set up; nil without it.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    /// The last TOTP time step accepted: a code is good once.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The names of the users among `actors` (`user:ID`), keyed by actor; tokens and the
    /// command line have no user and are shown as they are.
    static func names(ofActors actors: [String], on db: any Database) async throws -> [String: String] {
        let ids = actors.compactMap { $0.hasPrefix("user:") ? String($0.dropFirst(5)) : nil }
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await User.query(on: db).filter(\.$id ~~ ids).all().map { ("user:" + $0.id!, $0.name) },
                          uniquingKeysWith: { a, _ in a })
    }

    init(name: String, email: String, passwordHash: String) {
        self.id = "u_" + randomHex(bytes: 8)
        self.name = name
        self.email = User.normalise(email)
        self.passwordHash = passwordHash
        self.mustChangePassword = false
    }

    static func normalise(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// Lidmaatschap: a user's role in one practice.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: String
    @Field(key: "practice_id") var practiceID: String
    @Field(key: "role") var role: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: String, practiceID: String, role: Role) {
        self.id = "m_" + randomHex(bytes: 8)
        self.userID = userID
        self.practiceID = practiceID
        self.role = role.rawValue
    }
}
