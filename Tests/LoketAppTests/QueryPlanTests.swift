// The delivery queries use their indexes on both databases (issue 6: indexes that the
// query plans use). SQLite: EXPLAIN QUERY PLAN names the index and needs no sort for the
// pages. PostgreSQL: with sequential scans discouraged, EXPLAIN uses an index; its choice
// on the tiny test data would otherwise be a scan, which says nothing about a large one.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor

@Suite("Query plans")
struct QueryPlanTests {
    static let period = HalfYear(year: 2026, half: 1)!.range
    static let window = LDO.window(deliveryDate: LocalDate(iso: "2026-03-15")!)

    /// The plan of `query` as text, one line per step.
    static func plan(_ query: SQLQueryString, _ kind: TestDatabase, on db: any Database) async throws -> String {
        let sql = db as! any SQLDatabase
        switch kind {
        case .sqlite:
            let rows = try await sql.raw("EXPLAIN QUERY PLAN " + query).all()
            return try rows.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
        case .postgres:
            try await sql.raw("SET enable_seqscan = off").run()
            let rows = try await sql.raw("EXPLAIN " + query).all()
            try await sql.raw("RESET enable_seqscan").run()
            return try rows.map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
        }
    }

    @Test("The CBS overview pages through patients in index order, then their episodes by patient", arguments: TestDatabase.available)
    func cbs(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let after = CBSEpisodeQuery.PatientKey(id: "pt1", number: "1001")
            for page in [CBSEpisodeQuery.patientPage(practice: "p1", after: nil), CBSEpisodeQuery.patientPage(practice: "p1", after: after)] {
                let plan = try await Self.plan(page, kind, on: app.db)
                #expect(plan.contains("patients_number_order"), "\(plan)")
                #expect(!plan.contains("TEMP B-TREE") && !plan.contains("Sort"), "pages come in index order: \(plan)")
                #expect(!plan.contains("Seq Scan"), "\(plan)")
            }
            let episodes = try await Self.plan(CBSEpisodeQuery.episodes(period: Self.period, patients: ["pt1", "pt2"]), kind, on: app.db)
            #expect(episodes.contains("episodes_patient"), "\(episodes)")
            #expect(!episodes.contains("Seq Scan"), "\(episodes)")
        }
    }

    @Test("The LDO candidates: episodes by (practice_id, id), treatments by their index", arguments: TestDatabase.available)
    func ldo(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let plan = try await Self.plan(LDOEpisodeQuery.page(practice: "p1", window: Self.window, after: ""), kind, on: app.db)
            #expect(plan.contains("episodes_practice_id"), "\(plan)")
            #expect(plan.contains("treatments_episode_status_date"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE") && !plan.contains("Seq Scan"), "\(plan)")
        }
    }

    @Test("A patient's rejection on the episode form reads by episode", arguments: TestDatabase.available)
    func rejection(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let plan = try await Self.plan("""
                SELECT de.delivery_id FROM ldo_delivery_episodes de JOIN ldo_deliveries d ON d.id = de.delivery_id
                WHERE de.episode_id = \(bind: "ep1") AND de.result IS NOT NULL
                """, kind, on: app.db)
            #expect(plan.contains("ldo_delivery_episodes_episode"), "\(plan)")
        }
    }
}
