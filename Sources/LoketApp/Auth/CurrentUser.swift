// The signed-in user of a web request, with their role per practice. Loaded once per
// request by `RequireSignIn`; every page asks it before showing anything.

import Fluent
import SQLKit
import Vapor

struct CurrentUser: Sendable {
    let id: String
    let name: String
    let email: String
    /// A beheerder reset the password: nothing but choosing a new one until then.
    let mustChangePassword: Bool
    /// Two-factor sign-in is set up.
    let twoFactor: Bool
    /// A practice of theirs requires two-factor sign-in.
    let twoFactorRequired: Bool
    /// Practice id → role. A user sees only these practices.
    let roles: [String: Role]
    /// The same practices, id and name, by name: the header's links.
    let practices: [(id: String, name: String)]

    /// For the audit log.
    var actor: String { "user:\(id)" }

    func may(_ permission: Permission, in practice: String) -> Bool {
        roles[practice]?.allows(permission) ?? false
    }
}

extension CurrentUser {
    /// The user, their roles and their practices' names in one query: this runs before
    /// every signed-in page, so it reads columns, not models.
    static func load(_ id: String, on db: any Database) async throws -> CurrentUser? {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT u.name, u.email, u.must_change_password, u.totp_secret, p.require_two_factor, m.role, p.id AS practice_id, p.name AS practice_name
            FROM users u
            LEFT JOIN memberships m ON m.user_id = u.id
            LEFT JOIN practices p ON p.id = m.practice_id
            WHERE u.id = \(bind: id)
            ORDER BY p.name, p.id
            """).all()
        guard let first = rows.first else { return nil }
        var roles: [String: Role] = [:]
        var practices: [(id: String, name: String)] = []
        var required = false
        for row in rows {
            if (try? row.decode(column: "require_two_factor", as: Bool?.self)) == true { required = true }
            guard let practice = try row.optionalString("practice_id"),
                  let role = Role(rawValue: try row.decode(column: "role", as: String.self)) else { continue }
            roles[practice] = role
            practices.append((practice, try row.decode(column: "practice_name", as: String.self)))
        }
        return CurrentUser(id: id, name: try first.decode(column: "name", as: String.self),
                           email: try first.decode(column: "email", as: String.self),
                           mustChangePassword: try first.decode(column: "must_change_password", as: Bool.self),
                           twoFactor: try first.optionalString("totp_secret") != nil, twoFactorRequired: required,
                           roles: roles, practices: practices)
    }
}

struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

extension Request {
    var currentUser: CurrentUser {
        get throws {
            guard let user = storage[CurrentUserKey.self] else { throw LoketError.unauthorized("Meld u eerst aan.") }
            return user
        }
    }

    /// The practice named in the path, if this user may do `permission` there; 403 otherwise.
    /// Membership is checked before the practice is looked up, so an id of a practice the
    /// user does not belong to reveals nothing, not even whether it exists.
    func practice(requiring permission: Permission) async throws -> Practice {
        let user = try currentUser
        guard let id = parameters.get("practiceID"), user.may(permission, in: id) else {
            throw LoketError.forbidden("U hebt geen toegang tot deze gegevens.")
        }
        guard let practice = try await Practice.load(id, on: database) else { throw LoketError.notFound("Praktijk niet gevonden.") }
        return practice
    }
}
