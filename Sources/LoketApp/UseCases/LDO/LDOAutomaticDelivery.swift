// Use case: the automatic monthly LDO delivery (issue 17). A practice that chose a day in
// its settings gets, from that day on, this month's delivery made by `serve` itself when it
// has not been made (by hand or automatically) and PVM did not reject it — the same
// delivery as step 3 of the wizard, made by "system:auto-ldo". Every background round asks
// again, so a server that was down on the day delivers when it is back. The "not made yet"
// question is asked under the practice's delivery lock (LDOMonthlyDelivery), so on
// PostgreSQL two instances make one delivery, not two.

import Fluent
import Foundation
import LoketCore

enum LDOAutomaticDelivery {
    /// The days a practice may choose: every month has them.
    static let days = 1...28

    static let actor = "system:auto-ldo"

    /// What one round did per practice, for the log and the tests.
    enum Result: Equatable {
        case made(String)
        case alreadyDelivered(String)
        case failed(String)
    }

    /// Makes the due deliveries of today. A practice whose delivery fails (its PVM folder
    /// gone) is logged and tried again next round; the others go on.
    @discardableResult
    static func run(in context: UseCaseContext) async throws -> [String: Result] {
        let today = context.dependencies.clock.today
        let due = try await Practice.query(on: context.db)
            .filter(\.$ldoOptIn == true)
            .filter(\.$ldoAutoDay <= today.day)
            .filter(\.$ldoPVMFolder != nil)
            .all()
        var results: [String: Result] = [:]
        for practice in due {
            let id = practice.id!
            do {
                let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: today, unlessDelivered: true,
                                                          in: context)
                results[id] = .made(d.id!)
                context.logger.info("automatic LDO delivery made", metadata: ["practice": .string(id), "delivery": .string(d.id!)])
            } catch let done as LDOMonthlyDelivery.AlreadyDelivered {
                results[id] = .alreadyDelivered(done.delivery)
            } catch let notWritten as LDOMonthlyDelivery.FileNotWritten {
                // Recorded: the outbox writes the file on a later round.
                results[id] = .made(notWritten.delivery.id!)
                context.logger.error("automatic LDO delivery made, file not written yet: \(notWritten.reason)",
                                     metadata: ["practice": .string(id)])
            } catch {
                results[id] = .failed("\(error)")
                context.logger.error("automatic LDO delivery failed: \(error)", metadata: ["practice": .string(id)])
            }
        }
        return results
    }
}
