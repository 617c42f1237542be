// 016: a definitive CBS delivery is recorded on its episodes by its history rows alone
// (cbs_delivery_episodes, migration 007), no longer also stamped on each episode
// (episodes.cbs_delivery_id, cbs_delivered_at of migration 003). The stamp held only the
// latest delivery, which the history already has; writing it rewrote every included
// episode's row, the largest write of a definitive delivery (26,000 rows at bench-large:
// 1.7 s of SQLite's 7.9 s, more on PostgreSQL, where each update makes a new row version
// and index entries). Stamps of deliveries made before 007, which have no history rows, are
// moved into the history first, so no episode loses its delivery.

import Fluent
import SQLKit

struct DropCBSEpisodeStamps: AsyncMigration {
    func prepare(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO cbs_delivery_episodes (delivery_id, episode_id)
            SELECT e.cbs_delivery_id, e.id FROM episodes e
            WHERE e.cbs_delivery_id IS NOT NULL
              AND EXISTS (SELECT 1 FROM cbs_deliveries d WHERE d.id = e.cbs_delivery_id)
              AND NOT EXISTS (SELECT 1 FROM cbs_delivery_episodes h
                              WHERE h.delivery_id = e.cbs_delivery_id AND h.episode_id = e.id)
            """).run()
        try await db.schema("episodes").deleteField("cbs_delivered_at").update()
        try await db.schema("episodes").deleteField("cbs_delivery_id").update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("episodes").field("cbs_delivery_id", .string).update()
        try await db.schema("episodes").field("cbs_delivered_at", .datetime).update()
    }
}
