import Testing
@testable import LoketCore

/// One change to the valid fixture; a struct because test arguments must be Sendable values.
struct LDOEpisodeChange: Sendable {
    let apply: @Sendable (inout LDO.Episode, inout LDO.Practice) -> Void
    init(_ apply: @escaping @Sendable (inout LDO.Episode, inout LDO.Practice) -> Void) { self.apply = apply }
}

/// Reads one optional value of a record.
struct LDORecordValue: Sendable {
    let read: @Sendable (LDO.Record) -> String?
    init(_ read: @escaping @Sendable (LDO.Record) -> String?) { self.read = read }
}

@Suite("LDO checks (spec/ldo.md §5)")
struct LDOCheckTests {
    @Test("Consent decides between included and left out", arguments: [
        ("consent given", LDO.Consent.given, "included"),
        ("consent refused (bezwaar)", .refused, "excludedForConsent"),
        ("consent not asked", .notAsked, "excludedForConsent"),
        ("no consent registered", nil, "excludedForConsent"),
    ] as [(String, LDO.Consent?, String)])
    func consent(_ name: String, _ consent: LDO.Consent?, _ expected: String) {
        var e = LDOFixture.episode()
        e.consent = consent

        let outcome = LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window)

        switch outcome {
        case .included: #expect(expected == "included", "\(name)")
        case .excludedForConsent: #expect(expected == "excludedForConsent", "\(name)")
        default: Issue.record("\(name): unexpected \(outcome)")
        }
    }

    @Test("A candidate without consent is left out even with findings") func consentBeforeFindings() {
        var e = LDOFixture.episode()
        e.consent = .refused
        e.sex = nil

        #expect(LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window) == .excludedForConsent)
    }

    @Test("Each finding on its own", arguments: [
        ("practice KvK missing", LDOEpisodeChange { _, p in p.kvk = nil }, "kvk", Finding.Kind.missing),
        ("practice KvK blank", LDOEpisodeChange { _, p in p.kvk = "  " }, "kvk", .missing),
        ("practice KvK of 7 digits", LDOEpisodeChange { _, p in p.kvk = "1234567" }, "kvk", .invalid),
        ("practice KvK with letters", LDOEpisodeChange { _, p in p.kvk = "1234567a" }, "kvk", .invalid),
        ("no main practitioner", LDOEpisodeChange { e, _ in e.mainPractitioner = nil }, "mainPractitioner", .missing),
        ("BIG number missing", LDOEpisodeChange { e, _ in e.mainPractitioner?.big = nil }, "big", .missing),
        ("BIG number of 10 digits", LDOEpisodeChange { e, _ in e.mainPractitioner?.big = "1901234560" }, "big", .invalid),
        ("birth date missing", LDOEpisodeChange { e, _ in e.birthDate = nil }, "birthDate", .missing),
        ("birth date after the episode start", LDOEpisodeChange { e, _ in e.birthDate = BirthDate(ldoDate("2026-07-02")) }, "birthDate", .invalid),
        ("birth date before 1900", LDOEpisodeChange { e, _ in e.birthDate = BirthDate(ldoDate("1899-12-31")) }, "birthDate", .invalid),
        ("birth date with an unknown day: the LDO takes whole dates", LDOEpisodeChange { e, _ in e.birthDate = BirthDate(text: "1970-05") }, "birthDate", .invalid),
        ("birth date with only a year", LDOEpisodeChange { e, _ in e.birthDate = BirthDate(text: "1970") }, "birthDate", .invalid),
        ("sex missing", LDOEpisodeChange { e, _ in e.sex = nil }, "sex", .missing),
        ("sex empty", LDOEpisodeChange { e, _ in e.sex = "" }, "sex", .missing),
        ("sex X", LDOEpisodeChange { e, _ in e.sex = "X" }, "sex", .invalid),
        ("sex spelled out", LDOEpisodeChange { e, _ in e.sex = "vrouw" }, "sex", .invalid),
        ("postcode missing", LDOEpisodeChange { e, _ in e.postcode = nil }, "postcode", .missing),
        ("postcode without letters", LDOEpisodeChange { e, _ in e.postcode = "1234" }, "postcode", .invalid),
        ("postcode starting with 0", LDOEpisodeChange { e, _ in e.postcode = "0123AB" }, "postcode", .invalid),
        ("access route missing", LDOEpisodeChange { e, _ in e.accessRoute = nil; e.referrerType = nil }, "accessRoute", .missing),
        ("referrer type missing on a referral", LDOEpisodeChange { e, _ in e.referrerType = nil }, "referrerType", .missing),
        ("referrer type not in the list", LDOEpisodeChange { e, _ in e.referrerType = "tandarts" }, "referrerType", .invalid),
        ("DCSPH missing", LDOEpisodeChange { e, _ in e.dcsph = nil }, "dcsph", .missing),
        ("DCSPH of 3 digits", LDOEpisodeChange { e, _ in e.dcsph = "123" }, "dcsph", .invalid),
        ("DCSPH with a letter", LDOEpisodeChange { e, _ in e.dcsph = "12A4" }, "dcsph", .invalid),
        ("end date before start date", LDOEpisodeChange { e, _ in e.end = ldoDate("2026-06-30"); e.endReason = "04" }, "end", .invalid),
        ("end date without an end reason", LDOEpisodeChange { e, _ in e.end = ldoDate("2026-10-01") }, "endReason", .missing),
        ("end reason not in the list", LDOEpisodeChange { e, _ in e.end = ldoDate("2026-10-01"); e.endReason = "05" }, "endReason", .invalid),
    ] as [(String, LDOEpisodeChange, String, Finding.Kind)])
    func finding(_ name: String, _ change: LDOEpisodeChange, _ field: String, _ kind: Finding.Kind) {
        var e = LDOFixture.episode()
        var p = LDOFixture.practice
        change.apply(&e, &p)

        let outcome = LDO.check(e, practice: p, window: LDOFixture.window)
        let onForm = LDO.findings(for: e, practice: p)

        guard case .excluded(let findings) = outcome else {
            Issue.record("\(name): expected excluded, got \(outcome)")
            return
        }
        #expect(findings.map(\.field) == [field], "\(name)")
        #expect(findings.first?.kind == kind, "\(name)")
        #expect(findings.allSatisfy { $0.severity == .error && !$0.message.isEmpty }, "\(name)")
        #expect(onForm == findings, "\(name): the form shows the same finding")
    }

    @Test("Not findings", arguments: [
        ("a direct-access episode needs no referrer", LDOEpisodeChange { e, _ in e.accessRoute = .direct; e.referrerType = nil }),
        ("postcode in lower case with a space", LDOEpisodeChange { e, _ in e.postcode = " 1234 ab " }),
        ("sex in lower case", LDOEpisodeChange { e, _ in e.sex = "m" }),
        ("KvK with a space", LDOEpisodeChange { _, p in p.kvk = "1234 5678" }),
        ("an invalid BSN is no finding", LDOEpisodeChange { e, _ in e.bsn = "123456783" }),
        ("no BSN is no finding", LDOEpisodeChange { e, _ in e.bsn = nil }),
        ("no practitioner AGB is no finding", LDOEpisodeChange { e, _ in e.mainPractitioner?.agb = nil }),
        ("an invalid goals value is no error (a warning: LDOMeasurementTests)", LDOEpisodeChange { e, _ in e.goalsAchieved = "maybe" }),
        ("end date on the start date", LDOEpisodeChange { e, _ in e.end = e.start; e.endReason = "02" }),
        ("born on the start date", LDOEpisodeChange { e, _ in e.birthDate = BirthDate(e.start) }),
    ] as [(String, LDOEpisodeChange)])
    func notFinding(_ name: String, _ change: LDOEpisodeChange) {
        var e = LDOFixture.episode()
        var p = LDOFixture.practice
        change.apply(&e, &p)

        #expect(LDO.findings(for: e, practice: p).filter { $0.severity == .error } == [], "\(name)")
    }

    @Test("Several findings come together, in field order") func severalFindings() {
        var e = LDOFixture.episode()
        var p = LDOFixture.practice
        p.kvk = nil
        e.sex = "?"
        e.end = ldoDate("2026-01-01")

        let outcome = LDO.check(e, practice: p, window: LDOFixture.window)

        #expect(outcome == .excluded(LDO.findings(for: e, practice: p)))
        #expect(LDO.findings(for: e, practice: p).map(\.field) == ["kvk", "sex", "end", "endReason"])
    }

    @Test("The form's check names consent too", arguments: [
        ("consent refused", LDO.Consent.refused, Finding.Kind.invalid),
        ("consent not asked", .notAsked, .missing),
        ("no consent registered", nil, .missing),
    ] as [(String, LDO.Consent?, Finding.Kind)])
    func consentOnForm(_ name: String, _ consent: LDO.Consent?, _ kind: Finding.Kind) {
        var e = LDOFixture.episode()
        e.consent = consent
        e.dcsph = nil

        let findings = LDO.findings(for: e, practice: LDOFixture.practice)

        #expect(findings.map(\.field) == ["consent", "dcsph"], "\(name)")
        #expect(findings.first?.kind == kind, "\(name)")
    }

    @Test("The form's check ignores the window") func formIgnoresWindow() {
        var e = LDOFixture.episode()
        e.treatments = [LDOFixture.treatment("2020-01-01")]
        e.postcode = "x"

        #expect(LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window) == .notCandidate)
        #expect(LDO.findings(for: e, practice: LDOFixture.practice).map(\.field) == ["postcode"])
    }

    @Test("Opt-in", arguments: [("opted in", true), ("not opted in", false)])
    func optIn(_ name: String, _ optIn: Bool) {
        var p = LDOFixture.practice
        p.optIn = optIn

        let blocker = LDO.deliveryBlocker(for: p)

        #expect((blocker == nil) == optIn, "\(name)")
        #expect(blocker.map { $0.field == "optIn" && !$0.message.isEmpty } ?? true, "\(name)")
    }
}

@Suite("LDO record (spec/ldo.md §4)")
struct LDORecordTests {
    @Test("A valid running episode is included with its record") func running() throws {
        let outcome = LDO.check(LDOFixture.episode(), practice: LDOFixture.practice, window: LDOFixture.window)

        guard case .included(let r) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(r == LDO.Record(
            practiceAGB: "07001234", practiceKvK: "12345678", practitionerAGB: "07123456",
            practitionerBIG: "19012345601", patientPseudonym: "ps-E-1", bsn: "123456782",
            birthDate: ldoDate("1970-05-10"), sex: .female, postcode: "1234AB", insurerUzovi: "3311",
            episodeId: "E-1", start: ldoDate("2026-07-01"), end: nil, accessRoute: .referral,
            referrerType: .generalPractitioner, dcsph: "1234",
            treatments: [.init(date: ldoDate("2026-09-15"), code: "1000", practitionerAGB: "07123456")],
            measurements: [], endReason: nil, goalsAchieved: nil))
    }

    @Test("A valid ended episode is included with all its attended treatments") func ended() {
        let outcome = LDO.check(LDOFixture.endedEpisode(), practice: LDOFixture.practice, window: LDOFixture.window)

        guard case .included(let r) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(r.treatments.map(\.date.iso) == ["2026-07-02", "2026-10-20"], "outside the window too, no no-show")
        #expect(r.numberOfTreatments == 2)
        #expect(r.end == ldoDate("2026-10-20"))
        #expect(r.endReason == .goalsReached)
        #expect(r.goalsAchieved == .partly)
        #expect(r.accessRoute == .direct)
        #expect(r.referrerType == nil)
        #expect(r.measurements == [LDO.Record.Measurement(instrument: "PSK", moment: .start, date: ldoDate("2026-07-02"), score: 7)])
        #expect(r.screeningConclusion == .treat)
    }

    @Test("Optional values are sent only when valid", arguments: [
        ("BSN failing the elfproef", LDOEpisodeChange { e, _ in e.bsn = "123456783" }, LDORecordValue { $0.bsn }),
        ("UZOVI of 3 digits", LDOEpisodeChange { e, _ in e.insurerUzovi = "331" }, LDORecordValue { $0.insurerUzovi }),
        ("practitioner AGB of 7 digits", LDOEpisodeChange { e, _ in e.mainPractitioner?.agb = "0712345" }, LDORecordValue { $0.practitionerAGB }),
        ("practice AGB missing", LDOEpisodeChange { _, p in p.agb = nil }, LDORecordValue { $0.practiceAGB }),
    ] as [(String, LDOEpisodeChange, LDORecordValue)])
    func optionalDropped(_ name: String, _ change: LDOEpisodeChange, _ value: LDORecordValue) {
        var e = LDOFixture.episode()
        var p = LDOFixture.practice
        change.apply(&e, &p)

        guard case .included(let r) = LDO.check(e, practice: p, window: LDOFixture.window) else {
            Issue.record("\(name): not included"); return
        }
        #expect(value.read(r) == nil, "\(name)")
    }

    @Test("The record never carries a referrer on direct access") func referrerOnDirect() {
        var e = LDOFixture.episode()
        e.accessRoute = .direct

        guard case .included(let r) = LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window) else {
            Issue.record("not included"); return
        }
        #expect(r.referrerType == nil)
    }
}
