// A practice's own pages: settings (Gegevens and Aanleveringen), employees, users with
// their roles, and API tokens. Settings and employees are for the beheerder and the
// administratie; users and tokens for the beheerder only. Every change is logged.

import Fluent
import LoketCore
import Vapor

struct PracticeSettingsController {
    // MARK: Instellingen

    func settings(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .readSettings)
        return try await renderSettings(req, practice, PracticeSettingsForm(practice), FormErrors(),
                                        saved: req.query[String.self, at: "opgeslagen"] != nil)
    }

    func saveSettings(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writeSettings)
        let form = try req.content.decode(PracticeSettingsForm.self)
        let errors = form.validate(into: practice, pvmRoot: req.dependencies.pvmRoot, files: req.dependencies.files)
        guard errors.isEmpty else {
            return try await renderSettings(req, practice, form, errors, saved: false).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await req.auditedChange(practice: practice.id, action: .practiceChange, detail: "settings") { try await practice.save(on: $0) }
        // Opened from step 2 of the LDO wizard (a KvK or AGB to fill in): the way back stays.
        return req.redirect(to: Layout.carryingForm(of: req, to: Paths.settings(practice.id!) + "?opgeslagen=1"))
    }

    private func renderSettings(_ req: Request, _ practice: Practice, _ form: PracticeSettingsForm, _ errors: FormErrors,
                                saved: Bool) async throws -> View {
        let user = try req.currentUser
        return try await req.view.render("practice-settings", SettingsPage(
            title: "Instellingen", layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: practice.id!, active: "Instellingen"),
            canWrite: user.may(.writeSettings, in: practice.id!), saved: saved, action: Paths.settings(practice.id!),
            form: form, errors: errors,
            consentOptions: [SelectOption(value: "ja", label: "Ja"), SelectOption(value: "nee", label: "Nee")],
            autoDays: LDOAutomaticDelivery.days.map { SelectOption(value: String($0), label: "Op de \($0)e van de maand") }
                .selecting(form.ldoAutoDay)))
    }

    // MARK: Medewerkers

    /// The list, with each practitioner whose BIG number keeps episodes out of this month's
    /// LDO delivery flagged with their count (EmployeesPage.flag).
    func employees(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .readSettings)
        return try await renderEmployees(req, practice, EmployeeForm(), FormErrors(), ldoFlags: true)
    }

    func addEmployee(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writeSettings)
        let form = try req.content.decode(EmployeeForm.self)
        let employee = Employee()
        employee.id = "e_" + randomHex(bytes: 8)
        employee.practiceID = practice.id!
        let errors = form.validate(into: employee)
        guard errors.isEmpty else {
            return try await renderEmployees(req, practice, form, errors, ldoFlags: false).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await req.auditedChange(practice: practice.id, action: .employeeChange, detail: "added \(employee.id!)") { try await employee.create(on: $0) }
        return req.redirect(to: Layout.carryingForm(of: req, to: Paths.employees(practice.id!)))
    }

    func editEmployee(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .writeSettings)
        let employee = try await Self.employee(req, practice)
        return try await renderEmployee(req, practice, employee, EmployeeForm(employee), FormErrors())
    }

    func saveEmployee(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .writeSettings)
        let employee = try await Self.employee(req, practice)
        let form = try req.content.decode(EmployeeForm.self)
        let errors = form.validate(into: employee)
        guard errors.isEmpty else {
            return try await renderEmployee(req, practice, employee, form, errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await req.auditedChange(practice: practice.id, action: .employeeChange, detail: employee.id!) { try await employee.save(on: $0) }
        // Opened from step 2 of the LDO wizard (a BIG number to fill in): the way back stays.
        return req.redirect(to: Layout.carryingForm(of: req, to: Paths.employees(practice.id!)))
    }

    /// The Medewerkers page; `ldoFlags`: with the LDO flags of LDOCauses.employeeFlags.
    private func renderEmployees(_ req: Request, _ practice: Practice, _ form: EmployeeForm, _ errors: FormErrors,
                                 ldoFlags: Bool) async throws -> View {
        let user = try req.currentUser
        let list = try await Employee.query(on: req.database).filter(\.$practiceID == practice.id!).sort(\.$name).all()
        let layout = try await Layout.make(for: req)
        var page = EmployeesPage(
            title: "Medewerkers", layout: layout, practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: practice.id!, active: "Medewerkers"),
            canWrite: user.may(.writeSettings, in: practice.id!), action: Paths.employees(practice.id!),
            // Reached from step 2 (`terug`): a medewerker opened from the list keeps the way back.
            rows: list.map { .init(name: $0.name, big: $0.big ?? "", agb: $0.agb ?? "",
                                   href: Layout.carrying(layout.back, to: Paths.employee(practice.id!, $0.id!))) },
            form: form, errors: errors)
        if ldoFlags {
            let blocked = try await LDOCauses.employeeFlags(practice, today: req.dependencies.clock.today, on: req.database)
            page.flag(ids: list.map { $0.id! }, blocked: blocked, bigs: list.map(\.big))
        }
        return try await req.view.render("employees", page)
    }

    private func renderEmployee(_ req: Request, _ practice: Practice, _ e: Employee, _ form: EmployeeForm, _ errors: FormErrors) async throws -> View {
        try await req.view.render("employee-form", EmployeeFormPage(
            title: "Medewerker", layout: try await Layout.make(for: req), practice: practice.name,
            action: Paths.employee(practice.id!, e.id!), cancelHref: Paths.employees(practice.id!), form: form, errors: errors))
    }

    private static func employee(_ req: Request, _ practice: Practice) async throws -> Employee {
        guard let id = req.parameters.get("employeeID"), let e = try await Employee.find(id, on: req.database),
              e.practiceID == practice.id else { throw LoketError.notFound("Medewerker niet gevonden.") }
        return e
    }

    // MARK: Gebruikers

    func users(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .manageUsers)
        return try await renderUsers(req, practice, NewUserForm(), FormErrors())
    }

    func addUser(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .manageUsers)
        let form = try req.content.decode(NewUserForm.self)
        let (errors, values) = form.validate()
        guard let values else {
            return try await renderUsers(req, practice, form, errors).encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await Accounts.add(email: values.email, name: values.name, password: values.password, practice: practice.id!,
                               role: values.role, actor: try req.currentUser.actor, on: req.application)
        return req.redirect(to: Paths.users(practice.id!))
    }

    /// The member of this practice named in the path (never another practice's), not oneself.
    private func member(_ req: Request, _ practice: Practice) async throws -> (Membership, User) {
        let user = try req.currentUser
        guard let id = req.parameters.get("membershipID"), let m = try await Membership.find(id, on: req.database),
              m.practiceID == practice.id, let member = try await User.find(m.userID, on: req.database)
        else { throw LoketError.notFound("Gebruiker niet gevonden.") }
        // A beheerder cannot lock the practice out of its own administration.
        guard m.userID != user.id else { throw LoketError.badRequest("U kunt dit niet voor uzelf doen; gebruik Wachtwoord wijzigen.") }
        return (m, member)
    }

    struct RemoveUserPage: Encodable {
        var title = "Gebruiker verwijderen"
        var layout: Layout, practice: String, name: String, email: String, role: String, action: String, backHref: String
    }

    /// GET …/gebruikers/:id/verwijderen: who would lose access, to confirm.
    func confirmRemoveUser(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .manageUsers)
        let (m, member) = try await self.member(req, practice)
        return try await req.view.render("user-remove", RemoveUserPage(
            layout: try await Layout.make(for: req), practice: practice.name, name: member.name, email: member.email,
            role: Role(rawValue: m.role)?.label ?? m.role, action: Paths.removeMember(practice.id!, m.id!),
            backHref: Paths.users(practice.id!)))
    }

    /// POST …/gebruikers/:id/verwijderen (bevestigd=1): removes the membership; without the
    /// confirmation, the confirmation page first.
    func removeUser(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .manageUsers)
        let (m, _) = try await member(req, practice)
        guard (try? req.content.get(String.self, at: "bevestigd")) == "1" else {
            return req.redirect(to: Paths.removeMember(practice.id!, m.id!))
        }
        try await req.auditedChange(practice: practice.id, action: .userRemove, detail: m.userID) { try await m.delete(on: $0) }
        return req.redirect(to: Paths.users(practice.id!))
    }

    /// POST …/gebruikers/tweestaps (verplicht=1 or not): the beheerder requires two-factor
    /// sign-in of every member, or no longer.
    func requireTwoFactor(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .manageUsers)
        let required = (try? req.content.get(String.self, at: "verplicht")) == "1"
        try await TwoFactor.setRequired(required, practice: practice, in: try req.useCase())
        return req.redirect(to: Paths.users(practice.id!))
    }

    /// POST …/gebruikers/:id/tweestaps: switches a member's second factor off.
    func resetTwoFactor(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .manageUsers)
        let (m, _) = try await member(req, practice)
        _ = try await TwoFactor.reset(membership: m.id!, practice: practice.id!, in: try req.useCase())
        return req.redirect(to: Paths.users(practice.id!))
    }

    struct PasswordResetPage: Encodable {
        var title = "Wachtwoord opnieuw ingesteld"
        var layout: Layout, practice: String, name: String, email: String, password: String, backHref: String
    }

    /// POST …/gebruikers/:id/wachtwoord: a one-time password, shown once on this answer.
    func resetPassword(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .manageUsers)
        let (m, _) = try await member(req, practice)
        let (user, password) = try await Passwords.reset(membership: m.id!, practice: practice.id!, hasher: req.password.async,
                                                         in: try req.useCase())
        return try await req.view.render("password-reset", PasswordResetPage(
            layout: try await Layout.make(for: req), practice: practice.name, name: user.name, email: user.email,
            password: password, backHref: Paths.users(practice.id!)))
    }

    private func renderUsers(_ req: Request, _ practice: Practice, _ form: NewUserForm, _ errors: FormErrors) async throws -> View {
        let user = try req.currentUser
        let members = try await Membership.query(on: req.database).filter(\.$practiceID == practice.id!).all()
        let people = Dictionary(try await User.query(on: req.database).filter(\.$id ~~ members.map(\.userID)).all().map { ($0.id!, $0) },
                                uniquingKeysWith: { a, _ in a })
        let rows = members.compactMap { m -> UsersPage.Row? in
            guard let u = people[m.userID] else { return nil }
            return .init(name: u.name, email: u.email, role: Role(rawValue: m.role)?.label ?? m.role,
                         twoFactor: u.totpSecret == nil ? "nee" : "ja",
                         twoFactorResetAction: u.totpSecret == nil || m.userID == user.id ? nil : Paths.resetTwoFactor(practice.id!, m.id!),
                         removeAction: m.userID == user.id ? nil : Paths.removeMember(practice.id!, m.id!),
                         resetAction: m.userID == user.id ? nil : Paths.resetPassword(practice.id!, m.id!))
        }.sorted { $0.name < $1.name }
        return try await req.view.render("users", UsersPage(
            title: "Gebruikers", layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: practice.id!, active: "Gebruikers"), action: Paths.users(practice.id!),
            rows: rows, form: form, errors: errors, twoFactorRequired: practice.requireTwoFactor,
            twoFactorAction: Paths.requireTwoFactor(practice.id!),
            roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) }))
    }

    // MARK: API-tokens

    func tokens(_ req: Request) async throws -> View {
        let practice = try await req.practice(requiring: .manageUsers)
        return try await renderTokens(req, practice, newSecret: nil, error: nil)
    }

    func createToken(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .manageUsers)
        guard let name = clean(try? req.content.get(String.self, at: "name")) else {
            return try await renderTokens(req, practice, newSecret: nil, error: "Geef het token een naam (waarvoor is het?).")
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let (_, secret) = try await APIToken.create(name: name, practiceID: practice.id!, actor: try req.currentUser.actor, on: req.database)
        // Shown once, on this answer; only its hash is kept.
        return try await renderTokens(req, practice, newSecret: secret, error: nil).encodeResponse(for: req)
    }

    func revokeToken(_ req: Request) async throws -> Response {
        let practice = try await req.practice(requiring: .manageUsers)
        guard let id = req.parameters.get("tokenID"), let token = try await APIToken.find(id, on: req.database),
              token.practiceID == practice.id else { throw LoketError.notFound("Token niet gevonden.") }
        _ = try await APIToken.revoke(id: id, actor: try req.currentUser.actor, on: req.database)
        return req.redirect(to: Paths.tokens(practice.id!))
    }

    private func renderTokens(_ req: Request, _ practice: Practice, newSecret: String?, error: String?) async throws -> View {
        let user = try req.currentUser
        let list = try await APIToken.query(on: req.database).filter(\.$practiceID == practice.id!).sort(\.$createdAt, .descending).all()
        return try await req.view.render("tokens", TokensPage(
            title: "API-tokens", layout: try await Layout.make(for: req), practice: practice.name,
            tabs: PracticeTabs.make(for: user, practice: practice.id!, active: "API-tokens"), action: Paths.tokens(practice.id!),
            newSecret: newSecret, error: error,
            rows: list.map { .init(id: $0.id!, name: $0.name, active: $0.revokedAt == nil,
                                   revokeAction: $0.revokedAt == nil ? Paths.revokeToken(practice.id!, $0.id!) : nil) }))
    }
}

struct SettingsPage: Encodable {
    var title: String, layout: Layout, practice: String, tabs: [PracticeTab], canWrite: Bool, saved: Bool, action: String
    var form: PracticeSettingsForm, errors: FormErrors, consentOptions: [SelectOption]
    /// The days automatic LDO delivery may be set to.
    var autoDays: [SelectOption]
}

struct EmployeesPage: Encodable {
    struct Row: Encodable {
        var name: String, big: String, agb: String, href: String
        /// Episodes of this month's LDO window kept out by this BIG number; 0 when none.
        var ldoBlocked = 0
        /// `ldoBlocked > 0`, for the template (Leaf counts a 0 as true).
        var flagged = false
        /// "Geen BIG-nummer: 24 episodes gaan niet naar de LDO", empty when none.
        var ldoFlag = ""
    }
    var title: String, layout: Layout, practice: String, tabs: [PracticeTab], canWrite: Bool, action: String
    var rows: [Row], form: EmployeeForm, errors: FormErrors
    /// One line per flagged practitioner, shown above the list (EmployeesPage.flag).
    var ldoWarnings: [String] = []
}

struct EmployeeFormPage: Encodable {
    var title: String, layout: Layout, practice: String, action: String, cancelHref: String, form: EmployeeForm, errors: FormErrors
}

struct UsersPage: Encodable {
    struct Row: Encodable { var name: String, email: String, role: String, twoFactor: String, twoFactorResetAction: String?, removeAction: String?, resetAction: String? }
    var title: String, layout: Layout, practice: String, tabs: [PracticeTab], action: String
    var rows: [Row], form: NewUserForm, errors: FormErrors
    /// Two-factor sign-in required of every member, and the form that changes it.
    var twoFactorRequired: Bool, twoFactorAction: String
    var roles: [SelectOption]
}

struct TokensPage: Encodable {
    struct Row: Encodable { var id: String, name: String, active: Bool, revokeAction: String? }
    var title: String, layout: Layout, practice: String, tabs: [PracticeTab], action: String
    var newSecret: String?, error: String?, rows: [Row]
}
