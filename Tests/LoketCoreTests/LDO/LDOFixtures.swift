// Shared test values: a practice and an episode that pass every LDO check, which each test
// row then changes in one respect.

import Foundation
@testable import LoketCore

func ldoDate(_ s: String) -> LocalDate { LocalDate(iso: s)! }

enum LDOFixture {
    /// Delivery on 2026-11-22: the window is 2026-08-01 … 2026-10-31.
    static let window = LDO.window(deliveryDate: ldoDate("2026-11-22"))

    static let practice = LDO.Practice(id: "praktijk-1", kvk: "12345678", agb: "07001234", optIn: true)

    static let practitioner = LDO.Practitioner(id: "mw-1", big: "19012345601", agb: "07123456")

    static func treatment(_ date: String, _ status: LDO.TreatmentStatus = .attended, id: String? = nil) -> LDO.Treatment {
        LDO.Treatment(id: id ?? "b-\(date)-\(status.rawValue)", date: ldoDate(date), status: status,
                      code: "1000", practitionerAGB: "07123456")
    }

    /// A running episode on referral with one attended treatment in the window.
    static func episode(id: String = "E-1") -> LDO.Episode {
        LDO.Episode(
            id: id, patientPseudonym: "ps-\(id)", bsn: "123456782", birthDate: BirthDate(ldoDate("1970-05-10")),
            sex: "V", postcode: "1234 ab", insurerUzovi: "3311", consent: .given,
            start: ldoDate("2026-07-01"), end: nil, accessRoute: .referral, referrerType: "huisarts",
            dcsph: "1234", endReason: nil, goalsAchieved: nil, mainPractitioner: practitioner,
            treatments: [treatment("2026-09-15")]
        )
    }

    /// An ended episode on direct access.
    static func endedEpisode(id: String = "E-2") -> LDO.Episode {
        var e = episode(id: id)
        e.accessRoute = .direct
        e.referrerType = nil
        e.end = ldoDate("2026-10-20")
        e.endReason = "01"
        e.goalsAchieved = "partly"
        e.treatments = [treatment("2026-07-02"), treatment("2026-10-20"), treatment("2026-08-05", .noShow)]
        e.screeningConclusion = .treat
        e.measurements = [LDO.Measurement(id: "M-1", instrument: "PSK", moment: .start, date: ldoDate("2026-07-02"), score: 7)]
        return e
    }
}
