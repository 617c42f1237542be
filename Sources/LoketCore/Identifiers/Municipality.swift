// A CBS gemeentecode (4 digits) with its name. Used for the CBS postcode fallback
// (spec/cbs-jeugdhulp.md §4: "if unknown: CBS gemeentecode") and for demo data.

public struct Municipality: Hashable, Sendable {
    public let code: String
    public let name: String
    public let province: String
    public let youthRegion: String

    /// The municipality with this code in the classification of `year`, if it exists.
    /// Only 2026 is shipped; other years use the nearest shipped list.
    public static func lookup(code: String, year: Int = 2026) -> Municipality? {
        list2026[code]
    }

    /// All municipalities of 2026, sorted by code (stable order for demo data).
    public static let all2026: [Municipality] = list2026.values.sorted { $0.code < $1.code }
}
