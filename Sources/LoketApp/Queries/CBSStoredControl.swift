// The rows a control kept (cbs_control_rows): written with the control, read back in overview
// order for its page and its exports, and compared with the control before it.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum CBSStoredControl {
    static let batch = 500
    static let pageSize = 2000

    /// Stores rows `position…` of a control, in one statement.
    static func insert(_ rows: [(position: Int, row: CBSControlReport.Row)], control: String, on db: any Database) async throws {
        guard !rows.isEmpty else { return }
        var insert = (db as! any SQLDatabase).insert(into: "cbs_control_rows")
            .columns("control_id", "position", "episode_id", "deliverable", "row")
        for r in rows {
            insert = insert.values(SQLBind(control), SQLBind(r.position), SQLBind(r.row.episodeId), SQLBind(r.row.deliverable),
                                   SQLBind(r.row.json))
        }
        try await insert.run()
    }

    /// Calls `each` with the control's rows in overview order; returns their counts.
    static func forEachRow(control: String, on db: any Database,
                           _ each: (CBSControlReport.Row) async throws -> Void) async throws -> CBSControlReport.Counts {
        let sql = db as! any SQLDatabase
        var counts = CBSControlReport.Counts(rows: 0, deliverable: 0)
        var after = -1
        let decoder = JSONDecoder()
        while true {
            let texts = try await sql.driverRows("""
                SELECT position, row FROM cbs_control_rows WHERE control_id = \(bind: control) AND position > \(bind: after)
                ORDER BY position LIMIT \(literal: pageSize)
                """, bulk: true) { (position: try $0.int("position") ?? 0, row: try $0.required("row")) }
            for t in texts {
                let row = try decoder.decode(CBSControlReport.Row.self, from: Data(t.row.utf8))
                counts.rows += 1
                if row.deliverable { counts.deliverable += 1 }
                try await each(row)
            }
            guard texts.count == pageSize, let last = texts.last else { return counts }
            after = last.position
        }
    }

    /// The control made before `control` for the same practice and period, if any.
    static func previous(of control: CBSDelivery, on db: any Database) async throws -> CBSDelivery? {
        try await CBSDelivery.query(on: db).filter(\.$practiceID == control.practiceID).filter(\.$year == control.year)
            .filter(\.$half == control.half).filter(\.$kind == "control").filter(\.$madeAt <= control.madeAt)
            .filter(\.$id != control.id!).sort(\.$madeAt, .descending).first()
    }

    /// What changed from `previous` to `control`, by episode.
    struct Comparison: Sendable, Equatable {
        /// Deliverable now, not before.
        var nowDeliverable: [String] = []
        /// Deliverable before, not now.
        var noLongerDeliverable: [String] = []
        /// In this control only.
        var added: [String] = []
        /// In the previous control only.
        var removed: [String] = []
    }

    static func compare(_ control: String, with previous: String, on db: any Database) async throws -> Comparison {
        let sql = db as! any SQLDatabase
        func states(_ id: String) async throws -> [String: Bool] {
            let rows = try await sql.driverRows("""
                SELECT episode_id, deliverable FROM cbs_control_rows WHERE control_id = \(bind: id)
                """, bulk: true) { (episode: try $0.required("episode_id"), deliverable: try $0.bool("deliverable")) }
            return Dictionary(rows.map { ($0.episode, $0.deliverable) }, uniquingKeysWith: { a, _ in a })
        }
        let now = try await states(control), before = try await states(previous)
        var c = Comparison()
        for (episode, deliverable) in now {
            guard let was = before[episode] else { c.added.append(episode); continue }
            if deliverable && !was { c.nowDeliverable.append(episode) }
            if !deliverable && was { c.noLongerDeliverable.append(episode) }
        }
        c.removed = before.keys.filter { now[$0] == nil }
        c.nowDeliverable.sort(); c.noLongerDeliverable.sort(); c.added.sort(); c.removed.sort()
        return c
    }
}
