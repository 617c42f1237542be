// `loket user add --email E --name N --practice ID --role ROLE [--password P]`: creates the
// first account (or adds a role in another practice to an existing one). Without
// --password a strong one is made and printed once.

import Fluent
import Vapor

struct UserCommand: AsyncCommand, ArgumentCheck {
    static let actions = ["add"]

    func checkArguments(_ input: CommandInput) throws {
        try UnknownAction.check(parseArguments(input).action, of: "user", in: Self.actions)
    }

    struct Signature: CommandSignature {
        @Argument(name: "action", help: "add")
        var action: String
        @Option(name: "email", help: "the user's e-mail address (sign-in name)")
        var email: String?
        @Option(name: "name", help: "the user's name")
        var name: String?
        @Option(name: "practice", help: "the practice's id")
        var practice: String?
        @Option(name: "role", help: "beheerder, behandelaar or administratie")
        var role: String?
        @Option(name: "password", help: "the password (at least 12 characters); made for you when absent")
        var password: String?
        init() {}
    }

    var help: String { "Adds a user with a role in a practice." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "add" else { throw CommandFailure("unknown user action \"\(signature.action)\"; use: loket user add") }
        guard let email = signature.email, email.contains("@") else { throw CommandFailure("user add needs --email with an address") }
        guard let practice = signature.practice else { throw CommandFailure("user add needs --practice ID") }
        guard let role = signature.role.flatMap(Role.init(rawValue:)) else {
            throw CommandFailure("user add needs --role beheerder, behandelaar or administratie")
        }
        let made = signature.password == nil
        let password = signature.password ?? randomHex(bytes: 10)  // 20 characters
        guard Passwords.problem(password) == nil else {
            throw CommandFailure("--password: use \(Passwords.minimumLength) to \(Passwords.maximumBytes) characters")
        }
        let app = context.application
        guard try await Practice.find(practice, on: app.db) != nil else { throw CommandFailure("no practice with id \"\(practice)\"") }
        let (user, created) = try await Accounts.add(email: email, name: signature.name ?? email, password: password,
                                                     practice: practice, role: role, actor: commandLineActor(), on: app)
        context.console.print("\(created ? "created" : "updated") \(user.email): \(role.rawValue) of \(practice)")
        if made && created { context.console.print("password: \(password)") }
    }
}

enum Accounts {
    /// Creates the user (or finds them by e-mail) and gives them `role` in `practice`.
    @discardableResult
    static func add(email: String, name: String, password: String, practice: String, role: Role,
                    actor: String, on app: Application) async throws -> (User, Bool) {
        let hash = try await app.password.async.hash(password)
        return try await app.db.transaction { tx in
            var created = false
            let user: User
            if let existing = try await User.query(on: tx).filter(\.$email == User.normalise(email)).first() {
                user = existing
            } else {
                user = User(name: name, email: email, passwordHash: hash)
                try await user.create(on: tx)
                created = true
            }
            var changed = created
            if let m = try await Membership.query(on: tx).filter(\.$userID == user.id!).filter(\.$practiceID == practice).first() {
                if m.role != role.rawValue {
                    m.role = role.rawValue
                    try await m.save(on: tx)
                    changed = true
                }
            } else {
                try await Membership(userID: user.id!, practiceID: practice, role: role).create(on: tx)
                changed = true
            }
            guard changed else { return (user, false) }
            try await AuditChain.append(AuditEvent(actor: actor, practiceID: practice, action: .userCreate, patientID: nil,
                                                   detail: "\(user.id!) as \(role.rawValue)", address: nil), on: tx)
            return (user, created)
        }
    }
}
