// `loket demo [--seed N] [--today YYYY-MM-DD]`: fills the database with the demo data
// set (also done by `loket serve --demo`). Loading it again updates the same records.

import LoketCore
import Vapor

struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "seed", help: "Seed of the generator (default 2026); the same seed gives the same data.")
        var seed: UInt64?
        @Option(name: "today", help: "Reference date the data is spread back from (default: today).")
        var today: String?
        init() {}
    }

    var help: String { "Loads the demo data set (two practices, a few hundred patients)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let today = try signature.today.map { try commandDate($0, option: "--today") } ?? context.application.dependencies.clock.today
        let summary = try await DemoData.load(into: context.application.db, seed: signature.seed ?? DemoData.defaultSeed, today: today,
                                               pvmFolder: context.application.dependencies.pvmRoot.path)
        try await DemoAccounts.create(on: context.application)
        context.console.print("demo data loaded: \(summary)")
        context.console.print(DemoAccounts.summary)
    }
}
