// The JSON API's guard: every /api route needs `Authorization: Bearer <token>` of an
// active token. The token's practice (or all practices) is what the request may touch.

import Fluent
import Vapor

struct APICaller: Sendable {
    let tokenID: String
    /// nil: the token acts for every practice.
    let practiceID: String?
    var actor: String { "token:\(tokenID)" }
    var practiceScope: Set<String>? { practiceID.map { [$0] } }

    func mayAccess(practice: String) -> Bool { practiceID == nil || practiceID == practice }

    /// The practice `id`, scope checked before the lookup: a token of one practice learns
    /// nothing about another's ids (403 outside the scope, 404 unknown).
    func practice(_ id: String, on db: any Database) async throws -> Practice {
        guard mayAccess(practice: id) else { throw LoketError.forbidden("practice \(id) is outside this token's practice") }
        guard let practice = try await Practice.load(id, on: db) else { throw LoketError.notFound("no practice with id \(id)") }
        return practice
    }

    /// Which practice a list shows: the one asked for if the token may, else the token's
    /// own; nil for a token of every practice that asked for none.
    func listed(practice requested: String?) throws -> String? {
        guard let requested else { return practiceID }
        guard mayAccess(practice: requested) else { throw LoketError.forbidden("practice \(requested) is outside this token's practice") }
        return requested
    }
}

struct APITokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            throw LoketError.unauthorized("API requests need an Authorization: Bearer token")
        }
        guard let token = try await APIToken.authenticate(bearer.token, on: request.database) else {
            throw LoketError.unauthorized("unknown or revoked token")
        }
        request.storage[APICallerKey.self] = APICaller(tokenID: token.id!, practiceID: token.practiceID)
        return try await next.respond(to: request)
    }
}

struct APICallerKey: StorageKey { typealias Value = APICaller }

extension Request {
    var apiCaller: APICaller {
        get throws {
            guard let c = storage[APICallerKey.self] else { throw LoketError.unauthorized("not signed in") }
            return c
        }
    }
}
