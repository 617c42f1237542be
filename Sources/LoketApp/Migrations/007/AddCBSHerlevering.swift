// 007: herlevering and history (spec/cbs-jeugdhulp.md §1, docs/cbs.md "Herlevering"):
// - cbs_deliveries.replaced_by: the later definitive delivery of the same practice and period
//   that replaces this one; withdrawn_at/_by/withdrawal_reason: a delivery withdrawn
//   (ingetrokken), which makes the one it replaced current again; layout: the layout version
//   of its file.
// - cbs_delivery_episodes: every episode each definitive delivery included, kept for good
//   (the episode page's history; episodes.cbs_delivery_id only holds the latest).
// Deliveries made before this migration have no episode rows: their episodes keep the stamp.

import Fluent
import SQLKit

struct AddCBSHerlevering: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("cbs_deliveries").field("replaced_by", .string).update()
        try await db.schema("cbs_deliveries").field("withdrawn_at", .datetime).update()
        try await db.schema("cbs_deliveries").field("withdrawn_by", .string).update()
        try await db.schema("cbs_deliveries").field("withdrawal_reason", .string).update()
        try await db.schema("cbs_deliveries").field("layout", .string).update()
        try await db.schema("cbs_delivery_episodes")
            .field("delivery_id", .string, .required, .references("cbs_deliveries", "id"))
            .field("episode_id", .string, .required)
            .unique(on: "delivery_id", "episode_id")
            .create()
        try await index(db, "cbs_delivery_episodes_episode", on: "cbs_delivery_episodes", ["episode_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cbs_delivery_episodes").delete()
        for field in ["layout", "withdrawal_reason", "withdrawn_by", "withdrawn_at", "replaced_by"] {
            try await db.schema("cbs_deliveries").deleteField(.string(field)).update()
        }
    }
}
