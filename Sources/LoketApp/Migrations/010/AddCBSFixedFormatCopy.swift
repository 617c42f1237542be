// 010: a definitive delivery made as a spreadsheet also keeps its records in the fixed
// format (cbs_deliveries.fixed_file), so that a herlevering can be compared with it record
// by record (CBSDeliveryChanges) without reading a spreadsheet back. An ASCII delivery's
// own file is that copy; deliveries made before 010 as a spreadsheet cannot be compared.

import Fluent

struct AddCBSFixedFormatCopy: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("cbs_deliveries").field("fixed_file", .data).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cbs_deliveries").deleteField("fixed_file").update()
    }
}
