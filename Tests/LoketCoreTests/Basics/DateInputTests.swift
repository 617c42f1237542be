// Input dates: one judgement for every entry point, and arithmetic that no date can crash.
// docs/architecture.md, "Input that cannot crash".

import LoketCore
import Testing

@Suite("Date input")
struct DateInputTests {
    @Test("Text is a supported date, not a date, or out of range")
    func input() {
        let cases: [(String, String, LocalDate.Input)] = [
            ("an ordinary day", "2026-12-01", .date(LocalDate(year: 2026, month: 12, day: 1)!)),
            ("the first supported day", "1900-01-01", .date(LocalDate(year: 1900, month: 1, day: 1)!)),
            ("the last supported day", "2199-12-31", .date(LocalDate(year: 2199, month: 12, day: 31)!)),
            ("29 February of a leap year", "2028-02-29", .date(LocalDate(year: 2028, month: 2, day: 29)!)),
            ("29 February of another year", "2026-02-29", .notADate),
            ("year one", "0001-01-01", .outOfRange),
            ("the day before 1900", "1899-12-31", .outOfRange),
            ("the day after 2199", "2200-01-01", .outOfRange),
            ("year zero", "0000-01-01", .notADate),
            ("no leading zeros", "2026-1-1", .notADate),
            ("a time", "2026-01-01T00:00", .notADate),
            ("empty", "", .notADate),
        ]
        for (name, text, expected) in cases { #expect(LocalDate.input(text) == expected, "\(name)") }
    }

    @Test("Arithmetic at the edges of the calendar gives a value, never a crash")
    func edges() {
        let first = LocalDate(year: 1, month: 1, day: 1)!, last = LocalDate(year: 9999, month: 12, day: 31)!
        #expect(first.adding(months: -3).month == 10)
        #expect(first.adding(days: -1).day == 31)
        #expect(last.anniversary(18).year == 10017)
        #expect(last.adding(days: 1).year == 10000)
        #expect(last.lastOfMonth == last && first.firstOfMonth == first)
        let window = LDO.window(deliveryDate: first)
        #expect(window.start < window.end)
        #expect(HalfYear(year: 1900, half: 1)!.previous.range.end == LocalDate(year: 1899, month: 12, day: 31)!)
        #expect(HalfYear(containing: last.adding(days: 400)).range.start.year == 10001)
        #expect(LocalDate(year: 2026, month: 3, day: 31)!.adding(months: -1) == LocalDate(year: 2026, month: 2, day: 28)!)
        #expect(LocalDate(year: 2026, month: 1, day: 15)!.adding(months: -13) == LocalDate(year: 2024, month: 12, day: 15)!)
    }
}
