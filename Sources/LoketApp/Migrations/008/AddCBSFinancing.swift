// 008: an episode's financing for CBS (spec/cbs-jeugdhulp.md §3): "zin" (zorg in natura) or
// "pgb" (persoonsgebonden budget). Only zorg in natura is delivered; NULL means zin, so every
// episode stored before stays as it was.

import Fluent

struct AddCBSFinancing: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("episodes").field("cbs_financing", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("episodes").deleteField("cbs_financing").update()
    }
}
