import Foundation
import Testing
@testable import LoketCore

/// A small valid document in the shape of spec/exchange-format.md.
let sampleExchangeText = """
{
  "format": "loket-exchange/1",
  "practices": [{
    "id": "p1", "name": "Praktijk De Linde", "kvk": "12345678", "agb": "07012345",
    "ldo": { "optIn": true },
    "cbs": { "correspondenceNumber": "4711", "email": "aanlevering@delinde.nl",
             "phone": "030-1234567", "mirrorReportConsent": "ja" }
  }],
  "employees": [{ "id": "e1", "practiceId": "p1", "name": "A. de Vries", "big": "19012345601", "agb": "07123456" }],
  "patients": [{
    "id": "pt1", "practiceId": "p1", "number": "1001", "name": "Sam Jansen",
    "bsn": "111222333", "birthDate": "2012-03-04", "sex": "M", "postcode": "3511AB",
    "municipalityCode": "0344", "insurerUzovi": "3311", "identityVerified": false
  }],
  "episodes": [{
    "id": "ep1", "patientId": "pt1", "practiceId": "p1", "mainPractitionerId": "e1",
    "start": "2026-01-10", "end": null,
    "ldo": { "consent": "given", "accessRoute": "referral", "referrerType": "huisarts",
             "dcsph": "1906", "endReason": null, "goalsAchieved": null },
    "cbs": { "careType": "02", "startedInCrisis": false, "referrer": "02",
             "perspective": null, "endReason": null,
             "outcome": { "youthSatisfaction": 8, "youthWithoutFurtherHelp": null,
                          "parentSatisfaction": null, "parentWithoutFurtherHelp": null } }
  }],
  "treatments": [{ "id": "t1", "episodeId": "ep1", "practitionerId": "e1", "date": "2026-02-01",
                   "status": "attended", "code": "074" }]
}
"""

private func errors(of text: String) -> [String] {
    do {
        _ = try ExchangeDocument.decode(Array(text.utf8))
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

@Suite("Exchange format")
struct ExchangeTests {
    @Test("The spec's example reads as given") func sample() throws {
        let doc = try ExchangeDocument.decode(Array(sampleExchangeText.utf8))
        #expect(doc.practices.first?.cbsCorrespondenceNumber == "4711")
        #expect(doc.practices.first?.ldoOptIn == true)
        #expect(doc.patients.first?.birthDate?.date == LocalDate(year: 2012, month: 3, day: 4))
        #expect(doc.episodes.first?.cbs.youthSatisfaction == 8)
        #expect(doc.episodes.first?.end == nil)
        #expect(doc.treatments.first?.status == "attended")
        #expect(doc.referenceErrors(stored: .init()).isEmpty)
    }

    @Test("Export, import, export gives the same text") func roundTrip() throws {
        let first = try ExchangeDocument.decode(Array(sampleExchangeText.utf8)).text()
        let second = try ExchangeDocument.decode(Array(first.utf8)).text()
        #expect(first == second)
    }

    @Test("Streaming writer writes the same bytes as the whole-document writer") func stream() throws {
        let doc = try ExchangeDocument.decode(Array(sampleExchangeText.utf8))
        var empty = doc
        empty.employees = []
        for d in [doc, empty, ExchangeDocument()] {
            var out = ""
            var writer = try ExchangeStreamWriter { out += $0 }
            try writer.begin(.practices); for r in d.practices { try writer.write(r.json) }
            try writer.begin(.employees); for r in d.employees { try writer.write(r.json) }
            try writer.begin(.patients); for r in d.patients { try writer.write(r.json) }
            try writer.begin(.episodes); for r in d.episodes { try writer.write(r.json) }
            try writer.begin(.treatments); for r in d.treatments { try writer.write(r.json) }
            try writer.begin(.measurements); for r in d.measurements { try writer.write(r.json) }
            try writer.finish()
            #expect(out == d.text())
        }
    }

    @Test("Structural errors name their JSON path", arguments: [
        ("a date that is no date", #""start": "2026-01-10""#, #""start": "10-01-2026""#,
         #"episodes[0].start: not a date (YYYY-MM-DD): "10-01-2026""#),
        ("a wrong type", #""identityVerified": false"#, #""identityVerified": "nee""#,
         "patients[0].identityVerified: expected true or false, found a string"),
        ("an unknown key", #""sex": "M""#, #""sex": "M", "gender": "M""#, "patients[0].gender: unknown key"),
        ("a value outside the fixed set", #""sex": "M""#, #""sex": "X""#,
         #"patients[0].sex: "X" is not one of "M", "V", "O""#),
        ("an unknown treatment status", #""status": "attended""#, #""status": "done""#,
         #"treatments[0].status: "done" is not one of "attended", "no_show", "cancelled""#),
        ("a missing required id", #""id": "t1", "#, "", "treatments[0].id: required"),
        ("a satisfaction with decimals", #""youthSatisfaction": 8"#, #""youthSatisfaction": 7.5"#,
         "episodes[0].cbs.outcome.youthSatisfaction: not a whole number: \"7.5\""),
        ("an unknown nested key", #""optIn": true"#, #""optIn": true, "optin": true"#, "practices[0].ldo.optin: unknown key"),
        ("a wrong format name", #""format": "loket-exchange/1""#, #""format": "loket/2""#,
         #"format: unknown format "loket/2"; expected "loket-exchange/1""#),
        ("an object where an array belongs", #""treatments": [{"#, #""treatments": {"x": [{"#,
         "treatments: expected an array, found an object"),
    ])
    func structural(_ name: String, _ find: String, _ replace: String, _ expected: String) {
        let text = sampleExchangeText.replacingFirst(find, with: replace)
            .replacingFirst(#""code": "074" }]"#, with: replace.hasPrefix(#""treatments": {"#) ? #""code": "074" }]}"# : #""code": "074" }]"#)
        #expect(text != sampleExchangeText, "\(name): the test edit applied")
        #expect(errors(of: text) == [expected], "\(name)")
    }

    @Test("Every error is reported, not only the first") func allErrors() {
        let text = sampleExchangeText
            .replacingFirst(#""birthDate": "2012-03-04""#, with: #""birthDate": "2012-02-30""#)
            .replacingFirst(#""date": "2026-02-01""#, with: #""date": 20260201"#)
            .replacingFirst(#""consent": "given""#, with: #""consent": "yes""#)
        #expect(errors(of: text) == [
            #"patients[0].birthDate: not a birth date (YYYY-MM-DD, or YYYY-MM or YYYY when the day or month is unknown): "2012-02-30""#,
            #"episodes[0].ldo.consent: "yes" is not one of "given", "refused", "not_asked""#,
            "treatments[0].date: expected a string, found a number",
        ])
    }

    @Test("Malformed JSON says line and column", arguments: [
        ("a missing comma", "{\n  \"format\": \"loket-exchange/1\"\n  \"practices\": []\n}", "malformed JSON at line 3, column 3: expected ',' or '}'"),
        ("a trailing comma", "{\"format\": \"loket-exchange/1\",}", "malformed JSON at line 1, column 31: expected a key in quotes"),
        ("a duplicate key", "{\"format\": \"a\", \"format\": \"b\"}", "malformed JSON at line 1, column 17: duplicate key \"format\""),
        ("cut off", "{\"format\": \"loket-", "malformed JSON at line 1, column 19: unterminated string"),
        ("empty", "", "malformed JSON at line 1, column 1: unexpected end of the document"),
        ("not an object", "[]", "expected an object, found an array"),
    ])
    func malformed(_ name: String, _ text: String, _ expected: String) {
        #expect(errors(of: text) == [expected], "\(name)")
    }

    @Test("Duplicate ids are errors") func duplicates() {
        let text = sampleExchangeText.replacingFirst(
            #""treatments": [{ "id": "t1", "episodeId": "ep1", "practitionerId": "e1", "date": "2026-02-01","#,
            with: #""treatments": [{ "id": "t1", "episodeId": "ep1", "date": "2026-02-02", "status": "no_show" }, { "id": "t1", "episodeId": "ep1", "practitionerId": "e1", "date": "2026-02-01","#)
        #expect(errors(of: text) == [#"treatments[1].id: duplicate id "t1" (also at treatments[0])"#])
    }

    @Test("References point to a record of the same practice") func references() throws {
        var doc = try ExchangeDocument.decode(Array(sampleExchangeText.utf8))
        doc.episodes[0].patientId = "pt9"
        doc.treatments[0].practitionerId = "e9"
        doc.treatments.append(.init(id: "t2", episodeId: "ep-old", date: LocalDate(iso: "2026-03-01")!, status: "attended"))
        #expect(doc.outsideReferences.patients == ["pt9"])
        #expect(doc.outsideReferences.episodes == ["ep-old"])
        let stored = ExchangeStoredRecords(employees: ["e9": "p2"], episodes: ["ep-old": "p1"])
        #expect(doc.referenceErrors(stored: stored).map(\.description) == [
            #"episodes[0].patientId: no patient with id "pt9""#,
            #"treatments[0].practitionerId: employee "e9" works for practice "p2", not "p1""#,
        ])
    }

    @Test("A duplicate key is found in small and in large objects", arguments: [3, 15, 16, 17, 40])
    func duplicateKeys(_ keys: Int) {
        // The parser compares the first 16 keys one by one and uses a set beyond them.
        for repeated in [0, keys - 1] {
            let members = (0..<keys).map { "\"k\($0)\": \($0)" } + ["\"k\(repeated)\": 0"]
            let text = "{" + members.joined(separator: ", ") + "}"
            do {
                _ = try JSONParser.parse(text)
                Issue.record("\(keys) keys, k\(repeated) twice: accepted")
            } catch {
                #expect("\(error)".contains("duplicate key \"k\(repeated)\""), "\(keys) keys: \(error)")
            }
        }
        let distinct = "{" + (0..<keys).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        #expect((try? JSONParser.parse(distinct)) != nil, "\(keys) distinct keys")
    }

    @Test("Strings are read as UTF-8: ASCII and accents as they are, broken bytes refused", arguments: [
        ("ASCII", [0x41, 0x42], "AB"),
        ("an accent", [0x5A, 0x6F, 0xC3, 0xAB], "Zoë"),
        ("an emoji", [0xF0, 0x9F, 0x98, 0x80], "😀"),
        ("a byte that is never UTF-8", [0x41, 0xFF], nil),
        ("a cut-off sequence", [0x5A, 0x6F, 0xC3], nil),
        ("an overlong slash", [0xC0, 0xAF], nil),
    ] as [(String, [UInt8], String?)])
    func utf8(_ name: String, _ content: [UInt8], _ expected: String?) {
        let bytes = Array(#"{"a": ""#.utf8) + content + Array(#""}"#.utf8)
        do {
            let value = try JSONParser.parse(bytes)
            guard case .object(let m) = value, case .string(let s) = m[0].value else { Issue.record("not an object"); return }
            #expect(s == expected, "\(name)")
        } catch {
            #expect(expected == nil, "\(name): \(error)")
            #expect("\(error)".contains("not valid UTF-8"), "\(name)")
        }
    }

    @Test("JSON strings with escapes survive a round trip") func escapes() throws {
        let value = try JSONParser.parse(#"{"a": "tab\there \"quoted\" \u00e9 \ud83d\ude00 / \\"}"#)
        guard case .object(let m) = value, case .string(let s) = m[0].value else { Issue.record("not an object"); return }
        #expect(s == "tab\there \"quoted\" é 😀 / \\")
        #expect(try JSONParser.parse(JSONWriter.write(value)) == value)
    }

    // The export's bytes must not change with the writer's fast path for strings without
    // escapes (ExchangeExport is byte-stable).
    @Test("A string is written with exactly these escapes", arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("é 😀 / ok", #""é 😀 / ok""#),
        ("a\"b", #""a\"b""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nreturn\rtab\t", #""line\nreturn\rtab\t""#),
        ("\u{08}\u{0C}\u{01}\u{1F}é", #""\u0008\u000c\u0001\u001fé""#),
    ])
    func stringEscapes(_ text: String, _ json: String) {
        var out = ""
        JSONWriter.writeString(text, into: &out)
        #expect(out == json)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
