import Testing
@testable import LoketCore

@Suite("Identifiers")
struct IdentifierTests {
    @Test("BSN", arguments: [
        ("a valid BSN", "111222333", "111222333", nil),
        ("a valid BSN with dots", "1112.22.333", "111222333", nil),
        ("a valid BSN with spaces", " 111 222 333 ", "111222333", nil),
        ("another valid BSN", "123456782", "123456782", nil),
        ("one digit changed fails the elfproef", "123456783", nil, BSN.Problem.failsElfproef),
        ("eight digits", "12345678", nil, .notNineDigits),
        ("ten digits", "1234567890", nil, .notNineDigits),
        ("letters", "12345678a", nil, .notNineDigits),
        ("empty", "", nil, .notNineDigits),
        ("the unknown placeholder is no BSN", "999999999", nil, .failsElfproef),
        ("the unborn placeholder is no BSN", "000000000", nil, .failsElfproef),
    ] as [(String, String, String?, BSN.Problem?)])
    func bsn(_ name: String, _ raw: String, _ expected: String?, _ problem: BSN.Problem?) {
        switch BSN.validate(raw) {
        case .success(let bsn):
            #expect(bsn.value == expected, "\(name)")
            #expect(problem == nil, "\(name)")
        case .failure(let p):
            #expect(p == problem, "\(name)")
            #expect(expected == nil, "\(name)")
        }
    }

    @Test("Fixed-length codes", arguments: [
        ("AGB of 8 digits", "agb", "07012345", "07012345"),
        ("AGB of 7 digits", "agb", "0701234", nil),
        ("AGB with letters", "agb", "0701234x", nil),
        ("BIG of 11 digits", "big", "19012345601", "19012345601"),
        ("BIG of 10 digits", "big", "1901234560", nil),
        ("KvK of 8 digits", "kvk", "12345678", "12345678"),
        ("KvK with a space", "kvk", "1234 5678", "12345678"),
        ("KvK of 9 digits", "kvk", "123456789", nil),
        ("KvK empty", "kvk", "", nil),
    ])
    func codes(_ name: String, _ kind: String, _ raw: String, _ expected: String?) {
        let value: String? = switch kind {
        case "agb": AGBCode(raw)?.value
        case "big": BIGNumber(raw)?.value
        default: KvKNumber(raw)?.value
        }
        #expect(value == expected, "\(name)")
    }

    @Test("Postcode", arguments: [
        ("already normal", "3511AB", "3511AB"),
        ("lower case with a space", "1234 ab", "1234AB"),
        ("mixed case, two spaces", "1234  aB", "1234AB"),
        ("starts with 0", "0123AB", nil),
        ("three digits", "123AB", nil),
        ("one letter", "1234A", nil),
        ("digits only", "123456", nil),
        ("accented letter", "1234ÄB", nil),
        ("empty", "", nil),
    ])
    func postcode(_ name: String, _ raw: String, _ expected: String?) {
        #expect(Postcode(raw)?.value == expected, "\(name)")
    }

    @Test("CBS correspondence number", arguments: [
        ("short input is padded", "4711", "0000004711"),
        ("ten digits stay", "1234567890", "1234567890"),
        ("one digit", "7", "0000000007"),
        ("eleven digits", "12345678901", nil),
        ("letters", "47a1", nil),
        ("empty", "", nil),
    ])
    func correspondence(_ name: String, _ raw: String, _ expected: String?) {
        #expect(CBSCorrespondenceNumber(raw)?.value == expected, "\(name)")
    }

    @Test("Municipality codes of 2026")
    func municipalities() {
        #expect(Municipality.all2026.count == 342)
        #expect(Municipality.lookup(code: "0344")?.name == "Utrecht")
        #expect(Municipality.lookup(code: "9999") == nil)
    }
}
