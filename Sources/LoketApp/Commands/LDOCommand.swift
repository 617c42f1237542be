// `loket ldo check --practice ID [--on YYYY-MM-DD] [--format json]`: which episodes the LDO
// delivery made on that day (default today) would include and which are left out, and why.
// The same report as GET /api/v1/ldo/check. The delivery itself comes with issue 5.

import Foundation
import LoketCore
import Vapor

struct LDOCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "check")
        var action: String
        @Option(name: "practice", help: "The practice (its exchange id).")
        var practice: String?
        @Option(name: "on", help: "The delivery date (YYYY-MM-DD); the window is the three whole months before its month.")
        var on: String?
        @Option(name: "format", help: "json (the only format).")
        var format: String?
        init() {}
    }

    var help: String { "LDO: check shows what the delivery of a day would include and leave out." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "check" else {
            throw CommandFailure("unknown ldo action \"\(signature.action)\"; use: loket ldo check --practice ID [--on YYYY-MM-DD]")
        }
        guard (signature.format ?? "json") == "json" else { throw CommandFailure("--format: only json") }
        guard let id = signature.practice, !id.isEmpty else { throw CommandFailure("--practice ID is required") }
        var date = LocalDate.today
        if let text = signature.on {
            guard let d = LocalDate(iso: text) else { throw CommandFailure("--on: not a date (YYYY-MM-DD): \"\(text)\"") }
            date = d
        }
        let db = context.application.db
        guard let practice = try await Practice.find(id, on: db) else { throw CommandFailure("no practice with id \"\(id)\"") }
        let report: LDOCheckReport.Report
        do {
            report = try await LDOCheckReport.run(on: db, practice: practice, deliveryDate: date)
        } catch let refusal as LDOCheckReport.NotOptedIn {
            throw CommandFailure("practice \"\(id)\": \(refusal.description)")
        }
        try await AuditChain.append(AuditEvent(actor: commandLineActor(), practiceID: id, action: .ldoCheck, patientID: nil,
                                               detail: LDOCheckReport.auditDetail(report), address: nil), on: db)
        context.console.output(String(decoding: try LDOCheckReport.json(report), as: UTF8.self), style: .plain, newLine: true)
    }
}
