// The signed-in user of a web request, with their role per practice. Loaded once per
// request by `RequireSignIn`; every page asks it before showing anything.

import Vapor

struct CurrentUser: Sendable {
    let id: String
    let name: String
    let email: String
    /// Practice id → role. A user sees only these practices.
    let roles: [String: Role]

    /// For the audit log.
    var actor: String { "user:\(id)" }

    func may(_ permission: Permission, in practice: String) -> Bool {
        roles[practice]?.allows(permission) ?? false
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
        guard let practice = try await Practice.find(id, on: db) else { throw LoketError.notFound("Praktijk niet gevonden.") }
        return practice
    }

    /// The client's address for the audit log.
    var clientAddress: String? { remoteAddress?.ipAddress }
}
