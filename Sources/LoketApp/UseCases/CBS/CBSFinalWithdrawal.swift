// Use case: withdrawing a definitive CBS delivery (intrekken, spec/cbs-jeugdhulp.md §1 as
// docs/cbs.md "Herlevering" tells it): with a reason, under the lock of its practice and
// period, audited. The delivery it replaced, if any, becomes current again. A delivery is
// withdrawn in Loket's records; telling CBS is the practice's own step at the CBS portal,
// as uploading is.

import Fluent
import Foundation
import LoketCore

enum CBSFinalWithdrawal {
    typealias Failure = DeliveryRefused

    /// The longest reason kept (a sentence or two, not a document).
    static let maxReason = 500

    @discardableResult
    static func withdraw(_ id: String, practice: Practice, reason rawReason: String,
                         in context: UseCaseContext) async throws -> CBSDelivery {
        let reason = rawReason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw Failure(description: "geef een reden voor het intrekken") }
        guard reason.count <= maxReason else { throw Failure(description: "de reden is langer dan \(maxReason) tekens") }
        guard let found = try await CBSDelivery.find(id, on: context.db), found.practiceID == practice.id, found.isFinal,
              let period = HalfYear(year: found.year, half: found.half) else {
            throw Failure(description: "geen definitieve aanlevering \(id) van deze praktijk")
        }
        let key = CBSFinalDelivery.lockKey(practice: practice.id!, period: period)
        return try await DeliveryLock.shared.run(key) {
            try await LockedTransaction.run(key, on: context.db, now: context.now) { tx in
                // Read again under the lock: it may have been replaced or withdrawn meanwhile.
                guard let d = try await CBSDelivery.find(id, on: tx) else { throw Failure(description: "aanlevering \(id) is weg") }
                guard d.withdrawnAt == nil else { throw Failure(description: "aanlevering \(id) is al ingetrokken") }
                guard d.replacedBy == nil else {
                    throw Failure(description: "aanlevering \(id) is al vervangen door \(d.replacedBy!): trek die in")
                }
                d.withdrawnAt = context.now
                d.withdrawnBy = context.actor
                d.withdrawalReason = reason
                try await d.save(on: tx)
                let restored = try await CBSDeliveryHistory.replaced(by: id, on: tx)
                if let restored {
                    restored.replacedBy = nil
                    try await restored.save(on: tx)
                }
                // The reason is the user's own text: it stays in the delivery, not in the log.
                try await AuditChain.append(AuditEvent(
                    actor: context.actor, practiceID: practice.id, action: .cbsWithdraw, patientID: nil,
                    detail: "\(id) \(period) withdrawn" + (restored.map { "; \($0.id!) is current again" } ?? ""),
                    address: context.address), on: tx)
                return d
            }
        }
    }
}
