// The LDO checks (spec/ldo.md §5): which episodes are candidates, which are left out for
// want of consent, which have findings, and which are included with their record. One
// validation pass both finds problems and builds the record, so the two cannot disagree.

extension LDO {
    /// What the delivery does with one episode.
    public enum Outcome: Hashable, Sendable {
        /// No attended treatment in the window: not part of this delivery at all.
        case notCandidate
        /// A candidate whose consent is not `given`: left out and counted (`NExclusie`).
        case excludedForConsent
        /// A candidate with consent but with findings: left out, findings shown in step 2.
        case excluded([Finding])
        /// Delivered with this record.
        case included(Record)
    }

    /// spec/ldo.md §1.1, §5 — a practice without the opt-in cannot deliver; the wizard and
    /// the CLI show this finding and stop. Nil when the practice may deliver.
    public static func deliveryBlocker(for practice: Practice) -> Finding? {
        practice.optIn ? nil : Finding(field: "optIn", kind: .missing, message: Message.optInOff)
    }

    /// spec/ldo.md §5 — candidates: at least one treatment with status `attended` dated
    /// inside the window; no-shows and cancellations do not count.
    public static func isCandidate(_ episode: Episode, window: DateRange) -> Bool {
        episode.treatments.contains { $0.status == .attended && window.contains($0.date) }
    }

    /// spec/ldo.md §5 — the whole check for one episode in one delivery: candidate, then
    /// consent, then the technically required data.
    public static func check(_ episode: Episode, practice: Practice, window: DateRange) -> Outcome {
        guard isCandidate(episode, window: window) else { return .notCandidate }
        guard episode.consent == .given else { return .excludedForConsent }
        switch validate(episode, practice: practice) {
        case .success(let record): return .included(record)
        case .failure(let problems): return .excluded(problems.findings)
        }
    }

    /// spec/ldo.md §1.4 — the episode form's "LDO" button: every missing or invalid datum,
    /// whatever the window, with consent not given as a finding too (in a delivery that is
    /// a count, not a finding, but on the form it is one more thing to settle), and the
    /// warnings last.
    public static func findings(for episode: Episode, practice: Practice) -> [Finding] {
        var findings: [Finding] = []
        if let consent = consentFinding(episode.consent) { findings.append(consent) }
        if case .failure(let problems) = validate(episode, practice: practice) {
            findings += problems.findings
        }
        return findings + warnings(for: episode)
    }

    /// spec/ldo.md §1.3 — only `given` is delivered.
    static func consentFinding(_ consent: Consent?) -> Finding? {
        switch consent {
        case .given: nil
        case nil: Finding(field: "consent", kind: .missing, message: Message.consentMissing)
        case .notAsked: Finding(field: "consent", kind: .missing, message: Message.consentNotAsked)
        case .refused: Finding(field: "consent", kind: .invalid, message: Message.consentRefused)
        }
    }

    struct Problems: Error {
        var findings: [Finding]
    }

    /// spec/ldo.md §5 — the findings, in the order the form shows the fields:
    /// practice KvK not 8 digits; main practitioner missing, or BIG not 11 digits; birth
    /// date, sex or postcode missing or invalid; access route missing; referrer type missing
    /// on a referral; DCSPH not 4 digits; end before start; end without an end reason.
    /// [design] Two refinements of the listed checks: a referrer type or end reason that is
    /// not in its code list is `invalid` (the record could not carry it), and a birth date
    /// after the episode's start or before 1900 is `invalid` (it cannot be the patient's).
    static func validate(_ e: Episode, practice: Practice) -> Result<Record, Problems> {
        var findings: [Finding] = []
        func add(_ field: String, _ kind: Finding.Kind, _ message: String) {
            findings.append(Finding(field: field, kind: kind, message: message))
        }

        // Practice KvK (spec/ldo.md §1.2).
        var kvk: String?
        if let raw = present(practice.kvk) {
            kvk = KvKNumber(raw)?.value
            if kvk == nil { add("kvk", .invalid, Message.kvkInvalid) }
        } else {
            add("kvk", .missing, Message.kvkMissing)
        }

        // Main practitioner and BIG (spec/ldo.md §1.2).
        var big: String?
        if let practitioner = e.mainPractitioner {
            if let raw = present(practitioner.big) {
                big = BIGNumber(raw)?.value
                if big == nil { add("big", .invalid, Message.bigInvalid) }
            } else {
                add("big", .missing, Message.bigMissing)
            }
        } else {
            add("mainPractitioner", .missing, Message.mainPractitionerMissing)
        }

        // Patient.
        var birthDate: LocalDate?
        if let partial = e.birthDate, partial.date == nil {
            add("birthDate", .invalid, Message.birthDatePartial)
        } else if let date = e.birthDate?.date {
            if date > e.start || date < earliestBirthDate {
                add("birthDate", .invalid, Message.birthDateInvalid)
            } else {
                birthDate = date
            }
        } else {
            add("birthDate", .missing, Message.birthDateMissing)
        }

        var sex: Sex?
        if let raw = present(e.sex) {
            sex = Sex(rawValue: raw.uppercased())
            if sex == nil { add("sex", .invalid, Message.sexInvalid) }
        } else {
            add("sex", .missing, Message.sexMissing)
        }

        var postcode: String?
        if let raw = present(e.postcode) {
            postcode = Postcode(raw)?.value
            if postcode == nil { add("postcode", .invalid, Message.postcodeInvalid) }
        } else {
            add("postcode", .missing, Message.postcodeMissing)
        }

        // Access route and referrer: the referrer only matters on a referral.
        var referrer: ReferrerType?
        if let route = e.accessRoute {
            if route == .referral {
                if let raw = present(e.referrerType) {
                    referrer = ReferrerType(rawValue: raw)
                    if referrer == nil { add("referrerType", .invalid, Message.referrerTypeInvalid) }
                } else {
                    add("referrerType", .missing, Message.referrerTypeMissing)
                }
            }
        } else {
            add("accessRoute", .missing, Message.accessRouteMissing)
        }

        var dcsph: String?
        if let raw = present(e.dcsph) {
            dcsph = Digits.exactly(4, in: raw)
            if dcsph == nil { add("dcsph", .invalid, Message.dcsphInvalid) }
        } else {
            add("dcsph", .missing, Message.dcsphMissing)
        }

        // Ending: a reason is required once an end date is there.
        var endReason: EndReason?
        if let end = e.end {
            if end < e.start { add("end", .invalid, Message.endBeforeStart) }
            if let raw = present(e.endReason) {
                endReason = EndReason(rawValue: raw)
                if endReason == nil { add("endReason", .invalid, Message.endReasonInvalid) }
            } else {
                add("endReason", .missing, Message.endReasonMissing)
            }
        }

        guard findings.isEmpty, let kvk, let big, let birthDate, let sex, let postcode,
              let accessRoute = e.accessRoute, let dcsph else {
            return .failure(Problems(findings: findings))
        }
        return .success(Record(episode: e, practice: practice, kvk: kvk, big: big, birthDate: birthDate,
                               sex: sex, postcode: postcode, accessRoute: accessRoute,
                               referrerType: referrer, dcsph: dcsph, endReason: endReason))
    }

    /// Birth dates before this are typing errors, not patients.
    static let earliestBirthDate = LocalDate(year: 1900, month: 1, day: 1)!

    /// A stored text that means something: nil, empty and blanks all mean "not filled in".
    static func present(_ text: String?) -> String? { presentText(text) }
}
