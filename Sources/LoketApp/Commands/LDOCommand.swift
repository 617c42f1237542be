// `loket ldo …`: the LDO delivery from the command line, the same code paths as the web
// wizard and /api/v1/ldo/… (spec/ldo.md):
//   check   --practice ID [--on YYYY-MM-DD]                what the delivery of that day would include
//   deliver --practice ID [--on YYYY-MM-DD] [--output FILE] makes the delivery (PVM folder or FILE)
//   report  --delivery ID FILE                             takes in a processing report
//   list    [--practice ID] [--format json]                the deliveries made
// A practice without the opt-in gets a clear message and a non-zero exit; nothing is written.

import Fluent
import Foundation
import LoketCore
import Vapor

struct LDOCommand: AsyncCommandGroup {
    var help: String { "LDO: check, deliver, report and list the monthly deliveries." }
    var commands: [String: any AnyAsyncCommand] {
        ["check": LDOCheckCommand(), "deliver": LDODeliverCommand(), "report": LDOReportCommand(), "list": LDOListCommand()]
    }
}

/// The practice and delivery date that `check` and `deliver` take.
struct LDOTarget {
    let practice: Practice
    let date: LocalDate

    static func parse(practice id: String?, on text: String?, db: any Database) async throws -> LDOTarget {
        guard let id, !id.isEmpty else { throw CommandFailure("--practice ID is required") }
        var date = LocalDate.today
        if let text {
            guard let d = LocalDate(iso: text) else { throw CommandFailure("--on: not a date (YYYY-MM-DD): \"\(text)\"") }
            date = d
        }
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
        let db = context.application.db
        let target = try await LDOTarget.parse(practice: signature.practice, on: signature.on, db: db)
        let report: LDOCheckReport.Report
        do {
            report = try await LDOCheckReport.run(on: db, practice: target.practice, deliveryDate: target.date)
        } catch let refusal as LDOCheckReport.NotOptedIn {
            throw CommandFailure("practice \"\(target.practice.id!)\": \(refusal.description)")
        }
        try await AuditChain.append(AuditEvent(actor: commandLineActor(), practiceID: target.practice.id, action: .ldoCheck,
                                               patientID: nil, detail: LDOCheckReport.auditDetail(report), address: nil), on: db)
        context.console.output(String(decoding: try LDOCheckReport.json(report), as: UTF8.self), style: .plain, newLine: true)
    }
}
