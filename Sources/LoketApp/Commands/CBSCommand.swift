// `loket cbs control --practice ID --year YYYY --period 1|2 [--format json|csv] [--output FILE]`:
// the control overview of a half year (spec/cbs-jeugdhulp.md §6), the same report as the
// web page and GET /api/v1/cbs/control. The definitive delivery comes as `cbs final`.

import Foundation
import LoketCore
import Vapor

struct CBSCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "control")
        var action: String
        @Option(name: "practice", help: "The practice (its exchange id).")
        var practice: String?
        @Option(name: "year", help: "The year, e.g. 2026.")
        var year: String?
        @Option(name: "period", help: "1 (JH-1, January–June) or 2 (JH-2, July–December).")
        var period: String?
        @Option(name: "format", help: "json (default) or csv.")
        var format: String?
        @Option(name: "output", short: "o", help: "File to write; standard output when absent.")
        var output: String?
        init() {}
    }

    var help: String { "CBS jeugdhulp: control makes the control overview of a half year." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "control" else {
            throw CommandFailure("unknown cbs action \"\(signature.action)\"; use: loket cbs control --practice ID --year YYYY --period 1|2")
        }
        try await control(context, signature)
    }

    private func control(_ context: CommandContext, _ signature: Signature) async throws {
        let app = context.application
        guard let practiceID = signature.practice, !practiceID.isEmpty else { throw CommandFailure("--practice ID is required") }
        let period: HalfYear
        switch CBSControlReport.halfYear(year: signature.year, half: signature.period) {
        case .success(let p): period = p
        case .failure(.year): throw CommandFailure("--year must be a year of four digits, e.g. 2026 (got \(quoted(signature.year)))")
        case .failure(.half): throw CommandFailure("--period must be 1 (JH-1, January–June) or 2 (JH-2, July–December) (got \(quoted(signature.period)))")
        }
        let format = signature.format ?? "json"
        guard format == "json" || format == "csv" else { throw CommandFailure("--format must be json or csv (got \"\(format)\")") }
        guard let practice = try await Practice.find(practiceID, on: app.db) else {
            throw CommandFailure("no practice with id \"\(practiceID)\"")
        }

        let report = try await CBSControlReport.run(on: app.db, practice: practice, period: period)
        let out = try OutputFile(path: signature.output)
        do {
            if format == "csv" {
                try CBSControlReport.writeCSV(report) { try out.write($0) }
            } else {
                try out.write(String(decoding: try CBSControlReport.json(report), as: UTF8.self) + "\n")
            }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
        try await AuditChain.append(AuditEvent(
            actor: commandLineActor(), practiceID: practice.id, action: .cbsControl, patientID: nil,
            detail: CBSControlReport.auditDetail(report, format: format), address: nil), on: app.db)
        if let output = signature.output {
            context.console.print("\(period): \(report.counts.deliverable) of \(report.counts.rows) rows deliverable; written to \(output)")
        }
    }

    private func quoted(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "nothing" }
}
