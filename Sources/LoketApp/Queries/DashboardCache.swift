// The dashboard's figures of a practice, kept for a few minutes: its counts of episodes with
// control messages, which run the whole CBS control and LDO check of a practice
// (milliseconds for a small practice, seconds for one of 100,000 episodes), and its counts
// of patients and episodes (a few milliseconds of index scanning for 10,000 patients, which
// was most of a dashboard view). The dashboard is every user's first page. A change made
// through this instance (a form, an import through the API) drops the practice's figures at
// once; changes by another instance or the CLI show within `lifetime`.
// One computation per practice at a time: concurrent dashboards wait for the same one.

import Foundation
import Vapor

/// What the dashboard shows of one practice beyond its settings.
struct DashboardFigures: Sendable {
    var patients = 0
    var episodes = 0
    var openEpisodes = 0
    /// Controlemeldingen per registry, e.g. "CBS JH-2 2026: 12 van 140 episodes niet aanleverbaar".
    var findings: [String] = []
}

actor DashboardCache {
    static let lifetime: Duration = .seconds(300)

    private struct Entry {
        var figures: DashboardFigures
        var until: ContinuousClock.Instant
    }

    private var entries: [String: Entry] = [:]
    private var running: [String: Task<DashboardFigures, any Error>] = [:]
    /// Raised by each invalidation, so a count that started before a change is not kept.
    private var generations: [String: Int] = [:]
    private var epoch = 0

    /// The kept figures of `practice` for `day`, or `compute`'s.
    func figures(practice: String, day: String,
                 compute: @escaping @Sendable () async throws -> DashboardFigures) async throws -> DashboardFigures {
        let key = practice + "|" + day
        if let entry = entries[key], entry.until > .now { return entry.figures }
        if let task = running[key] { return try await task.value }
        let generation = (generations[practice, default: 0], epoch)
        let task = Task { try await compute() }
        running[key] = task
        defer { running[key] = nil }
        let figures = try await task.value
        if (generations[practice, default: 0], epoch) == generation {
            entries[key] = Entry(figures: figures, until: .now + Self.lifetime)
        }
        return figures
    }

    func invalidate(practice: String) {
        generations[practice, default: 0] += 1
        entries = entries.filter { !$0.key.hasPrefix(practice + "|") }
    }

    func invalidateAll() {
        epoch += 1
        entries.removeAll()
    }
}

extension Application {
    private struct DashboardCacheKey: StorageKey { typealias Value = DashboardCache }

    /// One cache per application (tests run several apps in one process).
    var dashboardCache: DashboardCache {
        if let cache = storage[DashboardCacheKey.self] { return cache }
        let cache = DashboardCache()
        storage[DashboardCacheKey.self] = cache
        return cache
    }
}
