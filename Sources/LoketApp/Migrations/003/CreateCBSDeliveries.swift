// 003: CBS deliveries (aanleveringen): each control and each definitive file made, with its
// counts and, for a definitive one, the file itself; and on each episode the definitive
// delivery it last went out in (spec/cbs-jeugdhulp.md §7).

import Fluent
import SQLKit

struct CreateCBSDeliveries: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("cbs_deliveries")
            .field("id", .string, .identifier(auto: false))
            .field("practice_id", .string, .required, .references("practices", "id"))
            .field("year", .int, .required)
            .field("half", .int, .required)
            // "control" or "final".
            .field("kind", .string, .required)
            .field("made_by", .string, .required)
            .field("made_at", .datetime, .required)
            .field("rows", .int, .required)
            .field("deliverable_rows", .int, .required)
            .field("records", .int, .required)
            .field("format", .string)
            .field("file_name", .string)
            .field("file", .data)
            .create()
        try await index(db, "cbs_deliveries_practice", on: "cbs_deliveries", ["practice_id", "made_at"])
        // SQLite can add columns: the stamp of the definitive delivery on each episode.
        try await db.schema("episodes").field("cbs_delivery_id", .string).update()
        try await db.schema("episodes").field("cbs_delivered_at", .datetime).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("episodes").deleteField("cbs_delivered_at").update()
        try await db.schema("episodes").deleteField("cbs_delivery_id").update()
        try await db.schema("cbs_deliveries").delete()
    }
}
