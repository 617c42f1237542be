// 004: LDO deliveries (spec/ldo.md §2–§3): each delivery placed in the practice's PVM
// folder, with its window, counts and status; per delivered episode the record as sent
// ("Aangeleverde gegevens") and what the processing report said of it; and on the
// practice the PVM folder.

import Fluent
import SQLKit

struct CreateLDODeliveries: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("practices").field("ldo_pvm_folder", .string).update()
        try await db.schema("ldo_deliveries")
            .field("id", .string, .identifier(auto: false))
            .field("practice_id", .string, .required, .references("practices", "id"))
            .field("delivery_date", .string, .required)
            .field("window_start", .string, .required)
            .field("window_end", .string, .required)
            .field("made_by", .string, .required)
            .field("made_at", .datetime, .required)
            .field("included", .int, .required)
            .field("excluded_with_findings", .int, .required)
            .field("excluded_for_consent", .int, .required)
            // Where the file was written (the PVM folder, or the CLI's --output).
            .field("file_path", .string, .required)
            .field("file_name", .string, .required)
            // "placed" (klaargezet), "processed" (verwerkt), "rejected" (afgekeurd).
            .field("status", .string, .required)
            .field("report", .data)
            .field("report_received_at", .datetime)
            .create()
        try await index(db, "ldo_deliveries_practice", on: "ldo_deliveries", ["practice_id", "made_at"])
        try await index(db, "ldo_deliveries_file", on: "ldo_deliveries", ["file_name"])
        try await db.schema("ldo_delivery_episodes")
            .field("delivery_id", .string, .required, .references("ldo_deliveries", "id"))
            .field("episode_id", .string, .required)
            .field("record", .string, .required)
            // nil until a report: "accepted" or "rejected".
            .field("result", .string)
            // The report's lines about this episode, one per line: "field|code|reason".
            .field("messages", .string)
            .unique(on: "delivery_id", "episode_id")
            .create()
        // The episode form asks for the latest result of one episode.
        try await index(db, "ldo_delivery_episodes_episode", on: "ldo_delivery_episodes", ["episode_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("ldo_delivery_episodes").delete()
        try await db.schema("ldo_deliveries").delete()
        try await db.schema("practices").deleteField("ldo_pvm_folder").update()
    }
}
