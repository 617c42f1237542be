import Testing
@testable import LoketCore

private func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

@Suite("Dates and periods")
struct DateTests {
    @Test("Parsing", arguments: [
        ("a normal date", "2026-03-04", "2026-03-04"),
        ("29 February in a leap year", "2024-02-29", "2024-02-29"),
        ("29 February in a common year", "2025-02-29", nil),
        ("31 April", "2026-04-31", nil),
        ("month 13", "2026-13-01", nil),
        ("no separators", "20260304", nil),
        ("with a time", "2026-03-04T10:00", nil),
        ("slashes", "2026/03/04", nil),
        ("empty", "", nil),
    ])
    func parsing(_ name: String, _ text: String, _ expected: String?) {
        #expect(LocalDate(iso: text)?.iso == expected, "\(name)")
    }

    @Test("Compact form") func compact() {
        #expect(d("2012-03-04").compact == "20120304")
        #expect(LocalDate(compact: "20120304") == d("2012-03-04"))
    }

    @Test("Age", arguments: [
        ("the day before the 18th birthday", "2008-05-10", "2026-05-09", 17),
        ("on the 18th birthday", "2008-05-10", "2026-05-10", 18),
        ("born 29 Feb, 28 Feb of a common year counts", "2008-02-29", "2026-02-28", 18),
        ("born 29 Feb, 27 Feb of a common year", "2008-02-29", "2026-02-27", 17),
        ("born 29 Feb, 29 Feb of a leap year", "2008-02-29", "2028-02-29", 20),
        ("born 29 Feb, 28 Feb of a leap year", "2008-02-29", "2028-02-28", 19),
        ("born on 31 December, 1 January", "2007-12-31", "2008-01-01", 0),
        ("on the birth day", "2020-01-01", "2020-01-01", 0),
    ])
    func age(_ name: String, _ birth: String, _ on: String, _ years: Int) {
        #expect(d(birth).age(on: d(on)) == years, "\(name)")
    }

    @Test("Day arithmetic round-trips across years") func days() {
        var date = d("1999-12-25")
        for _ in 0..<3000 {
            let next = date.adding(days: 1)
            #expect(next.dayNumber == date.dayNumber + 1)
            date = next
        }
        #expect(d("2024-02-28").adding(days: 1) == d("2024-02-29"))
        #expect(d("2023-02-28").adding(days: 1) == d("2023-03-01"))
        #expect(d("2026-03-31").adding(months: -1) == d("2026-02-28"))
        #expect(d("2026-01-15").adding(months: -3) == d("2025-10-15"))
    }

    @Test("Half years") func halfYears() {
        let h1 = HalfYear(year: 2026, half: 1)!
        #expect(h1.range == DateRange(start: d("2026-01-01"), end: d("2026-06-30")))
        #expect(h1.deadline == d("2026-07-21"))
        #expect(h1.previous == HalfYear(year: 2025, half: 2))
        #expect(HalfYear(year: 2026, half: 2)!.range.end == d("2026-12-31"))
        #expect(HalfYear(year: 2026, half: 2)!.deadline == d("2027-01-21"))
        #expect(HalfYear(containing: d("2026-07-01")) == HalfYear(year: 2026, half: 2))
        #expect(HalfYear(year: 2026, half: 3) == nil)
    }

    @Test("Quarters and months") func quarters() {
        #expect(Quarter(year: 2015, quarter: 1)!.range == DateRange(start: d("2015-01-01"), end: d("2015-03-31")))
        #expect(Quarter(year: 2024, quarter: 4)!.range.end == d("2024-12-31"))
        #expect(Month(year: 2024, month: 2)!.range.end == d("2024-02-29"))
        #expect(Quarter(year: 2024, quarter: 5) == nil)
    }

    @Test("Overlap with a period", arguments: [
        ("ends on the first day of the period", "2025-03-01", "2026-01-01", true),
        ("ends the day before the period", "2025-03-01", "2025-12-31", false),
        ("starts on the last day of the period", "2026-06-30", nil, true),
        ("starts after the period", "2026-07-01", nil, false),
        ("open episode from long ago", "2019-01-01", nil, true),
        ("ends after the period", "2026-02-01", "2027-01-01", true),
    ] as [(String, String, String?, Bool)])
    func overlap(_ name: String, _ from: String, _ to: String?, _ expected: Bool) {
        let period = HalfYear(year: 2026, half: 1)!.range
        #expect(period.overlaps(from: d(from), to: to.map(d)) == expected, "\(name)")
    }
}
