// 005: the index the deliveries page through. CBS and LDO read a practice's episodes in id
// order, a page at a time (`e.practice_id = ? AND e.id > ? ORDER BY e.id`); with
// (practice_id, id) each page is a range read in order, where the older index
// (practice_id, start_date, end_date) made every page sort the whole practice again.
// QueryPlanTests checks that both databases use it.

import Fluent
import SQLKit

struct AddEpisodePageIndex: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await index(db, "episodes_practice_id", on: "episodes", ["practice_id", "id"])
    }

    func revert(on db: any Database) async throws {
        try await (db as! any SQLDatabase).drop(index: "episodes_practice_id").run()
    }
}
