// The LDO data of layout v2 (spec/ldo.md §4, docs/ldo.md "Measurements and the v2 fields"):
// which measurements are sent, the warnings that never keep an episode out, and how the
// referral date, the screening conclusion and the chronic flag reach the record and file.

import Foundation
import Testing
@testable import LoketCore

/// Changes an episode's measurements or v2 data for one table row.
struct LDOMeasurementCase: Sendable {
    let apply: @Sendable (inout LDO.Episode) -> Void
    init(_ apply: @escaping @Sendable (inout LDO.Episode) -> Void) { self.apply = apply }
}

func measurement(_ id: String = "m", instrument: String? = "PSK", moment: LDO.MeasurementMoment? = .start,
                 date: String? = "2026-07-02", score: Double? = 7) -> LDO.Measurement {
    LDO.Measurement(id: id, instrument: instrument, moment: moment, date: date.map(ldoDate), score: score)
}

@Suite("LDO measurements and the v2 fields (spec/ldo.md §4)")
struct LDOMeasurementTests {
    @Test("Which measurements are sent, and the warning for the others", arguments: [
        ("complete", measurement(), true, nil),
        ("no score", measurement(score: nil), false, "measurements/missing"),
        ("no instrument", measurement(instrument: nil), false, "measurements/invalid"),
        ("blank instrument", measurement(instrument: "  "), false, "measurements/invalid"),
        ("instrument of 20 characters", measurement(instrument: String(repeating: "I", count: 20)), true, nil),
        ("instrument of 21 characters", measurement(instrument: String(repeating: "I", count: 21)), false, "measurements/invalid"),
        ("no moment", measurement(moment: nil), false, "measurements/invalid"),
        ("no date", measurement(date: nil), false, "measurements/invalid"),
        ("score zero", measurement(score: 0), true, nil),
        ("negative score", measurement(score: -2.5), true, nil),
        ("infinite score", measurement(score: .infinity), false, "measurements/invalid"),
    ] as [(String, LDO.Measurement, Bool, String?)])
    func sendable(_ name: String, _ m: LDO.Measurement, _ sent: Bool, _ warning: String?) {
        var e = LDOFixture.episode()
        e.measurements = [m]

        let outcome = LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window)
        let warnings = LDO.warnings(for: e).map { "\($0.field)/\($0.kind.rawValue)" }

        guard case .included(let r) = outcome else { Issue.record("\(name): a measurement never keeps the episode out: \(outcome)"); return }
        #expect(r.measurements.count == (sent ? 1 : 0), "\(name)")
        #expect(warnings == (warning.map { [$0] } ?? []), "\(name)")
        #expect(LDO.warnings(for: e).allSatisfy { $0.severity == .warning }, "\(name)")
    }

    @Test("Warnings of the episode: DTO without screening, an unknown goals value", arguments: [
        ("referral without screening: nothing", LDOMeasurementCase { _ in }, [String]()),
        ("DTO without screening conclusion", LDOMeasurementCase { $0.accessRoute = .direct }, ["screeningConclusion/missing"]),
        ("DTO with screening conclusion", LDOMeasurementCase { $0.accessRoute = .direct; $0.screeningConclusion = .refer }, []),
        ("goals achieved unknown", LDOMeasurementCase { $0.goalsAchieved = "mostly" }, ["goalsAchieved/invalid"]),
        ("goals achieved blank is not registered", LDOMeasurementCase { $0.goalsAchieved = " " }, []),
        ("a missing score and an incomplete one: two warnings", LDOMeasurementCase {
            $0.measurements = [measurement("a", score: nil), measurement("b", moment: nil), measurement("c")]
        }, ["measurements/missing", "measurements/invalid"]),
        ("two missing scores: one warning", LDOMeasurementCase {
            $0.measurements = [measurement("a", score: nil), measurement("b", score: nil)]
        }, ["measurements/missing"]),
    ] as [(String, LDOMeasurementCase, [String])])
    func episodeWarnings(_ name: String, _ change: LDOMeasurementCase, _ expected: [String]) {
        var e = LDOFixture.episode()
        change.apply(&e)

        #expect(LDO.warnings(for: e).map { "\($0.field)/\($0.kind.rawValue)" } == expected, "\(name)")
        guard case .included = LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window) else {
            Issue.record("\(name): warnings do not keep the episode out"); return
        }
    }

    @Test("An invalid goals-achieved value is left out of the record and named") func goalsAchievedInvalid() {
        var e = LDOFixture.endedEpisode()
        e.goalsAchieved = "mostly"

        guard case .included(let r) = LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window) else {
            Issue.record("included"); return
        }
        #expect(r.goalsAchieved == nil)
        #expect(LDO.findings(for: e, practice: LDOFixture.practice).contains { $0.field == "goalsAchieved" && $0.severity == .warning })
    }

    @Test("Referral date only on a referral, screening only on DTO, chronic on both", arguments: [
        (LDO.AccessRoute.referral, true, false),
        (.direct, false, true),
    ])
    func routeFields(_ route: LDO.AccessRoute, _ referralSent: Bool, _ screeningSent: Bool) {
        var e = LDOFixture.episode()
        e.accessRoute = route
        e.referralDate = ldoDate("2026-06-28")
        e.screeningConclusion = .noIndication
        e.chronic = false

        guard case .included(let r) = LDO.check(e, practice: LDOFixture.practice, window: LDOFixture.window) else {
            Issue.record("included"); return
        }
        #expect((r.referralDate != nil) == referralSent)
        #expect((r.screeningConclusion != nil) == screeningSent)
        #expect(r.chronic == false)
    }

    @Test("The sent measurements are in date and moment order, and the selection keeps the warnings") func order() {
        var e = LDOFixture.episode()
        e.measurements = [measurement("z", instrument: "NPRS", moment: .end, date: "2026-09-30", score: 2),
                          measurement("y", moment: .end, score: 3), measurement("x", score: 8), measurement("w", score: nil)]
        var selection = LDO.Selection()

        guard case .included(let r) = selection.add(e, practice: LDOFixture.practice, window: LDOFixture.window) else {
            Issue.record("included"); return
        }
        #expect(r.measurements.map(\.score) == [8, 3, 2])
        #expect(selection.warned.map(\.episodeId) == ["E-1"])
        #expect(selection.warned.first?.warnings.map(\.field) == ["measurements"])
    }

    @Test("The v2 file carries the measurements and the new fields; v1 does not have them") func v2File() {
        var e = LDOFixture.episode()
        e.referralDate = ldoDate("2026-06-28")
        e.chronic = true
        e.measurements = [measurement("a", score: 7.5), measurement("b", moment: .end, date: "2026-10-01", score: 2)]

        let v2 = LDOXMLWriterTests.document([e])
        let v1 = LDOXMLWriterTests.document([e], layout: .v1)

        #expect(v2.contains("""
                <Verwijzer>huisarts</Verwijzer>
                <Verwijsdatum>2026-06-28</Verwijsdatum>
                <DCSPH>1234</DCSPH>
                <Chronisch>ja</Chronisch>
            """))
        #expect(v2.contains("""
                  <Meting>
                    <Instrument>PSK</Instrument>
                    <Moment>begin</Moment>
                    <Datum>2026-07-02</Datum>
                    <Score>7.5</Score>
                  </Meting>
                  <Meting>
                    <Instrument>PSK</Instrument>
                    <Moment>eind</Moment>
                    <Datum>2026-10-01</Datum>
                    <Score>2</Score>
                  </Meting>
            """))
        #expect(!v2.contains("<Instrument>998</Instrument>"))
        #expect(!v1.contains("Verwijsdatum") && !v1.contains("Chronisch") && !v1.contains("<Datum>2026-07-02</Datum>\n        <Score>"))
        let start = v2.range(of: "  <Episode>")!, end = v2.range(of: "  </Episode>\n")!
        let fields = LDORecordLayout.current.readableFields(of: String(v2[start.lowerBound..<end.upperBound]))
        #expect(fields.filter { $0.label == "Meting" }.map(\.value) == ["PSK, begin, 2026-07-02, 7.5", "PSK, eind, 2026-10-01, 2"])
        #expect(fields.contains { $0.label == "Verwijsdatum" && $0.value == "2026-06-28" })
        #expect(fields.contains { $0.label == "Chronisch" && $0.value == "ja" })
    }

    @Test("Scores as plain decimals", arguments: [
        (7.5, "7.5"), (12, "12"), (-3.25, "-3.25"), (0, "0"), (-0.0, "0"), (0.00001, "0.00001"),
        (1e16, "10000000000000000"), (123456.789, "123456.789"),
    ])
    func decimalText(_ value: Double, _ text: String) {
        #expect(DecimalText.of(value) == text)
        #expect(Double(DecimalText.of(value)) == value, "reads back as the same value")
    }
}
