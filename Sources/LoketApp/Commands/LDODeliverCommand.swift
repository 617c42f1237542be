// `loket ldo deliver`, `loket ldo report`, `loket ldo reports` and `loket ldo list` (see LDOCommand.swift).

import Fluent
import Foundation
import LoketCore
import Vapor

struct LDODeliverCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "practice", help: "The practice (its exchange id).")
        var practice: String?
        @Option(name: "on", help: "The delivery date (YYYY-MM-DD), default today.")
        var on: String?
        @Option(name: "output", short: "o", help: "Write the file here instead of the practice's PVM folder.")
        var output: String?
        init() {}
    }

    var help: String { "Makes the LDO delivery: the file in the PVM folder (or --output), recorded with its episodes." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let target = try await LDOTarget.parse(practice: signature.practice, on: signature.on, app: context.application)
        let d: LDODelivery
        do {
            d = try await LDOMonthlyDelivery.make(practice: target.practice, deliveryDate: target.date, output: signature.output,
                                                  in: context.application.useCase())
        } catch let failure as LDOMonthlyDelivery.Failure {
            throw CommandFailure("practice \"\(target.practice.id!)\": no delivery made: \(failure.description)")
        } catch let notWritten as LDOMonthlyDelivery.FileNotWritten {
            throw CommandFailure(notWritten.description)
        }
        context.console.print("delivery \(d.id!) window \(d.windowStart)…\(d.windowEnd): \(d.included) episodes, "
            + "\(d.excludedWithFindings) left out for findings, \(d.excludedForConsent) for want of consent; "
            + "written to \((d.filePath as NSString).appendingPathComponent(d.fileName))")
    }
}

struct LDOReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        // The option first: ConsoleKit parses in declaration order, and an argument parsed
        // first would take the option's value as the file.
        @Option(name: "delivery", help: "The delivery it answers (its id).")
        var delivery: String?
        @Argument(name: "file", help: "The processing report (verwerkingsverslag) PVM wrote.")
        var file: String
        init() {}
    }

    var help: String { "Takes in PVM's processing report for a delivery: status, and per episode accepted or rejected fields." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        guard let id = signature.delivery, !id.isEmpty else { throw CommandFailure("--delivery ID is required") }
        guard let d = try await LDODelivery.find(id, on: db) else { throw CommandFailure("no LDO delivery with id \"\(id)\"") }
        guard let practice = try await Practice.find(d.practiceID, on: db) else { throw CommandFailure("the delivery's practice is gone") }
        guard let data = FileManager.default.contents(atPath: signature.file) else { throw CommandFailure("cannot read \(signature.file)") }
        do {
            try await LDOReportIntake.takeIn([UInt8](data), practice: practice, delivery: d, in: context.application.useCase())
        } catch let failure as LDOReportIntake.Failure {
            throw CommandFailure("report not taken in: \(failure.description)")
        }
        context.console.print("delivery \(d.id!): \(d.statusValue.label.lowercased())")
    }
}

struct LDOReportsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String { "Takes in the processing reports PVM left in the practices' PVM folders (serve does this every few minutes)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let problems = try await LDOReportIntake.scanAll(in: context.application.useCase())
        for problem in problems { context.console.error("report not taken in: \(problem)") }
        if !problems.isEmpty { throw CommandFailure("\(problems.count) report(s) could not be read") }
    }
}

struct LDOListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "practice", help: "Only this practice's deliveries.")
        var practice: String?
        @Option(name: "format", help: "text (default) or json.")
        var format: String?
        init() {}
    }

    var help: String { "Lists the LDO deliveries, newest first." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let query = LDODelivery.query(on: context.application.db).sort(\.$madeAt, .descending)
        if let p = signature.practice { query.filter(\.$practiceID == p) }
        let deliveries = try await query.all()
        switch signature.format ?? "text" {
        case "json":
            let json = try LoketJSON.data(try await DeliveryFiles.summaries(deliveries, on: context.application.db))
            context.console.output(String(decoding: json, as: UTF8.self), style: .plain, newLine: true)
        case "text":
            for d in deliveries {
                context.console.print("\(d.id!)\t\(d.practiceID)\t\(d.windowStart)…\(d.windowEnd)\t\(d.madeBy)\t"
                    + "\(AuditChain.timestamp(d.madeAt))\tincluded \(d.included)\tfindings \(d.excludedWithFindings)\t"
                    + "no consent \(d.excludedForConsent)\t\(d.status)")
            }
        default:
            throw CommandFailure("--format must be text or json")
        }
    }
}
