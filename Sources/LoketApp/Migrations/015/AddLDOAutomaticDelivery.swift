// 015: the day of the month on which `serve` makes the practice's LDO delivery by itself
// (issue 17), or NULL for "only by hand".

import Fluent

struct AddLDOAutomaticDelivery: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("practices").field("ldo_auto_day", .int64).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("practices").deleteField("ldo_auto_day").update()
    }
}
