// The LDO check over a practice (spec/ldo.md §2 step 2, §5): which episodes the delivery
// made on a given day would include, which candidates are left out for their control
// messages, and how many for want of consent. One report for the CLI and the JSON API.

import Fluent
import Foundation
import LoketCore

enum LDOCheckReport {
    struct Report: Codable, Sendable, Equatable {
        var practice: String
        var window: Window
        /// Episode ids (exchange format) that go into the delivery.
        var included: [String]
        var excluded: [Exclusion]
        /// Candidates left out for want of consent (the file's NExclusie).
        var excludedForConsent: Int
        /// Candidates with consent that have warnings (spec/ldo.md §4): data missing from,
        /// or left out of, the record; they do not keep the episode out.
        var warnings: [Exclusion] = []
    }

    struct Window: Codable, Sendable, Equatable {
        var start: String
        var end: String
    }

    struct Exclusion: Codable, Sendable, Equatable {
        var episodeId: String
        var findings: [Finding]
    }

    /// Why no check can be made: the practice did not opt in (nothing is delivered for it).
    struct NotOptedIn: Error, CustomStringConvertible {
        let description: String
    }

    static func run(on db: any Database, practice: Practice, deliveryDate: LocalDate) async throws -> Report {
        let rules = LDOEpisodeQuery.practice(practice)
        if let blocker = LDO.deliveryBlocker(for: rules) { throw NotOptedIn(description: blocker.message) }
        let window = LDO.window(deliveryDate: deliveryDate)
        var selection = LDO.Selection()
        try await LDOEpisodeQuery.forEach(on: db, practice: practice, window: window) { _ = selection.add($0, practice: rules, window: window) }
        return Report(practice: practice.id!, window: Window(start: window.start.iso, end: window.end.iso),
                      included: selection.includedIds,
                      excluded: selection.excluded.map { Exclusion(episodeId: $0.episodeId, findings: $0.findings) },
                      excludedForConsent: selection.excludedForConsent,
                      warnings: selection.warned.map { Exclusion(episodeId: $0.episodeId, findings: $0.warnings) })
    }

    /// The report as JSON, keys sorted so two checks compare line by line.
    static func json(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(report)
    }

    static func auditDetail(_ r: Report) -> String {
        "window \(r.window.start)…\(r.window.end): \(r.included.count) included, \(r.excluded.count) with findings, "
            + "\(r.excludedForConsent) without consent, \(r.warnings.count) with warnings"
    }
}
