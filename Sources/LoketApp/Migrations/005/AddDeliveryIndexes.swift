// 005: the indexes the deliveries page through (QueryPlanTests checks both databases use
// them).
// - episodes (practice_id, id): LDO reads a practice's episodes in id order, a page at a
//   time; each page is a range read in order, where (practice_id, start_date, end_date)
//   made every page sort the whole practice again.
// - patients (practice_id, length(number), number, id): the CBS overview's order (999
//   before 1001), so its pages of patients come from the index, unsorted.

import Fluent
import SQLKit

struct AddDeliveryIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await index(db, "episodes_practice_id", on: "episodes", ["practice_id", "id"])
        // An expression index: SQLKit's builder takes columns only; the statement is the
        // same on SQLite and PostgreSQL.
        try await (db as! any SQLDatabase)
            .raw("CREATE INDEX patients_number_order ON patients (practice_id, length(number), number, id)").run()
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).drop(index: "patients_number_order").run()
        try await (db as! any SQLDatabase).drop(index: "episodes_practice_id").run()
    }
}
