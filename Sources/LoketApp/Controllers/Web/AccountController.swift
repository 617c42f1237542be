// "Wachtwoord wijzigen": a signed-in user changes their own password, with the old one. After
// a beheerder's reset this page comes first (RequireSignIn), until a new one is chosen.

import Vapor

struct AccountController {
    struct Form: Content {
        var huidig: String?
        var nieuw: String?
        var herhaling: String?
    }

    struct Page: Encodable {
        var title = "Wachtwoord wijzigen"
        var layout: Layout
        var required: Bool
        var saved: Bool
        var minimum = Passwords.minimumLength
        var errors: FormErrors
        var action = Paths.password
    }

    func passwordForm(_ req: Request) async throws -> View {
        let user = try req.currentUser
        return try await req.view.render("password", Page(
            layout: try await Layout.make(for: req), required: user.mustChangePassword,
            saved: req.query[String.self, at: "gewijzigd"] != nil, errors: FormErrors()))
    }

    func changePassword(_ req: Request) async throws -> Response {
        let user = try req.currentUser
        let form = try req.content.decode(Form.self)
        do {
            try await Passwords.change(user: user.id, current: form.huidig ?? "", new: form.nieuw ?? "", repeated: form.herhaling ?? "",
                                       hasher: req.password.async, in: try req.useCase())
        } catch let failure as Passwords.Failure {
            var errors = FormErrors()
            errors.add(failure.field, failure.description)
            return try await req.view.render("password", Page(layout: try await Layout.make(for: req), required: user.mustChangePassword,
                                                              saved: false, errors: errors))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: Paths.password + "?gewijzigd=1")
    }
}

// "Tweestapsverificatie": setting up two-factor sign-in with an authenticator app (TOTP).
extension AccountController {
    /// The secret being set up, kept in the session until a first code confirms it.
    static let pendingSecret = "pending-totp"

    struct TwoFactorPage: Encodable {
        var title = "Tweestapsverificatie"
        var layout: Layout
        var enabled: Bool
        var required: Bool
        /// Set-up: the secret as text (in groups of four) and as a link for the app.
        var secret: String?
        var link: String?
        var error: String?
        var notice: String?
        /// Shown once, right after setting up.
        var recoveryCodes: [String]
        var action = Paths.twoFactor
        var disableAction = Paths.twoFactor + "/uitschakelen"
    }

    private func page(_ req: Request, error: String? = nil, notice: String? = nil, codes: [String] = []) async throws -> TwoFactorPage {
        let user = try req.currentUser
        guard let me = try await User.find(user.id, on: req.database) else { throw LoketError.notFound("Gebruiker niet gevonden.") }
        let enabled = me.totpSecret != nil
        var secret: [UInt8]?
        if !enabled {
            secret = req.session.data[Self.pendingSecret].flatMap(Base32.decode)
            if secret == nil || secret!.isEmpty {
                secret = TOTP.newSecret()
                req.session.data[Self.pendingSecret] = Base32.encode(secret!)
            }
        }
        let text = secret.map { s in
            let b32 = Array(Base32.encode(s))
            return stride(from: 0, to: b32.count, by: 4).map { String(b32[$0..<min($0 + 4, b32.count)]) }.joined(separator: " ")
        }
        return TwoFactorPage(layout: try await Layout.make(for: req), enabled: enabled,
                             required: try await TwoFactor.isRequired(for: user.id, on: req.database),
                             secret: text, link: secret.map { TOTP.link(secret: $0, account: user.email) },
                             error: error, notice: notice, recoveryCodes: codes)
    }

    func twoFactorPage(_ req: Request) async throws -> View {
        try await req.view.render("two-factor", try await page(req))
    }

    /// POST /tweestaps (code): confirms the secret being set up with a first code.
    func enableTwoFactor(_ req: Request) async throws -> Response {
        let user = try req.currentUser
        guard let pending = req.session.data[Self.pendingSecret].flatMap(Base32.decode), !pending.isEmpty else {
            return req.redirect(to: Paths.twoFactor)
        }
        do {
            let codes = try await TwoFactor.enable(user: user.id, secret: pending, code: (try? req.content.get(String.self, at: "code")) ?? "",
                                                   in: try req.useCase())
            req.session.data[Self.pendingSecret] = nil
            return try await req.view.render("two-factor", try await page(req, notice: "Tweestapsverificatie staat aan.", codes: codes))
                .encodeResponse(for: req)
        } catch let failure as TwoFactor.Failure {
            return try await req.view.render("two-factor", try await page(req, error: failure.description))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// POST /tweestaps/uitschakelen (code).
    func disableTwoFactor(_ req: Request) async throws -> Response {
        let user = try req.currentUser
        do {
            try await TwoFactor.disable(user: user.id, code: (try? req.content.get(String.self, at: "code")) ?? "", in: try req.useCase())
            return req.redirect(to: Paths.twoFactor)
        } catch let failure as TwoFactor.Failure {
            return try await req.view.render("two-factor", try await page(req, error: failure.description))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}
