// `loket audit verify`: walks the audit log's hash chain; exits non-zero if any entry was
// changed or removed.

import Vapor

struct AuditCommand: AsyncCommand, ArgumentCheck {
    static let actions = ["verify"]

    func checkArguments(_ input: CommandInput) throws {
        try UnknownAction.check(parseArguments(input).action, of: "audit", in: Self.actions)
    }

    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
        init() {}
    }

    var help: String { "Checks the audit log (verify)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else { throw CommandFailure("unknown audit action \"\(signature.action)\"; use: loket audit verify") }
        let result = try await AuditVerification.verify(on: context.application.db)
        guard case .intact = result else { throw CommandFailure(result.description) }
        context.console.print(result.description)
    }
}
