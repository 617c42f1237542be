// The CBS control's findings grouped by cause, for the dashboard (issue 17): "Verwijstype
// ontbreekt: 12 episodes" instead of a bare count of episodes that are not deliverable. The
// findings come from LoketCore's CBS.control (the rules the overview and the file apply);
// this file only counts them. Counting as the rows go by keeps the dashboard's pass over a
// practice of 100,000 episodes from holding a list of episode ids.

import LoketCore

enum CBSCauses {
    /// One cause: a field and the rule's sentence. The sentence, not only the kind, because
    /// CBS names the wrong code ("Hulpvorm ‘09’ komt niet voor in de codelijst"): two
    /// different codes are two things to fix.
    struct Key: Hashable, Sendable {
        var field: String
        var message: String
    }

    struct Count: Sendable, Equatable {
        var key: Key
        var count: Int
    }

    /// The episodes per cause, one control row at a time. An episode counts under each of
    /// its causes (CBS.control yields at most one finding per field).
    struct Tally: Sendable {
        private var order: [Key] = []
        private var counts: [Key: Int] = [:]

        mutating func add(_ findings: [Finding]) {
            for finding in findings where finding.severity == .error {
                let key = Key(field: finding.field, message: finding.message)
                if counts[key] == nil { order.append(key) }
                counts[key, default: 0] += 1
            }
        }

        /// The `n` causes that keep most episodes out; equal counts in the order first met
        /// (the overview's field order for the first episode), so the list does not jump.
        func top(_ n: Int) -> [Count] {
            let met = order.enumerated().map { (position: $0.offset, cause: Count(key: $0.element, count: counts[$0.element] ?? 0)) }
            return met.sorted { $0.cause.count != $1.cause.count ? $0.cause.count > $1.cause.count : $0.position < $1.position }
                .prefix(n).map { $0.cause }
        }
    }

    /// The cause in the rule's words, without a full stop: a count follows.
    static func headline(_ key: Key) -> String {
        key.message.hasSuffix(".") ? String(key.message.dropLast()) : key.message
    }

    /// The link of a cause: the control overview of `period` with only the rows that have
    /// findings, where each row's cells mark what is wrong and link to the episode (whose
    /// CBS box links on to the patient for BSN, birth date, sex and postcode).
    static func overviewHref(practice: String, period: HalfYear) -> String {
        Paths.cbsControl(practice) + "?jaar=\(period.year)&periode=\(period.half)&meldingen=1"
    }
}
