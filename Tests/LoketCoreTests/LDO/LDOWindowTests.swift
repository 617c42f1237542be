import Testing
@testable import LoketCore

@Suite("LDO window and candidates (spec/ldo.md §5)")
struct LDOWindowTests {
    @Test("Window: three whole months before the delivery month", arguments: [
        ("mid-November", "2026-11-22", "2026-08-01", "2026-10-31"),
        ("early January reaches into the previous year", "2026-01-05", "2025-10-01", "2025-12-31"),
        ("first day of January", "2026-01-01", "2025-10-01", "2025-12-31"),
        ("31 March ends on 28 February", "2026-03-31", "2025-12-01", "2026-02-28"),
        ("31 March of a leap year ends on 29 February", "2028-03-31", "2027-12-01", "2028-02-29"),
        ("last day of December", "2026-12-31", "2026-09-01", "2026-11-30"),
        ("first day of a month", "2026-05-01", "2026-02-01", "2026-04-30"),
    ])
    func window(_ name: String, _ delivery: String, _ start: String, _ end: String) {
        let w = LDO.window(deliveryDate: ldoDate(delivery))
        #expect(w.start.iso == start, "\(name)")
        #expect(w.end.iso == end, "\(name)")
    }

    @Test("Candidate: an attended treatment inside the window", arguments: [
        ("attended on the first day of the window", [("2026-08-01", LDO.TreatmentStatus.attended)], true),
        ("attended on the last day of the window", [("2026-10-31", .attended)], true),
        ("attended the day before the window", [("2026-07-31", .attended)], false),
        ("attended the day after the window", [("2026-11-01", .attended)], false),
        ("only a no-show in the window", [("2026-09-01", .noShow)], false),
        ("only a cancellation in the window", [("2026-09-01", .cancelled)], false),
        ("no-show and cancellation in, attended outside", [("2026-09-01", .noShow), ("2026-09-02", .cancelled),
                                                            ("2026-06-30", .attended)], false),
        ("a no-show beside an attended treatment", [("2026-09-01", .noShow), ("2026-09-08", .attended)], true),
        ("no treatments at all", [], false),
    ] as [(String, [(String, LDO.TreatmentStatus)], Bool)])
    func candidate(_ name: String, _ treatments: [(String, LDO.TreatmentStatus)], _ expected: Bool) {
        var e = LDOFixture.episode()
        e.treatments = treatments.map { LDOFixture.treatment($0.0, $0.1) }

        let outcome = LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window)

        #expect(LDO.isCandidate(e, window: LDOFixture.window) == expected, "\(name)")
        #expect((outcome != .notCandidate) == expected, "\(name)")
    }
}
