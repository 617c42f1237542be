// `loket ldo …`: the LDO delivery from the command line, the same code paths as the web
// wizard and /api/v1/ldo/… (spec/ldo.md):
//   check   --practice ID [--on YYYY-MM-DD]                what the delivery of that day would include
//   deliver --practice ID [--on YYYY-MM-DD] [--output FILE] makes the delivery (PVM folder or FILE)
//   report  --delivery ID FILE                             takes in a processing report
//   reports                                                takes in the reports PVM left in the PVM folders
//   list    [--practice ID] [--format json]                the deliveries made
//   auto    [--on YYYY-MM-DD]                              the automatic deliveries that are due
// A practice without the opt-in gets a clear message and a non-zero exit; nothing is written.

import Fluent
import Foundation
import LoketCore
import Vapor

struct LDOCommand: AsyncCommandGroup {
    var help: String { "LDO: check, deliver, report and list the monthly deliveries." }
    var commands: [String: any AnyAsyncCommand] {
        ["check": LDOCheckCommand(), "deliver": LDODeliverCommand(), "report": LDOReportCommand(),
         "reports": LDOReportsCommand(), "list": LDOListCommand(), "auto": LDOAutoCommand()]
    }
}

/// The practice and delivery date that `check` and `deliver` take.
struct LDOTarget {
    let practice: Practice
    let date: LocalDate

    static func parse(practice id: String?, on text: String?, app: Application) async throws -> LDOTarget {
        let db = app.db
        guard let id, !id.isEmpty else { throw CommandFailure("--practice ID is required") }
        let date = try text.map { try commandDate($0, option: "--on") } ?? app.dependencies.clock.today
        guard let practice = try await Practice.find(id, on: db) else { throw CommandFailure("no practice with id \"\(id)\"") }
        return LDOTarget(practice: practice, date: date)
    }
}

struct LDOCheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "practice", help: "The practice (its exchange id).")
        var practice: String?
        @Option(name: "on", help: "The delivery date (YYYY-MM-DD); the window is the three whole months before its month.")
        var on: String?
        @Option(name: "format", help: "json (the only format).")
        var format: String?
        init() {}
    }

    var help: String { "What the LDO delivery of a day would include and leave out, and why (JSON)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard (signature.format ?? "json") == "json" else { throw CommandFailure("--format: only json") }
        let target = try await LDOTarget.parse(practice: signature.practice, on: signature.on, app: context.application)
        let report: LDOCheckReport.Report
        do {
            report = try await LDOCheckRun.run(practice: target.practice, deliveryDate: target.date, in: context.application.useCase())
        } catch let refusal as LDOCheckReport.NotOptedIn {
            throw CommandFailure("practice \"\(target.practice.id!)\": \(refusal.description)")
        }
        context.console.output(String(decoding: try LDOCheckReport.json(report), as: UTF8.self), style: .plain, newLine: true)
    }
}
