// Guards every page behind sign-in: loads the user and their roles, ends a session that
// was idle too long, and sends anyone not signed in to the sign-in page (and back after).

import Fluent
import SQLKit
import Vapor

struct RequireSignIn: AsyncMiddleware {
    /// How often the moment last seen is written (seconds).
    static let seenInterval: TimeInterval = 60

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let userID = req.session.data[SessionKeys.user] else {
            return notSignedIn(req, expired: false)
        }
        let now = req.dependencies.clock.now().timeIntervalSince1970
        let seen = req.session.data[SessionKeys.seen].flatMap(Double.init) ?? 0
        // `seen` is written at most once a minute (below), so it may lag the last request by
        // up to a minute: the time-out counts from the latest moment that request can have
        // been, so it never ends a session early (and at most a minute late).
        if now - seen > idleTimeout() + Self.seenInterval {
            req.session.destroy()
            return notSignedIn(req, expired: true)
        }
        guard let user = try await CurrentUser.load(userID, on: req.database) else {
            req.session.destroy()
            return notSignedIn(req, expired: false)
        }
        req.storage[CurrentUserKey.self] = user
        // After a reset by a beheerder: choosing a new password (or signing out) comes first.
        if user.mustChangePassword, req.url.path != Paths.password, req.url.path != Paths.signOut {
            guard req.method == .GET else {
                return Response(status: .forbidden, body: .init(string: "Kies eerst een nieuw wachtwoord."))
            }
            return req.redirect(to: Paths.password + "?verplicht=1")
        }
        // A practice of theirs requires two-factor sign-in: setting it up comes first.
        if user.twoFactorRequired, !user.twoFactor,
           ![Paths.twoFactor, Paths.signOut, Paths.password].contains(req.url.path) {
            guard req.method == .GET else {
                return Response(status: .forbidden, body: .init(string: "Stel eerst tweestapsverificatie in."))
            }
            return req.redirect(to: Paths.twoFactor + "?verplicht=1")
        }
        // Writing the session on every request would cost a database write each; once a
        // minute is precise enough for a 30-minute time-out.
        if now - seen > Self.seenInterval { req.session.data[SessionKeys.seen] = String(now) }
        return try await next.respond(to: req)
    }

    private func notSignedIn(_ req: Request, expired: Bool) -> Response {
        if req.method != .GET {
            return Response(status: .unauthorized, body: .init(string: "Meld u opnieuw aan."))
        }
        var target = "/aanmelden?terug=" + (req.url.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/")
        if expired { target += "&verlopen=1" }
        return req.redirect(to: target)
    }
}
