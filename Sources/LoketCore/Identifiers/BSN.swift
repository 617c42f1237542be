// Burgerservicenummer: 9 digits that pass the elfproef (11-test). CBS also accepts two
// placeholders (spec/cbs-jeugdhulp.md §4): 999999999 for unknown and 000000000 for an
// unborn child; they are not BSNs, so `BSN` rejects them and the CBS rule allows them.

public struct BSN: Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Error, Equatable, Sendable {
        case notNineDigits
        case failsElfproef
    }

    /// The nine digits.
    public let value: String

    /// CBS placeholder for an unknown BSN.
    public static let unknownPlaceholder = "999999999"
    /// CBS placeholder for an unborn child (since 2016).
    public static let unbornPlaceholder = "000000000"

    public init?(_ raw: String) {
        guard case .success(let bsn) = BSN.validate(raw) else { return nil }
        self = bsn
    }

    private init(checked value: String) { self.value = value }

    public static func validate(_ raw: String) -> Result<BSN, Problem> {
        guard let digits = Digits.exactly(9, in: raw) else { return .failure(.notNineDigits) }
        guard digits != unbornPlaceholder, passesElfproef(digits) else { return .failure(.failsElfproef) }
        return .success(BSN(checked: digits))
    }

    /// The elfproef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11.
    public static func passesElfproef(_ nineDigits: String) -> Bool {
        let d = nineDigits.utf8.map { Int($0) - 48 }
        guard d.count == 9, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for i in 0..<8 { sum += (9 - i) * d[i] }
        sum -= d[8]
        return sum % 11 == 0
    }

    public var description: String { value }
}
