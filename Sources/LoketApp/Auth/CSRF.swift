// Cross-site request forgery: every form carries a token from the session, and every
// state-changing web request must return it. A page on another site cannot read the
// token, so it cannot make a signed-in user's browser change anything here.

import Crypto
import Foundation
import Vapor

enum CSRF {
    static let field = "csrf"

    /// The session's token, made on first use.
    static func token(for req: Request) -> String {
        if let token = req.session.data[SessionKeys.csrf] { return token }
        let token = randomHex(bytes: 32)
        req.session.data[SessionKeys.csrf] = token
        return token
    }

    /// Constant-time comparison, so the token cannot be guessed byte by byte from timing.
    static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    /// The largest web form: a processing report upload.
    static let maxFormBytes = 50 * 1024 * 1024

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method != .GET && req.method != .HEAD {
            // The token is in the body; a body that arrived in several parts (an uploaded
            // processing report) is still a stream here, so collect it first.
            if req.body.data == nil { _ = try await req.body.collect(max: Self.maxFormBytes).get() }
            let sent = (try? req.content.get(String.self, at: CSRF.field)) ?? ""
            guard let expected = req.session.data[SessionKeys.csrf], CSRF.matches(sent, expected) else {
                throw LoketError.forbidden("Dit formulier is verlopen of komt niet van Loket. Laad de pagina opnieuw en probeer het nog eens.")
            }
        }
        return try await next.respond(to: req)
    }
}
