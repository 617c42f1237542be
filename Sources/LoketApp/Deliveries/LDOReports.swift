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
