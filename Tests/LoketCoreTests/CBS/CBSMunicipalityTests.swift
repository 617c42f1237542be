// spec/cbs-jeugdhulp.md §4, §8: without a postcode, the CBS gemeentecode stands in; it must be
// in CBS's list of the delivery year (2026 is the list shipped, in ../shared/data).

@testable import LoketCore
import Testing

extension CBSTests {
    @Suite("Gemeentecode")
    struct MunicipalityCode {
        @Test("in the delivery year's list, or only its form for periods before the first list")
        func codes() {
            let cases: [(String, String, HalfYear, CBS.Cell.State)] = [
                ("Utrecht in 2026", "0344", HalfYear(year: 2026, half: 1)!, .ok),
                ("a code not in the 2026 list", "9999", HalfYear(year: 2026, half: 1)!, .invalid),
                ("a code not in the list, later year: the nearest list", "9999", HalfYear(year: 2027, half: 2)!, .invalid),
                ("a code of a period before the first list: form only", "9999", HalfYear(year: 2024, half: 1)!, .ok),
                ("not four digits", "344", HalfYear(year: 2026, half: 1)!, .invalid),
            ]
            for (name, code, period, state) in cases {
                let episode = Fixture.running.with {
                    $0.postcode = nil
                    $0.municipalityCode = code
                    $0.start = period.range.start
                }
                let cell = CBS.control(episode, period: period.range).cells.first { $0.field == .postcode }
                #expect(cell?.state == state, "\(name)")
            }
        }
    }
}
