// What `serve` does by itself: at start, finish the outbox (files a stop left unwritten);
// then every few minutes, take in the processing reports PVM left in the PVM folders,
// finish the outbox again (a folder that was gone may be back), and make the automatic LDO
// deliveries that are due (LDOAutomaticDelivery). Only in `serve`: a command
// does its own work and ends.

import Vapor

struct BackgroundWork: LifecycleHandler {
    /// How often reports are taken in (the overview's text says 5 minutes).
    static let interval: Duration = .seconds(300)

    final class Box: @unchecked Sendable {
        var task: Task<Void, Never>?
    }

    let box = Box()

    func didBootAsync(_ app: Application) async throws {
        let context = app.useCase(actor: "system:serve")
        try await Outbox.finish(dependencies: context.dependencies, on: context.db, logger: context.logger)
        box.task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.interval)
                if Task.isCancelled { return }
                await Self.round(context)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        box.task?.cancel()
        await box.task?.value
    }

    static func round(_ context: UseCaseContext) async {
        do {
            try await LDOReportIntake.scanAll(in: context)
            try await Outbox.finish(dependencies: context.dependencies, on: context.db, logger: context.logger)
            let auto = UseCaseContext(db: context.db, dependencies: context.dependencies, logger: context.logger,
                                      actor: LDOAutomaticDelivery.actor, address: nil, audit: context.audit)
            try await LDOAutomaticDelivery.run(in: auto)
        } catch {
            context.logger.error("background round failed: \(String(reflecting: error))")
        }
    }
}
