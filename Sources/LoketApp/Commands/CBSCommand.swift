// `loket cbs control --practice ID --year YYYY --period 1|2 [--format json|csv|xlsx] [--output FILE]`:
// the control overview of a half year (spec/cbs-jeugdhulp.md §6), the same report as the
// web page and GET /api/v1/cbs/control.
// `loket cbs final --practice ID --year YYYY --period 1|2 [--format ascii|xlsx] [--output FILE] [--on YYYY-MM-DD]`:
// the definitive delivery (§7), stored with its file and stamped on the included episodes;
// the file is written to FILE after the commit (the outbox), or to standard output.
// `loket cbs withdraw --delivery ID --reason TEXT`: withdraws a definitive delivery (intrekken).
// `loket cbs changes --delivery ID`: what a definitive delivery changes against the one
// before it for its period (records added, removed, changed), as JSON.
// `loket cbs list [--practice ID] [--format json]`: the deliveries made.

import Fluent
import Foundation
import LoketCore
import Vapor

struct CBSCommand: AsyncCommand, ArgumentCheck {
    static let actions = ["control", "final", "withdraw", "changes", "list"]

    func checkArguments(_ input: CommandInput) throws {
        try UnknownAction.check(parseArguments(input).action, of: "cbs", in: Self.actions)
    }

    struct Signature: CommandSignature {
        @Argument(name: "action", help: "control, final, withdraw, changes or list")
        var action: String
        @Option(name: "practice", help: "The practice (its exchange id).")
        var practice: String?
        @Option(name: "year", help: "The year, e.g. 2026.")
        var year: String?
        @Option(name: "period", help: "1 (JH-1, January–June) or 2 (JH-2, July–December).")
        var period: String?
        @Option(name: "format", help: "control: json (default), csv or xlsx; final: ascii (default) or xlsx; list: text or json.")
        var format: String?
        @Option(name: "output", short: "o", help: "File to write; standard output when absent.")
        var output: String?
        @Option(name: "on", help: "final: the day it counts as today (YYYY-MM-DD), default today.")
        var on: String?
        @Option(name: "delivery", help: "withdraw, changes: the definitive delivery (its id).")
        var delivery: String?
        @Option(name: "reason", help: "withdraw: why it is withdrawn.")
        var reason: String?
        init() {}
    }

    var help: String { "CBS jeugdhulp: control (the control overview), final (the definitive delivery), withdraw, changes, list." }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.action {
        case "control": try await control(context, signature)
        case "final": try await final(context, signature)
        case "withdraw": try await withdraw(context, signature)
        case "changes": try await changes(context, signature)
        case "list": try await list(context, signature)
        default:
            throw CommandFailure("unknown cbs action \"\(signature.action)\"; use: loket cbs control|final|withdraw|changes|list --practice ID --year YYYY --period 1|2")
        }
    }

    /// The practice and half year of the arguments, or a clear failure.
    private func target(_ context: CommandContext, _ signature: Signature) async throws -> (Practice, HalfYear) {
        guard let practiceID = signature.practice, !practiceID.isEmpty else { throw CommandFailure("--practice ID is required") }
        let period: HalfYear
        switch CBSControlReport.halfYear(year: signature.year, half: signature.period) {
        case .success(let p): period = p
        case .failure(.year): throw CommandFailure("--year must be a year of four digits, e.g. 2026 (got \(quoted(signature.year)))")
        case .failure(.half): throw CommandFailure("--period must be 1 (JH-1, January–June) or 2 (JH-2, July–December) (got \(quoted(signature.period)))")
        }
        guard let practice = try await Practice.find(practiceID, on: context.application.db) else {
            throw CommandFailure("no practice with id \"\(practiceID)\"")
        }
        return (practice, period)
    }

    private func final(_ context: CommandContext, _ signature: Signature) async throws {
        let (practice, period) = try await target(context, signature)
        guard let format = CBSFileFormat(rawValue: signature.format ?? "ascii") else {
            throw CommandFailure("--format must be ascii (the fixed format) or xlsx (the standard spreadsheet) (got \(quoted(signature.format)))")
        }
        if format == .xlsx && signature.output == nil { throw CommandFailure("--format xlsx needs --output FILE: a spreadsheet is not for a terminal") }
        let useCase = try context.application.useCase(on: signature.on)
        let delivery: CBSDelivery
        do {
            delivery = try await CBSFinalDelivery.make(practice: practice, period: period, format: format, output: signature.output,
                                                       in: useCase)
        } catch let failure as CBSFinalDelivery.Failure {
            throw CommandFailure("no delivery made: \(failure.description)")
        } catch let notWritten as CBSFinalDelivery.FileNotWritten {
            throw CommandFailure(notWritten.description)
        }
        guard let output = signature.output else {
            try FileHandle.standardOutput.write(contentsOf: delivery.file ?? Data())
            return
        }
        context.console.print("delivery \(delivery.id!) \(period): \(delivery.records) records from \(delivery.deliverableRows) "
            + "of \(delivery.rows) rows; written to \(output)")
    }

    private func withdraw(_ context: CommandContext, _ signature: Signature) async throws {
        let db = context.application.db
        guard let id = signature.delivery, !id.isEmpty else { throw CommandFailure("--delivery ID is required") }
        guard let d = try await CBSDelivery.find(id, on: db), let practice = try await Practice.find(d.practiceID, on: db) else {
            throw CommandFailure("no CBS delivery with id \"\(id)\"")
        }
        do {
            try await CBSFinalWithdrawal.withdraw(id, practice: practice, reason: signature.reason ?? "", in: context.application.useCase())
        } catch let failure as CBSFinalWithdrawal.Failure {
            throw CommandFailure("not withdrawn: \(failure.description)")
        }
        context.console.print("delivery \(id) withdrawn")
    }

    private func changes(_ context: CommandContext, _ signature: Signature) async throws {
        guard let id = signature.delivery, !id.isEmpty else { throw CommandFailure("--delivery ID is required") }
        guard let d = try await CBSDelivery.find(id, on: context.application.db), d.isFinal else {
            throw CommandFailure("no definitive CBS delivery with id \"\(id)\"")
        }
        let result: CBSFinalChanges.Result
        do {
            result = try await CBSFinalChanges.view(id, practice: d.practiceID, in: context.application.useCase())
        } catch let failure as CBSFinalChanges.Failure {
            throw CommandFailure("not compared: \(failure.description)")
        }
        let json = try LoketJSON.data(CBSChangesSummary(result))
        context.console.output(String(decoding: json, as: UTF8.self), style: .plain, newLine: true)
    }

    private func list(_ context: CommandContext, _ signature: Signature) async throws {
        let db = context.application.db
        let query = CBSDelivery.query(on: db).sort(\.$madeAt, .descending)
        if let p = signature.practice { query.filter(\.$practiceID == p) }
        let deliveries = try await query.all()
        switch signature.format ?? "text" {
        case "json":
            let json = try LoketJSON.data(try await DeliveryFiles.summaries(deliveries, on: db))
            context.console.output(String(decoding: json, as: UTF8.self), style: .plain, newLine: true)
            return
        case "text": break
        default: throw CommandFailure("--format must be text or json (got \(quoted(signature.format)))")
        }
        for d in deliveries {
            let kind = d.isFinal ? "final  " : "control"
            context.console.print("\(d.id!)\t\(kind)\t\(d.year) JH-\(d.half)\t\(d.practiceID)\t\(d.madeBy)\t"
                + "\(AuditChain.timestamp(d.madeAt))\trows \(d.rows)\tdeliverable \(d.deliverableRows)\trecords \(d.records)")
        }
    }

    private func control(_ context: CommandContext, _ signature: Signature) async throws {
        let (practice, period) = try await target(context, signature)
        guard let format = CBSControlReport.ExportFormat(rawValue: signature.format ?? "json") else {
            throw CommandFailure("--format must be json, csv or xlsx (got \(quoted(signature.format)))")
        }
        if format == .xlsx && signature.output == nil { throw CommandFailure("--format xlsx needs --output FILE: a spreadsheet is not for a terminal") }

        let out = try OutputFile(path: signature.output)
        let counts: CBSControlReport.Counts
        do {
            let useCase = context.application.useCase()
            counts = try await CBSControlRun.make(practice: practice, period: period,
                                                  writing: .init(format: format, write: { try out.write($0) }), in: useCase).counts
            if format == .json { try out.write("\n") }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
        if let output = signature.output {
            context.console.print("\(period): \(counts.deliverable) of \(counts.rows) rows deliverable; written to \(output)")
        }
    }

    private func quoted(_ value: String?) -> String { value.map { "\"\($0)\"" } ?? "nothing" }
}
