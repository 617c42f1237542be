// Use case: taking in PVM's processing reports (verwerkingsverslagen, spec/ldo.md §2 step 3,
// §3), uploaded by hand (page, API, `loket ldo report`) or picked up from the practice's
// PVM folder, where PVM writes them as `*.verslag.txt` — on purpose: the overview's button
// "Verslagen ophalen", `loket ldo reports`, and every few minutes inside `serve`, never as
// a side effect of opening a page. A report sets its delivery's status (verwerkt, or
// afgekeurd on a 2xxx code) and, per episode, accepted or the rejected fields.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum LDOReportIntake {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses `bytes` and records it on `delivery`, or on the practice's delivery the
    /// report names when `delivery` is nil. One transaction: all of the report or none.
    @discardableResult
    static func takeIn(_ bytes: [UInt8], practice: Practice, delivery given: LDODelivery?,
                       in context: UseCaseContext) async throws -> LDODelivery {
        let db = context.db
        let report: LDOProcessingReport
        do {
            report = try LDOProcessingReport.parse(bytes)
        } catch {
            throw Failure(description: error.description)
        }
        let reference = report.deliveryReference
        let delivery: LDODelivery
        if let given {
            guard reference == given.fileName || reference == given.id else {
                throw Failure(description: "dit verslag hoort bij aanlevering \(reference), niet bij \(given.fileName)")
            }
            delivery = given
        } else {
            guard let found = try await LDODelivery.query(on: db).filter(\.$practiceID == practice.id!)
                .group(.or, { $0.filter(\.$fileName == reference).filter(\.$id == reference) }).first() else {
                throw Failure(description: "geen aanlevering van deze praktijk heet \(reference)")
            }
            delivery = found
        }
        // Under the practice's LDO lock: a report never lands halfway through a delivery.
        try await LockedTransaction.run(LDOMonthlyDelivery.lockKey(practice: practice.id!), on: db, now: context.now) { tx in
            delivery.status = (report.status == .rejected ? LDODelivery.Status.rejected : .processed).rawValue
            delivery.report = Data(bytes)
            delivery.reportReceivedAt = context.now
            try await delivery.save(on: tx)
            let sql = tx as! any SQLDatabase
            // A newer report of the delivery replaces the older one whole: its verdicts on
            // episodes the new one does not name are gone, not left on those episodes.
            try await sql.update("ldo_delivery_episodes").set("result", to: SQLLiteral.null)
                .set("messages", to: SQLLiteral.null)
                .where("delivery_id", .equal, SQLBind(delivery.id!)).run()
            // The whole delivery rejected: no episode of it was taken.
            if report.status == .rejected {
                try await sql.update("ldo_delivery_episodes").set("result", to: SQLBind("rejected"))
                    .where("delivery_id", .equal, SQLBind(delivery.id!)).run()
            }
            for e in report.episodes {
                let messages = e.fields.map { "\($0.field)|\($0.code.value)|\($0.reason)" }.joined(separator: "\n")
                let result = report.status == .rejected ? "rejected" : e.status.rawValue
                try await sql.update("ldo_delivery_episodes").set("result", to: SQLBind(result))
                    .set("messages", to: SQLBind(messages.isEmpty ? nil : messages))
                    .where("delivery_id", .equal, SQLBind(delivery.id!)).where("episode_id", .equal, SQLBind(e.episodeId)).run()
            }
            try await AuditChain.append(AuditEvent(
                actor: context.actor, practiceID: practice.id, action: .ldoReport, patientID: nil,
                detail: "\(delivery.id!) \(delivery.status): \(report.acceptedEpisodeIds.count) accepted, "
                    + "\(report.rejectedEpisodes.count) rejected", address: context.address), on: tx)
        }
        return delivery
    }

    /// Takes in the reports in the practice's PVM folder that answer a delivery still
    /// waiting for one. Returns what could not be read, per file, for the overview.
    static func scanFolder(practice: Practice, in context: UseCaseContext) async throws -> [String] {
        let db = context.db, files = context.dependencies.files
        // Only a folder the PVM root allows is read (PVMRoot): never one stored before it was set.
        guard let stored = practice.ldoPVMFolder, case .success(let folder) = context.dependencies.pvmRoot.check(stored, files: files)
        else { return [] }
        let names = files.contentsOfDirectory(folder)
        let waiting = try await LDODelivery.query(on: db).filter(\.$practiceID == practice.id!)
            .filter(\.$status == LDODelivery.Status.placed.rawValue).all()
        guard !waiting.isEmpty else { return [] }
        var problems: [String] = []
        for name in names.sorted() where name.hasSuffix(LDOReports.fileSuffix) {
            guard let data = files.contents((folder as NSString).appendingPathComponent(name)) else { continue }
            let bytes = [UInt8](data)
            // Only reports for deliveries that wait: older reports stay where PVM put them.
            let reference: String
            do {
                reference = try LDOProcessingReport.parse(bytes).deliveryReference
            } catch {
                problems.append("\(name): \(error.description)")
                continue
            }
            guard let delivery = waiting.first(where: { $0.fileName == reference || $0.id == reference }),
                  delivery.statusValue == .placed else { continue }
            try await takeIn(bytes, practice: practice, delivery: delivery, in: context)
        }
        return problems
    }

    /// The folders of every practice with a delivery waiting for its report. Returns the
    /// problems, each with its practice.
    @discardableResult
    static func scanAll(in context: UseCaseContext) async throws -> [String] {
        let waiting = Set(try await LDODelivery.query(on: context.db)
            .filter(\.$status == LDODelivery.Status.placed.rawValue).all().map(\.practiceID))
        var problems: [String] = []
        for practiceID in waiting.sorted() {
            guard let practice = try await Practice.find(practiceID, on: context.db) else { continue }
            problems += try await scanFolder(practice: practice, in: context).map { "\(practiceID): \($0)" }
        }
        return problems
    }
}
