// The stamp of a definitive CBS delivery on the episodes it included (which delivery, when).

import Fluent
import Foundation
import SQLKit

enum CBSEpisodeStamps {
    static func stamp(_ episodes: [String], delivery: String, at moment: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: episodes.count, by: 1000) {
            let chunk = Array(episodes[start..<min(start + 1000, episodes.count)])
            try await sql.update("episodes").set("cbs_delivery_id", to: SQLBind(delivery))
                .set("cbs_delivered_at", to: SQLBind(moment))
                .where("id", .in, SQLBind.group(chunk)).run()
        }
    }
}
