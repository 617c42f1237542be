// The control row's hand-written JSON (CBSControlReport+RowJSON.swift) gives the bytes that
// JSONEncoder gives through LoketJSON, for rows the rules make and for hostile text: every
// character below U+0020, quotes, backslashes, slashes, non-ASCII and emoji.

import Foundation
@testable import LoketApp
import LoketCore
import Testing

@Suite("Control row JSON")
struct RowJSONTests {
    /// A row through the decoder, so that every field can hold any text.
    private func row(text: (Int) -> String, deliverable: Bool, findings: Int) throws -> CBSControlReport.Row {
        var cells: [String: String] = [:]
        for (i, field) in CBS.Field.allCases.enumerated() { cells[field.rawValue] = text(i) }
        let findingList: [[String: String]] = (0..<findings).map { i in
            ["field": CBS.Field.allCases[i % CBS.Field.allCases.count].rawValue, "kind": i % 2 == 0 ? "missing" : "invalid",
             "severity": i % 3 == 0 ? "warning" : "error", "message": text(100 + i)]
        }
        let object: [String: Any] = ["episodeId": text(50), "patientNumber": text(51), "patientName": text(52),
                                     "deliverable": deliverable, "cells": cells, "findings": findingList]
        return try JSONDecoder().decode(CBSControlReport.Row.self, from: JSONSerialization.data(withJSONObject: object))
    }

    @Test("hostile text: the same bytes as JSONEncoder")
    func hostileText() throws {
        let control = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        let samples = ["", control, "\"\\/", "Zoë \"de\" Vries\\", "é€😀\u{2028}\u{7F}", "a/b</script>", "1234567890", "\r\n\t"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let r = try row(text: { i in
                round < samples.count ? samples[(round + i) % samples.count]
                    : String((0..<Int.random(in: 0...12, using: &generator)).map { _ in
                        samples.randomElement(using: &generator)!.randomElement(using: &generator) ?? "x" })
            }, deliverable: round % 2 == 0, findings: round % 4)
            #expect(r.json == (try LoketJSON.string(r)), "round \(round)")
        }
    }

    @Test("rows the rules make, and the JSON export's row")
    func ruleRows() throws {
        let period = HalfYear(year: 2026, half: 1)!
        let episodes = [
            CBS.Episode(id: "ep/1", patientNumber: "12", patientName: "Jan \"J\" Jansen", bsn: "123456782",
                        birthDate: BirthDate(text: "2012-02-29"), sex: "M", postcode: "1234AB", municipalityCode: "0363",
                        start: LocalDate(iso: "2026-01-01")!, end: nil, careType: "01", startedInCrisis: false, referrer: "01",
                        perspective: nil, endReason: nil, youthSatisfaction: nil, youthWithoutFurtherHelp: nil,
                        parentSatisfaction: nil, parentWithoutFurtherHelp: nil, financing: nil),
            CBS.Episode(id: "ep2", patientNumber: "13", patientName: "", bsn: nil, birthDate: nil, sex: nil, postcode: nil,
                        municipalityCode: nil, start: LocalDate(iso: "2025-06-30")!, end: LocalDate(iso: "2026-01-01")!,
                        careType: nil, startedInCrisis: true, referrer: nil, perspective: nil, endReason: nil,
                        youthSatisfaction: 7, youthWithoutFurtherHelp: "ja", parentSatisfaction: 11,
                        parentWithoutFurtherHelp: nil, financing: "pgb"),
        ]
        for (i, episode) in episodes.enumerated() {
            let r = CBSControlReport.Row(CBS.control(episode, period: period.range))
            #expect(r.json == (try LoketJSON.string(r)))
            #expect(CBSControlReport.jsonRow(r, first: i == 0) == (i == 0 ? "" : ",") + (try LoketJSON.string(r)))
        }
    }
}
