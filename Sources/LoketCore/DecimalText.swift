// A score as text in plain decimal notation: what xs:decimal in the LDO file and a JSON
// number in the exchange format both accept, and the same text for the same value, so an
// export → import → export round trip gives the same bytes.

import Foundation

public enum DecimalText {
    /// `7.5`, `12`, `-3.25`, `0.00001`: the shortest text that reads back as the same
    /// Double, without an exponent and without a trailing `.0`.
    public static func of(_ value: Double) -> String {
        var text = "\(value)"
        if text.contains("e") {
            // Swift writes 1e-05 and 1e+16; Decimal spells them out.
            text = Decimal(string: text).map { "\($0)" } ?? text
        }
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text == "-0" ? "0" : text
    }
}
