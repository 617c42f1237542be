// Dutch postcode: four digits (not starting with 0) and two letters, written without a
// space in registry files ("1234 ab" → "1234AB"; spec/cbs-jeugdhulp.md §8).

public struct Postcode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        let kept = raw.unicodeScalars.filter { $0 != " " && $0 != "\u{00A0}" }
        guard kept.count == 6 else { return nil }
        let s = Array(kept)
        guard ("1"..."9").contains(s[0]),
              s[1...3].allSatisfy({ ("0"..."9").contains($0) }),
              s[4...5].allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) })
        else { return nil }
        value = String(String.UnicodeScalarView(kept)).uppercased()
    }

    public var description: String { value }
}
