// A CBS gemeentecode (4 digits) with its name. Used for the CBS postcode fallback
// (spec/cbs-jeugdhulp.md §4: "if unknown: CBS gemeentecode") and for demo data.

public struct Municipality: Hashable, Sendable {
    public let code: String
    public let name: String
    public let province: String
    public let youthRegion: String

    /// The years whose classification is shipped: a code of a delivery year from the first
    /// of these on is checked against its list (the nearest shipped one for later years).
    public static let shippedYears = 2026...2026

    /// The municipality with this code in the classification of `year`, if it exists.
    /// Only 2026 is shipped; other years use the nearest shipped list.
    public static func lookup(code: String, year: Int = 2026) -> Municipality? {
        list2026[code]
    }

    /// Whether a delivery year's codes can be checked: its list, or a later one, is shipped.
    /// Older periods use codes that have since merged away, so those are checked for their
    /// form only.
    public static func isChecked(year: Int) -> Bool { year >= shippedYears.lowerBound }

    /// All municipalities of 2026, sorted by code (stable order for demo data).
    public static let all2026: [Municipality] = list2026.values.sorted { $0.code < $1.code }
}
