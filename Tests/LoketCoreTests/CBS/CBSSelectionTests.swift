import Testing
@testable import LoketCore

extension CBSTests {
    /// spec/cbs-jeugdhulp.md §3, §8 — selection.
    @Suite("Selection")
    struct Selection {
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let period: DateRange
            let birthDate: LocalDate?
            let start: LocalDate
            let end: LocalDate?
            let selected: Bool
            var testDescription: String { name }
        }

        static let jh1_2024 = Fixture.jh1_2024
        static let jh1_2026 = HalfYear(year: 2026, half: 1)!.range

        static let cases: [Case] = [
            // Age on the start date.
            Case(name: "turns 18 on the start day: not selected", period: jh1_2024,
                 birthDate: day("2006-02-01"), start: day("2024-02-01"), end: nil, selected: false),
            Case(name: "turns 18 the day after the start day: selected", period: jh1_2024,
                 birthDate: day("2006-02-02"), start: day("2024-02-01"), end: nil, selected: true),
            Case(name: "turned 18 the day before the start day: not selected", period: jh1_2024,
                 birthDate: day("2006-01-31"), start: day("2024-02-01"), end: nil, selected: false),
            Case(name: "turns 18 during the period, after the start: still selected", period: jh1_2024,
                 birthDate: day("2006-04-01"), start: day("2024-02-01"), end: nil, selected: true),
            Case(name: "born 29 February, starts 28 February of a common year at 18: not selected", period: jh1_2026,
                 birthDate: day("2008-02-29"), start: day("2026-02-28"), end: nil, selected: false),
            Case(name: "born 29 February, starts 27 February of that common year at 17: selected", period: jh1_2026,
                 birthDate: day("2008-02-29"), start: day("2026-02-27"), end: nil, selected: true),
            Case(name: "born 29 February, starts on 29 February of a leap year at 16: selected", period: jh1_2024,
                 birthDate: day("2008-02-29"), start: day("2024-02-29"), end: nil, selected: true),
            Case(name: "born 1 March of a leap year, starts 28 February 18 years later at 17: selected", period: jh1_2026,
                 birthDate: day("2008-03-01"), start: day("2026-02-28"), end: nil, selected: true),
            Case(name: "no birth date: selected, so the gap shows", period: jh1_2024,
                 birthDate: nil, start: day("2024-02-01"), end: nil, selected: true),
            // The run overlaps the period.
            Case(name: "ends on the first day of the period: selected", period: jh1_2024,
                 birthDate: day("2012-03-04"), start: day("2023-09-01"), end: day("2024-01-01"), selected: true),
            Case(name: "ends the day before the period: not selected", period: jh1_2024,
                 birthDate: day("2012-03-04"), start: day("2023-09-01"), end: day("2023-12-31"), selected: false),
            Case(name: "starts on the last day of the period: selected", period: jh1_2024,
                 birthDate: day("2012-03-04"), start: day("2024-06-30"), end: nil, selected: true),
            Case(name: "starts the day after the period: not selected", period: jh1_2024,
                 birthDate: day("2012-03-04"), start: day("2024-07-01"), end: nil, selected: false),
            Case(name: "open episode started years before the period: selected", period: jh1_2024,
                 birthDate: day("2012-03-04"), start: day("2019-05-01"), end: nil, selected: true),
            Case(name: "ends after the period: selected", period: jh1_2024,
                 birthDate: day("2012-03-04"), start: day("2023-11-01"), end: day("2024-08-01"), selected: true),
            Case(name: "runs entirely within the period: selected", period: jh1_2024,
                 birthDate: day("2012-03-04"), start: day("2024-02-01"), end: day("2024-02-01"), selected: true),
        ]

        @Test("selected when under 18 at the start and overlapping the period", arguments: cases)
        func selection(_ c: Case) {
            // Arrange
            let episode = Fixture.ended.with {
                $0.birthDate = c.birthDate.map(BirthDate.init)
                $0.start = c.start
                $0.end = c.end
            }
            // Act
            let selected = CBS.isSelected(episode, in: c.period)
            // Assert
            #expect(selected == c.selected)
        }

        @Test("a partial birth date counts as the youngest the patient can be")
        func partialBirthDate() {
            // Starts 2024-03-15. Born in March 2006: 18 on 2024-03-31 at the latest, so maybe
            // still 17 on the start date: selected. Born in February 2006: 18 by 2024-02-29.
            let cases: [(String, String, Bool)] = [
                ("day unknown, born in the start's month 18 years before: selected", "2006-03", true),
                ("day unknown, born in the month before: 18 on the start date, not selected", "2006-02", false),
                ("month unknown, born 18 years before: may be 17 until 31 December, selected", "2006", true),
                ("month unknown, born 19 years before: not selected", "2005", false),
                ("day unknown in February of a leap year: counts as the 29th", "2008-02", true),
            ]
            for (name, text, selected) in cases {
                let episode = Fixture.ended.with { $0.birthDate = BirthDate(text: text); $0.start = day("2024-03-15"); $0.end = nil }
                #expect(CBS.isSelected(episode, in: Fixture.jh1_2024) == selected, "\(name)")
            }
        }

        @Test("partial birth dates: parsed strictly, written with 00 for what is unknown")
        func birthDateText() {
            let cases: [(String, String?, String?, LocalDate?)] = [
                ("2012-03-04", "2012-03-04", "20120304", day("2012-03-04")),
                ("2012-03", "2012-03", "20120300", nil),
                ("2012", "2012", "20120000", nil),
                ("2012-13", nil, nil, nil),
                ("2012-02-30", nil, nil, nil),
                ("2012-3", nil, nil, nil),
                ("12", nil, nil, nil),
                ("2012-00", nil, nil, nil),
            ]
            for (text, iso, compact, date) in cases {
                let b = BirthDate(text: text)
                #expect(b?.iso == iso && b?.compact == compact && b?.date == date, "\(text)")
            }
            #expect(BirthDate(text: "2012-02")?.youngestPossible == day("2012-02-29"))
            #expect(BirthDate(text: "2013-02")?.youngestPossible == day("2013-02-28"))
            #expect(BirthDate(text: "2012")?.youngestPossible == day("2012-12-31"))
        }

        @Test("a partial birth date goes into the file as JJJJMM00 or JJJJ0000, and is no finding")
        func partialInTheFile() {
            for (text, written) in [("2012-03", "20120300"), ("2012", "20120000")] {
                let row = CBS.control(Fixture.ended.with { $0.birthDate = BirthDate(text: text) }, period: Fixture.jh1_2024)
                #expect(row.deliverable && row.record?.birthDate == written, "\(text)")
            }
        }

        @Test("only zorg in natura: a PGB episode is never selected")
        func financing() {
            let cases: [(String, String?, Bool)] = [
                ("financing unknown counts as zorg in natura", nil, true),
                ("zorg in natura", "zin", true),
                ("persoonsgebonden budget", "pgb", false),
            ]
            for (name, financing, selected) in cases {
                let episode = Fixture.ended.with { $0.financing = financing }
                #expect(CBS.isSelected(episode, in: Fixture.jh1_2024) == selected, "\(name)")
            }
        }

        @Test("the control overview holds only selected episodes, in input order")
        func overview() {
            let adult = Fixture.ended.with { $0.id = "adult"; $0.birthDate = BirthDate(day("2000-01-01")) }
            let before = Fixture.ended.with { $0.id = "before"; $0.start = day("2023-01-01"); $0.end = day("2023-06-30") }
            let rows = CBS.controlOverview([Fixture.ended, adult, before, Fixture.running], period: Fixture.jh1_2024)
            #expect(rows.map(\.episodeId) == ["EP-1", "EP-2"])
        }
    }
}
