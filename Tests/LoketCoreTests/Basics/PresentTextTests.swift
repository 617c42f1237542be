import Testing
@testable import LoketCore

@Suite("Present text")
struct PresentTextTests {
    @Test("white space around a value is not part of it; nothing left is no value", arguments: [
        (nil as String?, nil as String?), ("", nil), ("   ", nil), ("\t\n", nil), ("a", "a"), ("1234AB", "1234AB"),
        (" 02", "02"), ("02 ", "02"), ("\tx y\n", "x y"), ("é", "é"), (" é ", "é"), ("\u{00A0}07\u{00A0}", "07"),
    ])
    func trims(_ raw: String?, _ expected: String?) {
        #expect(presentText(raw) == expected)
    }
}
