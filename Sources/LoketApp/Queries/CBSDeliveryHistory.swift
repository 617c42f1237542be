// The history of definitive CBS deliveries: which one is current for a period, the episodes
// each included (kept for good), and an episode's deliveries to both registries.

import Fluent
import Foundation
import LoketCore
import SQLKit

enum CBSDeliveryHistory {
    /// The definitive delivery of `practice` and `period` that is neither replaced nor withdrawn.
    static func current(practice: String, period: HalfYear, on db: any Database) async throws -> CBSDelivery? {
        try await CBSDelivery.query(on: db).filter(\.$practiceID == practice).filter(\.$year == period.year)
            .filter(\.$half == period.half).filter(\.$kind == "final").filter(\.$replacedBy == nil)
            .filter(\.$withdrawnAt == nil).sort(\.$madeAt, .descending).first()
    }

    /// The delivery that `id` replaced, if any.
    static func replaced(by id: String, on db: any Database) async throws -> CBSDelivery? {
        try await CBSDelivery.query(on: db).filter(\.$replacedBy == id).first()
    }

    /// Keeps which episodes a definitive delivery included.
    static func record(episodes: [String], delivery: String, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: episodes.count, by: 500) {
            var insert = sql.insert(into: "cbs_delivery_episodes").columns("delivery_id", "episode_id")
            for e in episodes[start..<min(start + 500, episodes.count)] { insert = insert.values(SQLBind(delivery), SQLBind(e)) }
            try await insert.run()
        }
    }

    /// One delivery an episode went out in.
    struct EpisodeLine: Sendable, Equatable {
        /// "cbs" or "ldo".
        var registry: String
        var deliveryID: String
        /// The half year of a CBS delivery.
        var halfYear: HalfYear?
        /// The window of an LDO delivery.
        var window: DateRange?
        var madeAt: Date
        /// CBS: "replaced", "withdrawn" or "current"; LDO: the delivery's status.
        var state: String
        var replacedBy: String?
    }

    /// Every delivery `episode` went out in, newest first, both registries.
    static func of(episode: String, on db: any Database) async throws -> [EpisodeLine] {
        let sql = db as! any SQLDatabase
        let cbs = try await sql.driverRows("""
            SELECT d.id, d.year, d.half, d.made_at, d.replaced_by, d.withdrawn_at FROM cbs_delivery_episodes de
            JOIN cbs_deliveries d ON d.id = de.delivery_id WHERE de.episode_id = \(bind: episode)
            """) { r in
            let replacedBy = try r.string("replaced_by")
            let state = try r.date("withdrawn_at") != nil ? "withdrawn" : replacedBy != nil ? "replaced" : "current"
            return EpisodeLine(registry: "cbs", deliveryID: try r.required("id"),
                               halfYear: HalfYear(year: try r.int("year") ?? 0, half: try r.int("half") ?? 0), window: nil,
                               madeAt: try r.date("made_at") ?? Date(timeIntervalSince1970: 0), state: state, replacedBy: replacedBy)
        }
        let ldo = try await sql.driverRows("""
            SELECT d.id, d.window_start, d.window_end, d.made_at, d.status FROM ldo_delivery_episodes de
            JOIN ldo_deliveries d ON d.id = de.delivery_id WHERE de.episode_id = \(bind: episode)
            """) { r in
            let start = LocalDate(iso: try r.required("window_start")), end = LocalDate(iso: try r.required("window_end"))
            return EpisodeLine(registry: "ldo", deliveryID: try r.required("id"), halfYear: nil,
                               window: start.flatMap { s in end.flatMap { $0 >= s ? DateRange(start: s, end: $0) : nil } },
                               madeAt: try r.date("made_at") ?? Date(timeIntervalSince1970: 0), state: try r.required("status"), replacedBy: nil)
        }
        return (cbs + ldo).sorted { $0.madeAt > $1.madeAt }
    }
}
