// Security headers on every answer: no framing, no MIME sniffing, no referrer leaking
// patient URLs to other sites, and only our own scripts and styles.

import Vapor

struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let h = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'"),
            ("Cache-Control", "no-store"),
        ]
        for (name, value) in h where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        return response
    }
}
