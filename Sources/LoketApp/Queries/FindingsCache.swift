// The dashboard's counts of episodes with control messages, kept for a few minutes. Each
// count runs the whole CBS control and LDO check of a practice: milliseconds for a small
// practice, seconds for one of 100,000 episodes, and the dashboard is every user's first
// page. A change made through this instance (a form, an import through the API) drops the
// practice's counts at once; changes by another instance or the CLI show within `lifetime`.
// One computation per practice at a time: concurrent dashboards wait for the same one.

import Foundation
import Vapor

actor FindingsCache {
    static let lifetime: Duration = .seconds(300)

    private struct Entry {
        var lines: [String]
        var until: ContinuousClock.Instant
    }

    private var entries: [String: Entry] = [:]
    private var running: [String: Task<[String], any Error>] = [:]
    /// Raised by each invalidation, so a count that started before a change is not kept.
    private var generations: [String: Int] = [:]
    private var epoch = 0

    /// The cached lines of `practice` for `day`, or `compute`'s.
    func lines(practice: String, day: String, compute: @escaping @Sendable () async throws -> [String]) async throws -> [String] {
        let key = practice + "|" + day
        if let entry = entries[key], entry.until > .now { return entry.lines }
        if let task = running[key] { return try await task.value }
        let generation = (generations[practice, default: 0], epoch)
        let task = Task { try await compute() }
        running[key] = task
        defer { running[key] = nil }
        let lines = try await task.value
        if (generations[practice, default: 0], epoch) == generation {
            entries[key] = Entry(lines: lines, until: .now + Self.lifetime)
        }
        return lines
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
    private struct FindingsCacheKey: StorageKey { typealias Value = FindingsCache }

    /// One cache per application (tests run several apps in one process).
    var findingsCache: FindingsCache {
        if let cache = storage[FindingsCacheKey.self] { return cache }
        let cache = FindingsCache()
        storage[FindingsCacheKey.self] = cache
        return cache
    }
}
