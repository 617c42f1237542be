// What the LDO check says without keeping an episode out (spec/ldo.md §4): the optional
// data that make the LDO worth having for research, when they are missing or cannot be
// sent. The record builder and these warnings use the same predicate (`sendable`), so a
// measurement left out of the file is always one the user was told about.

extension LDO {
    /// spec/ldo.md §4 — an instrument code is at most 20 characters.
    public static let maxInstrumentLength = 20

    /// spec/ldo.md §4 — the measurement as the file carries it, or nil when it is left out:
    /// it needs an instrument code (1–20 characters), a moment, a date and a score.
    public static func sendable(_ m: Measurement) -> Record.Measurement? {
        guard let instrument = present(m.instrument), instrument.count <= maxInstrumentLength,
              let moment = m.moment, let date = m.date, let score = m.score, score.isFinite else { return nil }
        return Record.Measurement(instrument: instrument, moment: moment, date: date, score: score)
    }

    /// spec/ldo.md §4 — the warnings of one episode, in the order the page shows the
    /// fields: a DTO episode without a screening conclusion; a goals-achieved value that is
    /// not yes/partly/no (left out of the file); measurements without a score, and
    /// measurements missing their instrument, moment or date (each left out; the episode
    /// still goes, with code 998 if none is left).
    public static func warnings(for e: Episode) -> [Finding] {
        var warnings: [Finding] = []
        func add(_ field: String, _ kind: Finding.Kind, _ message: String) {
            warnings.append(Finding(field: field, kind: kind, severity: .warning, message: message))
        }
        if e.accessRoute == .direct, e.screeningConclusion == nil {
            add("screeningConclusion", .missing, Message.screeningConclusionMissing)
        }
        if let raw = present(e.goalsAchieved), GoalsAchieved(rawValue: raw) == nil {
            add("goalsAchieved", .invalid, Message.goalsAchievedInvalid)
        }
        let unsent = e.measurements.filter { sendable($0) == nil }
        if unsent.contains(where: { $0.score == nil }) {
            add("measurements", .missing, Message.measurementScoreMissing)
        }
        if unsent.contains(where: { $0.score != nil }) {
            add("measurements", .invalid, Message.measurementIncomplete)
        }
        return warnings
    }
}

extension LDO.MeasurementMoment {
    /// Begin before interim before end, for a record's measurements of the same day.
    var order: Int {
        switch self {
        case .start: 0
        case .interim: 1
        case .end: 2
        }
    }
}
