// What the dashboard reads per practice beyond its counts (issue 17): the last delivery to
// each registry, whether this month's LDO delivery is made, and the causes that keep most
// episodes out of the LDO and out of the CBS control.
//
// Cost per dashboard view and practice: two or three single-row reads on the deliveries'
// (practice_id, made_at) indexes (ldo_deliveries_practice, cbs_deliveries_practice), well
// under a millisecond each. The causes come from the pass the dashboard already makes over
// the practice's LDO candidates (LDO.check, the same rules as step 2) inside DashboardCache:
// at most once per practice per `DashboardCache.lifetime` (5 minutes) or after a change
// through this instance, shared by concurrent views; milliseconds for the demo practice,
// seconds at 100,000 episodes. The CBS causes are counted in the same way from the pass the
// dashboard makes over the period's CBS control (CBS.control, CBSCauses.Tally): no extra
// query. `DashboardCauses` keeps that pass's causes beside the cached figures, so a view
// that gets cached figures gets the causes of the same pass.

import Fluent
import Foundation
import LoketCore
import SQLKit
import Vapor

enum DashboardQuery {
    /// A delivery as the dashboard names it.
    struct Delivery: Sendable, Equatable {
        var id: String
        var madeAt: Date
        /// LDO: the window (`YYYY-MM-DD` both ends); CBS: the half year.
        var windowStart: String?
        var windowEnd: String?
        var halfYear: HalfYear?
        /// LDO: placed/processed/rejected; CBS: control/final.
        var status: String
        var replacedOrWithdrawn = false
        /// LDO: made by `serve` itself (LDOAutomaticDelivery).
        var automatic = false
    }

    /// The newest LDO delivery of `practice` (index ldo_deliveries_practice).
    static func lastLDO(practice: String, on db: any Database) async throws -> Delivery? {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, made_at, window_start, window_end, status, made_by FROM ldo_deliveries
            WHERE practice_id = \(bind: practice) ORDER BY made_at DESC LIMIT 1
            """, ldo).first
    }

    /// spec/ldo.md §2 — the newest delivery of this month's window that PVM did not reject
    /// (a rejected one took nothing: the month still has to be delivered). The window is a
    /// function of the month (LDO.window), so "this month's" is "this window's". Index
    /// ldo_deliveries_practice: the practice's deliveries, newest first, a handful a year.
    static func thisMonthsLDO(practice: String, window: DateRange, on db: any Database) async throws -> Delivery? {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, made_at, window_start, window_end, status, made_by FROM ldo_deliveries
            WHERE practice_id = \(bind: practice) AND window_start = \(bind: window.start.iso)
              AND status <> \(bind: LDODelivery.Status.rejected.rawValue)
            ORDER BY made_at DESC LIMIT 1
            """, ldo).first
    }

    @Sendable private static func ldo(_ r: DriverRow) throws -> Delivery {
        Delivery(id: try r.required("id"), madeAt: try r.date("made_at") ?? Date(timeIntervalSince1970: 0),
                 windowStart: try r.string("window_start"), windowEnd: try r.string("window_end"), halfYear: nil,
                 status: try r.string("status") ?? "placed", automatic: try r.string("made_by") == LDOAutomaticDelivery.actor)
    }

    /// The newest CBS delivery of `practice`, control or definitive (index cbs_deliveries_practice).
    static func lastCBS(practice: String, on db: any Database) async throws -> Delivery? {
        try await (db as! any SQLDatabase).driverRows("""
            SELECT id, made_at, year, half, kind, replaced_by, withdrawn_at FROM cbs_deliveries
            WHERE practice_id = \(bind: practice) ORDER BY made_at DESC LIMIT 1
            """) { r in
            Delivery(id: try r.required("id"), madeAt: try r.date("made_at") ?? Date(timeIntervalSince1970: 0),
                     windowStart: nil, windowEnd: nil,
                     halfYear: HalfYear(year: try r.int("year") ?? 0, half: try r.int("half") ?? 0),
                     status: try r.string("kind") ?? "control",
                     replacedOrWithdrawn: try r.string("replaced_by") != nil || r.date("withdrawn_at") != nil)
        }.first
    }

    /// Employee names by id, for the causes that name a practitioner.
    static func employeeNames(_ ids: [String], practice: String, on db: any Database) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).driverRows("""
            SELECT id, name FROM employees WHERE practice_id = \(bind: practice) AND id IN (\(binds: ids))
            """) { r in (try r.required("id") as String, try r.string("name") ?? "") }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }
}

/// One cause of the LDO pass, as the dashboard shows it.
struct DashboardCause: Sendable, Equatable {
    var key: LDOCauses.Key
    var message: String
    var count: Int
}

/// What one dashboard pass found to block most episodes, per registry.
struct DashboardCauseLists: Sendable, Equatable {
    /// The LDO check's top causes (LDOCauses.group).
    var ldo: [DashboardCause] = []
    /// The CBS control's top causes for the period whose deadline comes next (CBSCauses).
    var cbs: [CBSCauses.Count] = []
}

/// The causes of the latest dashboard pass per practice and day (see the file's header).
actor DashboardCauses {
    private var byKey: [String: DashboardCauseLists] = [:]

    func keep(_ causes: DashboardCauseLists, practice: String, day: String) { byKey[practice + "|" + day] = causes }
    func causes(practice: String, day: String) -> DashboardCauseLists { byKey[practice + "|" + day] ?? DashboardCauseLists() }
}

extension Application {
    private struct DashboardCausesKey: StorageKey { typealias Value = DashboardCauses }

    var dashboardCauses: DashboardCauses {
        if let kept = storage[DashboardCausesKey.self] { return kept }
        let kept = DashboardCauses()
        storage[DashboardCausesKey.self] = kept
        return kept
    }
}
