// The fixed-length registration numbers of practices and practitioners. Each is a string
// of digits, not a number: leading zeros matter (AGB codes of oefentherapeuten start 07…).

/// AGB code (Algemeen GegevensBeheer zorgverleners): 8 digits, for a practice or a practitioner.
public struct AGBCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public init?(_ raw: String) {
        guard let d = Digits.exactly(8, in: raw) else { return nil }
        value = d
    }
    public var description: String { value }
}

/// BIG number (Beroepen in de Individuele Gezondheidszorg): 11 digits.
public struct BIGNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public init?(_ raw: String) {
        guard let d = Digits.exactly(11, in: raw) else { return nil }
        value = d
    }
    public var description: String { value }
}

/// KvK number (Kamer van Koophandel): 8 digits.
public struct KvKNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public init?(_ raw: String) {
        guard let d = Digits.exactly(8, in: raw) else { return nil }
        value = d
    }
    public var description: String { value }
}

/// CBS correspondentienummer: up to 10 digits, always shown and delivered left-padded
/// with zeros to 10 (spec/cbs-jeugdhulp.md §2: "4711" → "0000004711").
public struct CBSCorrespondenceNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public init?(_ raw: String) {
        guard let d = Digits.upTo(10, in: raw) else { return nil }
        value = String(repeating: "0", count: 10 - d.count) + d
    }
    public var description: String { value }
}
