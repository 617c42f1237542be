// The control overview (controle): every selected episode judged field by field
// (spec/cbs-jeugdhulp.md §6, §8). One function decides each cell; the row's findings and
// its file record are derived from those cells, so overview and file cannot disagree.

extension CBS {
    /// One cell of the overview: the value for the file and how the rules judged it.
    public struct Cell: Hashable, Sendable, Codable {
        public enum State: String, Hashable, Sendable, Codable {
            /// A value the file can take (possibly empty, for an optional outcome field).
            case ok
            /// Ontbreekt: required and empty.
            case missing
            /// Niet noodzakelijk: not needed yet (the episode still runs); empty in the file.
            case notRequired
            /// Present but not acceptable; `reason` says why.
            case invalid
        }

        public let field: Field
        /// The normalised file value when ok ("3511AB", "20120304", "02"); the value as
        /// stored when invalid; empty when missing or not required.
        public let value: String
        public let state: State
        /// The Dutch finding text when missing or invalid ("Verwijstype ontbreekt").
        public let reason: String?

        init(_ field: Field, _ state: State, value: String = "", reason: String? = nil) {
            self.field = field
            self.state = state
            self.value = value
            self.reason = reason
        }

        /// What the overview shows: the value, "Ontbreekt", "Niet noodzakelijk" or the reason.
        public var display: String {
            switch state {
            case .ok: value
            case .missing: Messages.missing
            case .notRequired: Messages.notRequired
            case .invalid: reason ?? ""
            }
        }

        /// The finding this cell yields, if it keeps the row out of the file.
        public var finding: Finding? {
            switch state {
            case .ok, .notRequired: nil
            case .missing: Finding(field: field.rawValue, kind: .missing, message: reason ?? Messages.missing(field))
            case .invalid: Finding(field: field.rawValue, kind: .invalid, message: reason ?? "")
            }
        }
    }

    /// One row of the control overview (§6).
    public struct ControlRow: Hashable, Sendable, Codable {
        public let episodeId: String
        public let patientNumber: String  // patiëntnummer: overview only
        public let patientName: String  // patiënt: overview only
        /// Aanleverbaar: no cell is missing or invalid.
        public let deliverable: Bool
        /// One cell per file field, in `Field` order.
        public let cells: [Cell]
        public let findings: [Finding]
        /// What goes into the file; nil when the row is not deliverable.
        public let record: Record?

        public subscript(field: Field) -> Cell { cells[field.position] }

        /// The overview's cells as text: Aanleverbaar, Patiëntnummer, Patiënt, then every
        /// field's display — the rows of the overview's .xlsx export.
        public var overviewCells: [String] {
            [deliverable ? Messages.yes : Messages.no, patientNumber, patientName] + cells.map(\.display)
        }

        /// The column titles matching `overviewCells`.
        public static let overviewTitles: [String] =
            [Messages.deliverableTitle, Messages.patientNumberTitle, Messages.patientNameTitle]
            + Field.allCases.map(\.title)
    }

    /// spec/cbs-jeugdhulp.md §6, §8 — the control of one selected episode for a period.
    /// Call it for episodes that `isSelected` in the same period.
    public static func control(_ episode: Episode, period: DateRange) -> ControlRow {
        let judge = Judge(episode: episode, period: period)
        let cells = Field.allCases.map(judge.cell)
        let findings = cells.compactMap(\.finding)
        let record = findings.isEmpty ? judge.record(from: cells) : nil
        return ControlRow(episodeId: episode.id, patientNumber: episode.patientNumber,
                          patientName: episode.patientName, deliverable: findings.isEmpty,
                          cells: cells, findings: findings, record: record)
    }

    /// spec/cbs-jeugdhulp.md §8 — state at the end of the period: an episode that ends after
    /// the period end still runs for this period, so its end is not delivered yet.
    public static func hasEnded(_ episode: Episode, by period: DateRange) -> Bool {
        episode.end.map { $0 <= period.end } ?? false
    }
}

/// The per-field rules of §8, for one episode and period.
private struct Judge {
    let episode: CBS.Episode
    let period: DateRange
    let ended: Bool

    init(episode: CBS.Episode, period: DateRange) {
        self.episode = episode
        self.period = period
        self.ended = CBS.hasEnded(episode, by: period)
    }

    typealias Cell = CBS.Cell
    typealias Messages = CBS.Messages
    typealias Codes = CBS.Codes

    func cell(_ field: CBS.Field) -> Cell {
        switch field {
        case .bsn: bsn()
        case .birthDate: episode.birthDate.map { Cell(field, .ok, value: $0.compact) } ?? missing(field)
        case .sex: sex()
        case .postcode: postcode()
        case .referrer: referrer()
        case .careType: careType()
        case .startedInCrisis: Cell(field, .ok, value: CBS.crisisCode(episode.startedInCrisis))
        case .startDate: Cell(field, .ok, value: episode.start.compact)
        case .endDate: endDate()
        case .endReason: endReason()
        case .youthSatisfaction: satisfaction(field, episode.youthSatisfaction)
        case .youthWithoutFurtherHelp: withoutFurtherHelp(field, episode.youthWithoutFurtherHelp)
        case .parentSatisfaction: satisfaction(field, episode.parentSatisfaction)
        case .parentWithoutFurtherHelp: withoutFurtherHelp(field, episode.parentWithoutFurtherHelp)
        }
    }

    /// The file record, from cells that are all ok or not required.
    func record(from cells: [Cell]) -> CBS.Record {
        func value(_ f: CBS.Field) -> String { cells[f.position].value }
        func optional(_ f: CBS.Field) -> String? { value(f).isEmpty ? nil : value(f) }
        return CBS.Record(
            bsn: value(.bsn), birthDate: value(.birthDate), sex: value(.sex), postcode: value(.postcode),
            referrer: value(.referrer), careType: value(.careType), startedInCrisis: episode.startedInCrisis,
            start: episode.start, end: ended ? episode.end : nil, endReason: optional(.endReason),
            youthSatisfaction: ended ? episode.youthSatisfaction : nil,
            youthWithoutFurtherHelp: optional(.youthWithoutFurtherHelp),
            parentSatisfaction: ended ? episode.parentSatisfaction : nil,
            parentWithoutFurtherHelp: optional(.parentWithoutFurtherHelp))
    }

    private func missing(_ field: CBS.Field) -> Cell {
        Cell(field, .missing, reason: Messages.missing(field))
    }

    private func invalid(_ field: CBS.Field, _ given: String, _ reason: String) -> Cell {
        Cell(field, .invalid, value: given, reason: reason)
    }

    /// §8 BSN — missing when empty; invalid when not 9 digits or failing the elfproef. The
    /// placeholders 999999999 (unknown) and 000000000 (unborn) are allowed (§4).
    private func bsn() -> Cell {
        guard let raw = text(episode.bsn) else { return missing(.bsn) }
        if let digits = Digits.exactly(9, in: raw),
           digits == BSN.unknownPlaceholder || digits == BSN.unbornPlaceholder {
            return Cell(.bsn, .ok, value: digits)
        }
        switch BSN.validate(raw) {
        case .success(let bsn): return Cell(.bsn, .ok, value: bsn.value)
        case .failure(.notNineDigits): return invalid(.bsn, raw, Messages.bsnNotNineDigits)
        case .failure(.failsElfproef): return invalid(.bsn, raw, Messages.bsnFailsElfproef)
        }
    }

    /// §8 Geslacht — M, V or O; lower case is accepted as the same letter.
    private func sex() -> Cell {
        guard let raw = text(episode.sex) else { return missing(.sex) }
        let code = raw.uppercased()
        return Codes.sex.contains(code) ? Cell(.sex, .ok, value: code) : invalid(.sex, raw, Messages.sexUnknown)
    }

    /// §8 Postcode — `1234AB` after removing spaces and upper-casing. When it is empty the
    /// CBS gemeentecode takes its place (§4: "if unknown: CBS gemeentecode"); only when both
    /// are empty is it missing. The gemeentecode must be in CBS's list of the delivery year
    /// (the nearest shipped list, Municipality.isChecked); periods before the first shipped
    /// list are checked for the form (4 digits) only, since their codes have since merged.
    private func postcode() -> Cell {
        if let raw = text(episode.postcode) {
            guard let postcode = Postcode(raw) else { return invalid(.postcode, raw, Messages.postcodeInvalid) }
            return Cell(.postcode, .ok, value: postcode.value)
        }
        guard let code = text(episode.municipalityCode) else { return missing(.postcode) }
        guard let digits = Digits.exactly(4, in: code) else {
            return invalid(.postcode, code, Messages.municipalityCodeInvalid)
        }
        let year = period.end.year
        if Municipality.isChecked(year: year), Municipality.lookup(code: digits, year: year) == nil {
            return invalid(.postcode, code, Messages.municipalityCodeUnknown(year: year))
        }
        return Cell(.postcode, .ok, value: digits)
    }

    /// §8 Verwijzer — in the list; 07 only on care started before 2015; 06 when the
    /// hulpvorm is 01 (§5: the wijkteam is itself the access point, so nobody refers).
    private func referrer() -> Cell {
        guard let code = text(episode.referrer) else { return missing(.referrer) }
        guard let entry = Codes.referrer.entry(code) else {
            return invalid(.referrer, code, Messages.referrerUnknown(code))
        }
        guard entry.isAllowed(forCareStartedOn: episode.start) else {
            return invalid(.referrer, code, Messages.referrerUnknownAfter2015)
        }
        if text(episode.careType) == "01" && code != "06" {
            return invalid(.referrer, code, Messages.referrerMustBeNoneForNeighbourhoodTeam)
        }
        return Cell(.referrer, .ok, value: code)
    }

    /// §8 Hulpvorm — required, in the list.
    private func careType() -> Cell {
        guard let code = text(episode.careType) else { return missing(.careType) }
        return Codes.careType.contains(code)
            ? Cell(.careType, .ok, value: code)
            : invalid(.careType, code, Messages.careTypeUnknown(code))
    }

    /// §8 Datum einde — not before Datum aanvang; Niet noodzakelijk while still running at
    /// the period end (including an end after the period end).
    private func endDate() -> Cell {
        guard ended, let end = episode.end else { return Cell(.endDate, .notRequired) }
        guard end >= episode.start else { return invalid(.endDate, end.compact, Messages.endBeforeStart) }
        return Cell(.endDate, .ok, value: end.compact)
    }

    /// §8 Reden beëindiging — required once the episode ended within or before the period
    /// end; Niet noodzakelijk (and empty in the file) while it runs, whatever is stored.
    private func endReason() -> Cell {
        guard ended else { return Cell(.endReason, .notRequired) }
        guard let code = text(episode.endReason) else { return missing(.endReason) }
        return Codes.endReason.contains(code)
            ? Cell(.endReason, .ok, value: code)
            : invalid(.endReason, code, Messages.endReasonUnknown(code))
    }

    /// §8 outcome — optional; a whole number 1–10 when given; Niet noodzakelijk while running.
    private func satisfaction(_ field: CBS.Field, _ score: Int?) -> Cell {
        guard ended else { return Cell(field, .notRequired) }
        guard let score else { return Cell(field, .ok) }
        return Codes.satisfactionScale.contains(score)
            ? Cell(field, .ok, value: String(score))
            : invalid(field, String(score), Messages.satisfactionOutOfRange(field))
    }

    /// §8 outcome — optional; a code 01–04 when given; Niet noodzakelijk while running.
    private func withoutFurtherHelp(_ field: CBS.Field, _ raw: String?) -> Cell {
        guard ended else { return Cell(field, .notRequired) }
        guard let code = text(raw) else { return Cell(field, .ok) }
        return Codes.withoutFurtherHelp.contains(code)
            ? Cell(field, .ok, value: code)
            : invalid(field, code, Messages.withoutFurtherHelpUnknown(field))
    }

    /// The stored text without surrounding white space; nil when nothing is left, because an
    /// empty string from a form means "not filled", the same as no value.
    private func text(_ raw: String?) -> String? { presentText(raw) }
}
