// 014: the LDO data the first version left out (spec/ldo.md §4): per episode the referral
// letter's date, the DTO screening's conclusion and the chronic-list flag, and the
// episode's outcome measurements (metingen), one row each. A measurement goes with its
// episode; its score is a number, so the registry's researchers' sums are the database's.

import Fluent
import SQLKit

struct AddLDOMeasurements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("episodes").field("ldo_referral_date", .string).update()
        try await db.schema("episodes").field("ldo_screening_conclusion", .string).update()
        try await db.schema("episodes").field("ldo_chronic", .bool).update()
        try await db.schema("measurements")
            .field("id", .string, .identifier(auto: false))
            .field("episode_id", .string, .required, .references("episodes", "id"))
            .field("instrument", .string)
            .field("moment", .string)
            .field("date", .string)
            .field("score", .double)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        // An episode's measurements: the episode page, the LDO record, the export.
        try await index(db, "measurements_episode", on: "measurements", ["episode_id", "id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("measurements").delete()
        try await db.schema("episodes").deleteField("ldo_chronic").update()
        try await db.schema("episodes").deleteField("ldo_screening_conclusion").update()
        try await db.schema("episodes").deleteField("ldo_referral_date").update()
    }
}
