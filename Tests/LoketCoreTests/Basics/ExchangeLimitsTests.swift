// spec/exchange-format.md "Values": ids 64, names and e-mail 200, other text 500; no control
// characters in ids and codes; an error quotes at most 40 characters of the value. And the
// practice's LDO pseudonym key: 64 hex digits.

import Testing
@testable import LoketCore

@Suite("Exchange limits")
struct ExchangeLimitsTests {
    static func errors(_ find: String, _ replace: String) -> [String] {
        let text = sampleExchangeText.replacingFirst(find, with: replace)
        precondition(text != sampleExchangeText, "the edit applies: \(find)")
        do {
            _ = try ExchangeDocument.decode(Array(text.utf8))
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    static let a64 = String(repeating: "a", count: 64), a65 = String(repeating: "a", count: 65)

    @Test("Values at and over their limit", arguments: [
        ("an id of 64", #""id": "pt1""#, "\"id\": \"\(a64)\"", nil),
        ("an id of 65", #""id": "pt1""#, "\"id\": \"\(a65)\"", "patients[0].id: longer than 64 characters: \"" + String(repeating: "a", count: 40) + "…\""),
        ("a reference of 65", #""patientId": "pt1""#, "\"patientId\": \"\(a65)\"", "episodes[0].patientId: longer than 64 characters"),
        ("a name of 200", #""name": "Sam Jansen""#, "\"name\": \"\(String(repeating: "é", count: 200))\"", nil),
        ("a name of 201", #""name": "Sam Jansen""#, "\"name\": \"\(String(repeating: "é", count: 201))\"", "patients[0].name: longer than 200 characters"),
        ("a code of 501", #""postcode": "3511AB""#, "\"postcode\": \"\(String(repeating: "1", count: 501))\"", "patients[0].postcode: longer than 500 characters"),
        ("a NUL in an id", #""id": "pt1""#, #""id": "pt1\u0000""#, #"patients[0].id: holds a control character (such as NUL, tab or newline): "pt1\u{0}""#),
        ("a tab in a code", #""careType": "02""#, #""careType": "0\t2""#, "episodes[0].cbs.careType: holds a control character"),
        ("a newline in a BSN", #""bsn": "111222333""#, #""bsn": "111222333\n""#, "patients[0].bsn: holds a control character"),
        ("a tab in a name is text, not a code", #""name": "Sam Jansen""#, #""name": "Sam\tJansen""#, nil),
    ] as [(String, String, String, String?)])
    func limits(_ name: String, _ find: String, _ replace: String, _ expected: String?) {
        let found = Self.errors(find, replace)
        if let expected {
            #expect(found.count == 1 && found[0].hasPrefix(expected), "\(name): \(found)")
        } else {
            #expect(found.isEmpty, "\(name): \(found)")
        }
    }

    @Test("A 50 MB bad value gives a short message")
    func hugeValue() {
        let huge = String(repeating: "x", count: 50_000_000)
        let found = Self.errors(#""start": "2026-01-10""#, "\"start\": \"\(huge)\"")
        #expect(found.count == 1 && found[0].utf8.count < 200, "\(found.first?.prefix(200) ?? "")")
    }

    @Test("An unknown key of any length is named by its first 40 characters")
    func hugeKey() {
        let found = Self.errors(#""sex": "M""#, "\"sex\": \"M\", \"\(String(repeating: "k", count: 100_000))\": 1")
        #expect(found == ["patients[0]." + String(repeating: "k", count: 40) + "…: unknown key"])
    }

    @Test("Quoting: 40 characters at most, control characters visible", arguments: [
        ("abc", "\"abc\""), (String(repeating: "z", count: 41), "\"" + String(repeating: "z", count: 40) + "…\""),
        ("a\u{0}b\nc", #""a\u{0}b\u{a}c""#), ("", "\"\""),
    ])
    func quoting(_ value: String, _ expected: String) {
        #expect(TextLimit.quoted(value) == expected)
    }

    static let key = "9f2c" + String(repeating: "0", count: 60)

    @Test("The pseudonym key: 64 hex digits, kept lowercase, written back", arguments: [
        (key, key as String?, nil as String?),
        (key.uppercased(), key, nil),
        ("9f2c", nil, "practices[0].ldo.pseudonymKey: not 64 hexadecimal digits: \"9f2c\""),
        (String(repeating: "g", count: 64), nil, "practices[0].ldo.pseudonymKey: not 64 hexadecimal digits"),
    ])
    func pseudonymKey(_ given: String, _ stored: String?, _ expectedError: String?) {
        let text = sampleExchangeText.replacingFirst(#""optIn": true"#, with: "\"optIn\": true, \"pseudonymKey\": \"\(given)\"")
        do {
            let doc = try ExchangeDocument.decode(Array(text.utf8))
            #expect(expectedError == nil, "accepted \(given)")
            #expect(doc.practices[0].ldoPseudonymKey == stored)
            #expect(doc.text().contains(stored ?? "-"), "the export writes it")
        } catch {
            let messages = error.errors.map(\.description)
            #expect(messages.count == 1 && messages[0].hasPrefix(expectedError ?? "(no error expected)"), "\(messages)")
        }
    }
}
