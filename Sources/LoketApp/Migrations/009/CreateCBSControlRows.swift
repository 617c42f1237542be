// 009: a control keeps its rows (docs/cbs.md "Controls"): each row of the overview as it was
// when the control was made (its cells and findings as JSON), in overview order, so a past
// control opens again ("Details"), exports again, and compares with the one before it.

import Fluent

struct CreateCBSControlRows: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("cbs_control_rows")
            .field("control_id", .string, .required, .references("cbs_deliveries", "id"))
            .field("position", .int, .required)
            .field("episode_id", .string, .required)
            .field("deliverable", .bool, .required)
            .field("row", .string, .required)
            .unique(on: "control_id", "position")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cbs_control_rows").delete()
    }
}
