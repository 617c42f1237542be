// The JSON API's guard: every /api route needs `Authorization: Bearer <token>` of an
// active token. The token's practice (or all practices) is what the request may touch.

import Vapor

struct APICaller: Sendable {
    let tokenID: String
    /// nil: the token acts for every practice.
    let practiceID: String?
    var actor: String { "token:\(tokenID)" }
    var practiceScope: Set<String>? { practiceID.map { [$0] } }

    func mayAccess(practice: String) -> Bool { practiceID == nil || practiceID == practice }
}

struct APITokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            throw LoketError.unauthorized("API requests need an Authorization: Bearer token")
        }
        guard let token = try await APIToken.authenticate(bearer.token, on: request.db) else {
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
