// What every use case is called with: the database, its dependencies (clock, files, ids), a
// logger, and who acts (for the audit log: `user:ID`, `token:ID`, `cli:ACCOUNT`) from where.
// Entry points make one with `req.useCase` or `app.useCase(actor:)` and pass it on.

import Fluent
import Logging
import LoketCore
import Vapor

struct UseCaseContext: Sendable {
    let db: any Database
    var dependencies: Dependencies
    let logger: Logger
    let actor: String
    let address: String?
    /// Writes an audit entry outside a transaction (a view, a download): for requests the
    /// group commit of AuditWriter, on the command line a transaction of its own. Entries
    /// of a change go into the change's transaction with AuditChain.append instead.
    let audit: @Sendable (AuditEvent) async throws -> Void

    /// An entry with this context's actor and address.
    func audit(_ action: AuditAction, practice: String?, patient: String? = nil, detail: String?) async throws {
        try await audit(AuditEvent(actor: actor, practiceID: practice, action: action, patientID: patient,
                                   detail: detail, address: address))
    }

    /// Today, as the use case sees it (pinned in tests, `--on` on the command line).
    var today: LocalDate { dependencies.clock.today }
    var now: Date { dependencies.clock.now() }
}

extension Application {
    func useCase(actor: String = commandLineActor(), address: String? = nil) -> UseCaseContext {
        let db = self.db
        return UseCaseContext(db: db, dependencies: dependencies, logger: logger, actor: actor, address: address,
                              audit: { try await AuditChain.append($0, on: db) })
    }
}

extension Request {
    /// The context of a signed-in user's request.
    func useCase() throws -> UseCaseContext {
        useCase(actor: try currentUser.actor)
    }

    /// The context of an API token's request.
    func useCase(_ caller: APICaller) -> UseCaseContext {
        useCase(actor: caller.actor)
    }

    /// The context of a request made for `actor` (the second step of a sign-in, before the
    /// session is signed in).
    func useCase(actor: String) -> UseCaseContext {
        let writer = application.auditWriter
        return UseCaseContext(db: database, dependencies: dependencies, logger: logger, actor: actor, address: clientAddress,
                              audit: { try await writer.append($0) })
    }
}
