// Shared normalisation for identifiers typed by people: spaces, dots and dashes are
// layout, not part of the number ("1234.56.782" is the BSN 123456782).

enum Digits {
    /// The input without spaces, dots and dashes, if what remains is exactly `count`
    /// ASCII digits.
    static func exactly(_ count: Int, in raw: String) -> String? {
        // The common case, already clean: checked on the bytes, returned as it is (a delivery
        // checks a BSN and a postcode of every one of a million episodes).
        if raw.utf8.count == count && raw.utf8.allSatisfy({ (48...57).contains($0) }) { return raw }
        let kept = raw.unicodeScalars.filter { $0 != " " && $0 != "." && $0 != "-" && $0 != "\u{00A0}" }
        guard kept.count == count, kept.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(kept))
    }

    /// The input without layout characters, if it is 1 to `max` ASCII digits.
    static func upTo(_ max: Int, in raw: String) -> String? {
        let kept = raw.unicodeScalars.filter { $0 != " " && $0 != "." && $0 != "-" && $0 != "\u{00A0}" }
        guard (1...max).contains(kept.count), kept.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(kept))
    }
}
