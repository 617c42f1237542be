// PVM's processing reports (verwerkingsverslagen, spec/ldo.md §2 step 3, §3) as the pages
// read them: an episode's latest rejection, and the stored lines for people. Taking a
// report in is the use case LDOReportIntake.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum LDOReports {
    static let fileSuffix = ".verslag.txt"

    /// The latest report's verdict on an episode, when it was rejected: what the episode
    /// form shows. Nil when the episode's last reported delivery accepted it.
    static func latestRejection(episode: String, on db: any Database) async throws -> Rejection? {
        struct Row: Decodable {
            var delivery_id: String; var result: String; var messages: String?; var made_at: Date
            var window_start: String; var window_end: String
        }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT de.delivery_id, de.result, de.messages, d.made_at, d.window_start, d.window_end
            FROM ldo_delivery_episodes de JOIN ldo_deliveries d ON d.id = de.delivery_id
            WHERE de.episode_id = \(bind: episode) AND de.result IS NOT NULL
            ORDER BY d.made_at DESC LIMIT 1
            """).all(decoding: Row.self)
        guard let row = rows.first, row.result == "rejected" else { return nil }
        let window = "\(dutchDate(iso: row.window_start) ?? row.window_start) t/m \(dutchDate(iso: row.window_end) ?? row.window_end)"
        return Rejection(delivery: row.delivery_id, name: "de aanlevering over \(window), gemaakt op \(AuditTime.dutch(row.made_at))",
                         messages: messageLines(row.messages))
    }

    /// An episode's rejection: the delivery by id (for its link) and by name, for people.
    struct Rejection: Equatable {
        var delivery: String
        /// "de aanlevering over 1 augustus 2026 t/m 31 oktober 2026, gemaakt op …".
        var name: String
        var messages: [String]
    }

    /// A MELDING of PVM about the whole delivery, for its page.
    struct DeliveryMessage: Encodable, Equatable {
        var code: String
        var text: String
        /// "fatal" (2xxx: the delivery is rejected), "warning" (3xxx) or "error".
        var severity: String
    }

    /// The MELDING lines of the stored report (every code with its text), read again from
    /// the report as PVM wrote it; none without a report.
    static func deliveryMessages(_ report: Data?) -> [DeliveryMessage] {
        guard let report, let parsed = try? LDOProcessingReport.parse([UInt8](report)) else { return [] }
        return parsed.messages.map { .init(code: $0.code.value, text: $0.reason, severity: $0.code.severity.rawValue) }
    }

    /// Why the report PVM left in the folder for a delivery still waiting for one cannot be
    /// read (PVM names it after the delivery's file), or nil. Only reads: a page shows it,
    /// "Verslagen ophalen" and serve's round take reports in.
    static func unreadableReport(of delivery: LDODelivery, practice: Practice, dependencies: Dependencies) -> String? {
        guard delivery.statusValue == .placed, let stored = practice.ldoPVMFolder,
              case .success(let folder) = dependencies.pvmRoot.check(stored, files: dependencies.files),
              let data = dependencies.files.contents((folder as NSString).appendingPathComponent(delivery.fileName + fileSuffix))
        else { return nil }
        do {
            _ = try LDOProcessingReport.parse([UInt8](data))
            return nil
        } catch {
            return "Het verwerkingsverslag \(delivery.fileName + fileSuffix) in de PVM-map kan niet worden gelezen: \(error.description)"
        }
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
