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
