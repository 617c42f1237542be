// Shared test values: one root suite for the CBS rules, a valid episode to vary per case,
// and short date helpers.

import Testing
@testable import LoketCore

@Suite("CBS Beleidsinformatie Jeugd")
struct CBSTests {}

// Nested in the suite so that names like `Fixture` and `day` cannot clash with other
// suites of the same test target.
extension CBSTests {
    /// `"2024-02-01"` → LocalDate; test tables read better with ISO text.
    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("not a date: \(iso)") }
        return date
    }

    enum Fixture {
        /// JH-1 2024: 1 January – 30 June 2024 (a leap year).
        static let jh1_2024 = HalfYear(year: 2024, half: 1)!.range

        /// A fully valid episode that ended within JH-1 2024.
        static let ended = CBS.Episode(
            id: "EP-1", patientNumber: "P-0001", patientName: "Jansen, Sam",
            bsn: "123456782", birthDate: BirthDate(day("2012-03-04")), sex: "M",
            postcode: "3511 ab", municipalityCode: nil,
            start: day("2024-02-01"), end: day("2024-05-15"),
            careType: "02", startedInCrisis: false, referrer: "02", perspective: nil,
            endReason: "01", youthSatisfaction: 8, youthWithoutFurtherHelp: "04",
            parentSatisfaction: 7, parentWithoutFurtherHelp: "03")

        /// A fully valid episode still running (no end date), with no outcome yet.
        static let running = ended.with {
            $0.id = "EP-2"
            $0.end = nil
            $0.endReason = nil
            $0.youthSatisfaction = nil
            $0.youthWithoutFurtherHelp = nil
            $0.parentSatisfaction = nil
            $0.parentWithoutFurtherHelp = nil
        }
    }
}

extension CBS.Episode {
    /// A copy with some values changed.
    func with(_ change: (inout CBS.Episode) -> Void) -> CBS.Episode {
        var copy = self
        change(&copy)
        return copy
    }
}

extension CBS.Record {
    /// A copy with some values changed.
    func with(_ change: (inout CBS.Record) -> Void) -> CBS.Record {
        var copy = self
        change(&copy)
        return copy
    }
}
