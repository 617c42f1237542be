// `loket ldo auto [--on YYYY-MM-DD]`: one round of the automatic LDO deliveries, what
// `serve` does every few minutes (LDOAutomaticDelivery) — for a server that runs the web
// app elsewhere and delivers from cron, and for the checks that run rounds side by side.
// Prints a line per practice that is due; exit 1 when one failed.

import Foundation
import LoketCore
import Vapor

struct LDOAutoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "on", help: "The day to deliver as (YYYY-MM-DD); default today.")
        var on: String?
        init() {}
    }

    var help: String { "Makes the automatic LDO deliveries that are due (serve does this every few minutes)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var useCase = app.useCase(actor: LDOAutomaticDelivery.actor)
        if let on = signature.on {
            useCase.dependencies.clock = useCase.dependencies.clock.pinning(today: try commandDate(on, option: "--on"))
        }
        let results = try await LDOAutomaticDelivery.run(in: useCase)
        var failed = 0
        for (practice, result) in results.sorted(by: { $0.key < $1.key }) {
            switch result {
            case .made(let id): context.console.print("\(practice): delivery \(id) made")
            case .alreadyDelivered(let id): context.console.print("\(practice): delivered already (\(id))")
            case .failed(let reason):
                failed += 1
                context.console.error("\(practice): failed: \(reason)")
            }
        }
        if failed > 0 { throw CommandFailure("\(failed) automatic delivery(ies) failed") }
    }
}
