// Taking in PVM's processing reports (verwerkingsverslagen, spec/ldo.md §2 step 3, §3):
// from the practice's PVM folder, where PVM writes them as `*.verslag.txt`, or uploaded by
// hand. A report sets its delivery's status (verwerkt, or afgekeurd on a 2xxx code) and,
// per episode, accepted or the rejected fields, which the episode form then shows.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum LDOReports {
    static let fileSuffix = ".verslag.txt"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses `bytes` and records it on `delivery`, or on the practice's delivery the
    /// report names when `delivery` is nil. One transaction: all of the report or none.
    @discardableResult
    static func takeIn(_ bytes: [UInt8], practice: Practice, delivery given: LDODelivery?, actor: String,
                       address: String?, on db: any Database) async throws -> LDODelivery {
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
        try await db.transaction { tx in
            delivery.status = (report.status == .rejected ? LDODelivery.Status.rejected : .processed).rawValue
            delivery.report = Data(bytes)
            delivery.reportReceivedAt = Date()
            try await delivery.save(on: tx)
            let sql = tx as! any SQLDatabase
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
                actor: actor, practiceID: practice.id, action: .ldoReport, patientID: nil,
                detail: "\(delivery.id!) \(delivery.status): \(report.acceptedEpisodeIds.count) accepted, "
                    + "\(report.rejectedEpisodes.count) rejected", address: address), on: tx)
        }
        return delivery
    }

    /// Takes in the reports in the practice's PVM folder that answer a delivery still
    /// waiting for one. Returns what could not be read, per file, for the overview.
    static func scanFolder(practice: Practice, actor: String, on db: any Database) async throws -> [String] {
        guard let folder = practice.ldoPVMFolder,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let waiting = try await LDODelivery.query(on: db).filter(\.$practiceID == practice.id!)
            .filter(\.$status == LDODelivery.Status.placed.rawValue).all()
        guard !waiting.isEmpty else { return [] }
        var problems: [String] = []
        for name in names.sorted() where name.hasSuffix(fileSuffix) {
            guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else { continue }
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
            try await takeIn(bytes, practice: practice, delivery: delivery, actor: actor, address: nil, on: db)
        }
        return problems
    }

    /// The latest report's verdict on an episode, when it was rejected: what the episode
    /// form shows. Nil when the episode's last reported delivery accepted it.
    static func latestRejection(episode: String, on db: any Database) async throws -> (delivery: String, messages: [String])? {
        struct Row: Decodable { var delivery_id: String; var result: String; var messages: String?; var made_at: Date }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT de.delivery_id, de.result, de.messages, d.made_at
            FROM ldo_delivery_episodes de JOIN ldo_deliveries d ON d.id = de.delivery_id
            WHERE de.episode_id = \(bind: episode) AND de.result IS NOT NULL
            ORDER BY d.made_at DESC LIMIT 1
            """).all(decoding: Row.self)
        guard let row = rows.first, row.result == "rejected" else { return nil }
        return (row.delivery_id, messageLines(row.messages))
    }

    /// "field|code|reason" lines as "field: reason (code)" for people.
    static func messageLines(_ stored: String?) -> [String] {
        (stored ?? "").split(separator: "\n").map { line in
            let parts = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { return String(line) }
            return "\(parts[0]): \(parts[2]) (code \(parts[1]))"
        }
    }
}
