// Migration 016 (DropCBSEpisodeStamps): a definitive delivery made before the history was
// kept (migration 007) had only its stamp on each episode; the migration moves that into the
// history before it drops the stamp, so the episode page still lists the delivery.

import Fluent
@testable import LoketApp
import LoketCore
import SQLKit
import Testing

@Suite("Migration 016: stamps into history")
struct StampMigrationTests {
    @Test("A stamp without history becomes a history row; existing history stays once", arguments: TestDatabase.available)
    func stampsMoveIntoHistory(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            let made = try await CBSFinalDelivery.make(practice: practice, period: HalfYear(year: 2026, half: 1)!,
                                                       in: app.useCase(actor: "cli:test"))
            let sql = app.db as! any SQLDatabase
            // Back to migration 015's schema, as a database of before 007 looked: the stamp
            // on the episode, no history row for an older delivery.
            try await DropCBSEpisodeStamps().revert(on: app.db)
            try await sql.raw("""
                INSERT INTO cbs_deliveries (id, practice_id, year, half, kind, made_by, made_at, rows, deliverable_rows, records)
                VALUES ('cbs_old', 'p1', 2025, 2, 'final', 'old', \(bind: made.madeAt), 1, 1, 1)
                """).run()
            try await sql.raw("UPDATE episodes SET cbs_delivery_id = 'cbs_old' WHERE id = 'ep1'").run()
            try await DropCBSEpisodeStamps().prepare(on: app.db)

            #expect(try await historyEpisodes(of: "cbs_old", on: app.db) == ["ep1"])
            #expect(try await historyEpisodes(of: made.id!, on: app.db) == ["ep1"], "the delivery's own row is not doubled")
            let lines = try await CBSDeliveryHistory.of(episode: "ep1", on: app.db)
            #expect(Set(lines.map(\.deliveryID)) == ["cbs_old", made.id!])
            await #expect(throws: (any Error).self, "the stamp's column is gone") {
                try await sql.raw("SELECT cbs_delivery_id FROM episodes").run()
            }
        }
    }
}
