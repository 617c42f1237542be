// A change made from a web page and its audit entry commit together or not at all: one
// function for every page that writes, so no handler can forget the entry.

import Fluent
import Vapor

extension Request {
    func auditedChange(practice: String?, action: AuditAction, patientID: String? = nil, detail: String?,
                       _ body: @escaping @Sendable (any Database) async throws -> Void) async throws {
        let event = AuditEvent(actor: try currentUser.actor, practiceID: practice, action: action, patientID: patientID,
                               detail: detail, address: clientAddress)
        try await database.transaction { tx in
            try await body(tx)
            try await AuditChain.append(event, on: tx)
        }
        // The dashboard's counts of this practice are out of date now.
        if let practice { await application.dashboardCache.invalidate(practice: practice) }
    }
}
