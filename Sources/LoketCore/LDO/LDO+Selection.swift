// The whole-practice tally of a delivery (step 2, Controleren). The app streams episodes
// from one query, checks each, writes included records straight to the file and adds the
// outcome here; only ids and findings are kept, never the episodes themselves.

extension LDO {
    /// spec/ldo.md §2 step 2, §5 — counts and control messages over all episodes.
    public struct Selection: Hashable, Sendable {
        /// An episode left out for its findings (controlemeldingen).
        public struct Exclusion: Hashable, Sendable {
            public var episodeId: String
            public var findings: [Finding]
        }

        /// A candidate with consent with warnings (spec/ldo.md §4): delivered or not, the
        /// warnings name data that is missing from, or left out of, its record.
        public struct Warned: Hashable, Sendable {
            public var episodeId: String
            public var warnings: [Finding]
        }

        /// Episodes delivered, in the order they were added.
        public private(set) var includedIds: [String] = []
        /// Candidates with consent left out for missing or invalid data.
        public private(set) var excluded: [Exclusion] = []
        /// Candidates left out for want of consent: the file's `NExclusie`.
        public private(set) var excludedForConsent = 0
        /// Episodes without an attended treatment in the window.
        public private(set) var notCandidates = 0
        /// Candidates with consent that have warnings, in the order they were added.
        public private(set) var warned: [Warned] = []

        public init() {}

        /// Episodes with an attended treatment in the window, whatever became of them.
        public var candidates: Int { includedIds.count + excluded.count + excludedForConsent }

        /// Tallies one episode's outcome.
        public mutating func add(_ outcome: Outcome, episodeId: String) {
            switch outcome {
            case .notCandidate: notCandidates += 1
            case .excludedForConsent: excludedForConsent += 1
            case .excluded(let findings): excluded.append(Exclusion(episodeId: episodeId, findings: findings))
            case .included: includedIds.append(episodeId)
            }
        }

        /// Checks one episode, tallies it, and returns the outcome (to write an included record).
        @discardableResult
        public mutating func add(_ episode: Episode, practice: Practice, window: DateRange) -> Outcome {
            let outcome = LDO.check(episode, practice: practice, window: window)
            add(outcome, episodeId: episode.id)
            switch outcome {
            case .included, .excluded:
                let warnings = LDO.warnings(for: episode)
                if !warnings.isEmpty { warned.append(Warned(episodeId: episode.id, warnings: warnings)) }
            case .notCandidate, .excludedForConsent: break
            }
            return outcome
        }
    }
}
