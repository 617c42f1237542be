// spec/cbs-jeugdhulp.md §1: which periods may be delivered definitively, on which day.

import LoketCore
import Testing

@Suite("CBS definitive guards")
struct CBSFinalGuardTests {
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func half(_ year: Int, _ half: Int) -> HalfYear { HalfYear(year: year, half: half)! }

    @Test("A period that has ended, the latest or the one before it")
    func periods() {
        let cases: [(String, HalfYear, String, CBS.FinalRefusal?)] = [
            ("the day after the period ends", Self.half(2026, 1), "2026-07-01", nil),
            ("the last day of the period", Self.half(2026, 1), "2026-06-30", .notEnded(ends: Self.day("2026-06-30"))),
            ("a period that is running", Self.half(2026, 2), "2026-12-01", .notEnded(ends: Self.day("2026-12-31"))),
            ("a period in the future", Self.half(2030, 1), "2026-12-01", .notEnded(ends: Self.day("2030-06-30"))),
            ("the period before the latest (herlevering)", Self.half(2025, 2), "2026-12-01", nil),
            ("two periods back", Self.half(2025, 1), "2026-12-01", .noLongerProcessed(latest: Self.half(2026, 1))),
            ("JH-2 on New Year's Day", Self.half(2026, 2), "2027-01-01", nil),
            ("JH-1 of the same year on New Year's Day", Self.half(2026, 1), "2027-01-01", nil),
            ("JH-2 two years back on New Year's Day", Self.half(2025, 2), "2027-01-01", .noLongerProcessed(latest: Self.half(2026, 2))),
        ]
        for (name, period, today, expected) in cases {
            #expect(CBS.finalRefusal(period: period, today: Self.day(today)) == expected, "\(name)")
        }
    }

    @Test("Never a file without records")
    func records() {
        #expect(CBS.finalRefusal(records: 0) == .noRecords)
        #expect(CBS.finalRefusal(records: 1) == nil)
        #expect(CBS.latestEndedPeriod(today: Self.day("2026-07-01")) == Self.half(2026, 1))
        #expect(CBS.latestEndedPeriod(today: Self.day("2026-06-30")) == Self.half(2025, 2))
    }
}
