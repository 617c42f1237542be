// `loket token create --name NAME [--practice ID]`, `loket token revoke --id ID`, `loket token list`:
// bearer tokens for the JSON API. Only a SHA-256 of the token is stored; the token itself
// is shown once, at creation.

import Fluent
import Vapor

struct TokenCommand: AsyncCommand, ArgumentCheck {
    static let actions = ["create", "revoke", "list"]

    func checkArguments(_ input: CommandInput) throws {
        try UnknownAction.check(parseArguments(input).action, of: "token", in: Self.actions)
    }

    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create, revoke or list")
        var action: String
        @Option(name: "id", help: "with revoke: the token's id")
        var id: String?
        @Option(name: "name", help: "with create: what the token is for")
        var name: String?
        @Option(name: "practice", help: "with create: limit the token to this practice")
        var practice: String?
        init() {}
    }

    var help: String { "Creates, revokes and lists API tokens." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        switch signature.action {
        case "create":
            guard let name = signature.name, !name.isEmpty else { throw CommandFailure("token create needs --name") }
            if let p = signature.practice, try await Practice.find(p, on: db) == nil {
                throw CommandFailure("no practice with id \"\(p)\"")
            }
            let (token, secret) = try await APIToken.create(name: name, practiceID: signature.practice, actor: commandLineActor(), on: db)
            context.console.print("token \(token.id!) created for \(signature.practice.map { "practice \($0)" } ?? "all practices")")
            context.console.print(secret)
        case "revoke":
            guard let id = signature.id else { throw CommandFailure("token revoke needs --id ID") }
            guard try await APIToken.revoke(id: id, actor: commandLineActor(), on: db) else {
                throw CommandFailure("no active token with id \"\(id)\"")
            }
            context.console.print("token \(id) revoked")
        case "list":
            for t in try await APIToken.query(on: db).sort(\.$createdAt).all() {
                let state = t.revokedAt == nil ? "active" : "revoked"
                context.console.print("\(t.id!)\t\(t.practiceID ?? "*")\t\(state)\t\(t.name)")
            }
        default:
            throw CommandFailure("unknown token action \"\(signature.action)\"; use create, revoke or list")
        }
    }
}
