// Aanmelden and afmelden. Same answer for an unknown address and a wrong password (no
// telling which addresses exist), a new session id after sign-in (no session fixation),
// and failed attempts slowed down by `SignInThrottle`.

import Fluent
import Vapor

struct SignInController {
    struct Form: Content {
        var email: String?
        var password: String?
        var terug: String?
    }

    struct Page: Encodable {
        var title = "Aanmelden"
        var csrf: String
        var email: String
        var terug: String
        var error: String?
        /// What was done (green): "U bent afgemeld."
        var notice: String?
        /// What happened without the user asking (amber): the session ended through idleness.
        var warning: String?
    }

    func form(_ req: Request) async throws -> View {
        var notice: String?, warning: String?
        // RequireSignIn adds `verlopen=1` when it ends an idle session: not the user's doing
        // and not an error of theirs, so a warning, unlike the notice of signing out.
        if req.query[String.self, at: "verlopen"] != nil { warning = "U was een tijd niet actief. Meld u opnieuw aan." }
        if req.query[String.self, at: "afgemeld"] != nil { notice = "U bent afgemeld."; warning = nil }
        return try await req.view.render("sign-in", Page(csrf: CSRF.token(for: req), email: "",
                                                         terug: Self.safeReturn(req.query[String.self, at: "terug"]),
                                                         notice: notice, warning: warning))
    }

    func submit(_ req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let email = User.normalise(form.email ?? "")
        let terug = Self.safeReturn(form.terug)
        func again(_ error: String) async throws -> Response {
            let page = Page(csrf: CSRF.token(for: req), email: form.email ?? "", terug: terug, error: error)
            let response = try await req.view.render("sign-in", page).encodeResponse(for: req)
            response.status = .unauthorized
            return response
        }
        guard !email.isEmpty, let password = form.password, !password.isEmpty else {
            return try await again("Vul uw e-mailadres en wachtwoord in.")
        }
        let wait = try await SignInThrottle.wait(for: email, on: req.database)
        if wait > 0 {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            return try await again("Te veel mislukte pogingen. Probeer het over \(minutes) minuut\(minutes == 1 ? "" : "en") opnieuw.")
        }
        let user = try await User.query(on: req.database).filter(\.$email == email).first()
        let valid: Bool
        if let user {
            valid = try await req.password.async.verify(password, created: user.passwordHash)
        } else {
            // As much work as a real check, so the answer's timing tells nothing.
            _ = try await req.password.async.hash(password)
            valid = false
        }
        guard let user, valid else {
            try await SignInThrottle.failed(email, on: req.database)
            return try await again("Dit e-mailadres en wachtwoord horen niet bij elkaar.")
        }
        try await SignInThrottle.succeeded(email, on: req.database)
        // Two-factor sign-in: the password only opens the second step (on a fresh session
        // too; `complete` renews it for everyone else).
        if user.totpSecret != nil {
            try await Self.renewSession(req)
            req.session.data[SessionKeys.pendingUser] = user.id!
            req.session.data[SessionKeys.pendingReturn] = terug
            _ = CSRF.token(for: req)
            return req.redirect(to: Paths.signInCode)
        }
        return try await Self.complete(req, user: user, terug: terug)
    }

    /// A fresh session id: an id planted before sign-in is worth nothing after it.
    static func renewSession(_ req: Request) async throws {
        if let old = req.session.id {
            try? await req.application.sessions.driver.deleteSession(old, for: req).get()
            req.session.id = nil
        }
        req.session.data = SessionData()
    }

    /// Signs `user` in on this session and goes to `terug`.
    static func complete(_ req: Request, user: User, terug: String) async throws -> Response {
        try await renewSession(req)
        req.session.data[SessionKeys.user] = user.id!
        req.session.data[SessionKeys.seen] = String(req.dependencies.clock.now().timeIntervalSince1970)
        _ = CSRF.token(for: req)
        try await req.audit(AuditEvent(actor: "user:\(user.id!)", practiceID: nil, action: .signIn,
                                               patientID: nil, detail: nil, address: req.clientAddress))
        return req.redirect(to: terug)
    }

    struct CodeForm: Content { var code: String? }

    struct CodePage: Encodable {
        var title = "Aanmelden: code"
        var csrf: String
        var error: String?
    }

    /// GET /aanmelden/code: the second step, after the password.
    func codeForm(_ req: Request) async throws -> Response {
        guard req.session.data[SessionKeys.pendingUser] != nil else { return req.redirect(to: Paths.signIn) }
        return try await req.view.render("sign-in-code", CodePage(csrf: CSRF.token(for: req))).encodeResponse(for: req)
    }

    /// POST /aanmelden/code: a code from the app or a recovery code; slowed down like passwords.
    func submitCode(_ req: Request) async throws -> Response {
        guard let id = req.session.data[SessionKeys.pendingUser], let user = try await User.find(id, on: req.database) else {
            return req.redirect(to: Paths.signIn)
        }
        let throttle = "code:" + user.email
        func again(_ error: String) async throws -> Response {
            let response = try await req.view.render("sign-in-code", CodePage(csrf: CSRF.token(for: req), error: error)).encodeResponse(for: req)
            response.status = .unauthorized
            return response
        }
        let wait = try await SignInThrottle.wait(for: throttle, on: req.database)
        if wait > 0 {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            return try await again("Te veel mislukte pogingen. Probeer het over \(minutes) minuut\(minutes == 1 ? "" : "en") opnieuw.")
        }
        let context = req.useCase(actor: "user:\(id)")
        guard try await TwoFactor.check(user, code: (try? req.content.decode(CodeForm.self))?.code ?? "", in: context) else {
            try await SignInThrottle.failed(throttle, on: req.database)
            return try await again("Deze code klopt niet. Typ de zes cijfers die de app nu toont, of een herstelcode.")
        }
        try await SignInThrottle.succeeded(throttle, on: req.database)
        return try await Self.complete(req, user: user, terug: Self.safeReturn(req.session.data[SessionKeys.pendingReturn]))
    }

    func signOut(_ req: Request) async throws -> Response {
        let user = try req.currentUser
        try await req.audit(AuditEvent(actor: user.actor, practiceID: nil, action: .signOut,
                                               patientID: nil, detail: nil, address: req.clientAddress))
        req.session.destroy()
        return req.redirect(to: Paths.signIn + "?afgemeld=1")
    }

    /// Only a plain path on this site. `//evil.example`, `https://…`, a backslash, and a
    /// control character (`/\t/evil.example`: browsers drop tabs and newlines from a URL,
    /// which makes it `//evil.example`) would send the user away; so only printable ASCII
    /// that starts with one slash.
    static func safeReturn(_ value: String?) -> String {
        guard let value, value.count <= 2000, value.hasPrefix("/"), !value.hasPrefix("//"),
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x5C }) else { return Paths.home }
        return value
    }
}
