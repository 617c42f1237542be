// When a definitive delivery may be made (spec/cbs-jeugdhulp.md §1, written out in
// docs/cbs.md "When Definitief may be made"): CBS processes only the latest period that has
// ended and the one before it, a running period has no complete data yet, and a file
// without records replaces a period's data by nothing.

extension CBS {
    /// Why a definitive delivery is refused.
    public enum FinalRefusal: Equatable, Sendable {
        /// The period has not ended on `today` (it ends on `ends`).
        case notEnded(ends: LocalDate)
        /// CBS no longer processes the period: only `latest` and the one before it.
        case noLongerProcessed(latest: HalfYear)
        /// Nothing in the period is deliverable.
        case noRecords

        /// The Dutch reason, shown by the page and, as it is, by the CLI and the API.
        public var message: String {
            switch self {
            case .notEnded(let ends):
                "de periode loopt nog (tot en met \(ends.iso)): een definitieve aanlevering kan pas als de periode voorbij is"
            case .noLongerProcessed(let latest):
                "CBS verwerkt alleen \(latest) en \(latest.previous): deze periode wordt niet meer aangenomen"
            case .noRecords:
                "er is niets aan te leveren: geen enkele rij is aanleverbaar"
            }
        }
    }

    /// The latest half year that has ended on `today`: the one before the half year `today` is in.
    public static func latestEndedPeriod(today: LocalDate) -> HalfYear {
        HalfYear(containing: today).previous
    }

    /// spec/cbs-jeugdhulp.md §1 — a definitive delivery only for a period that has ended,
    /// and only for the latest ended period or the one before it. Nil: allowed.
    public static func finalRefusal(period: HalfYear, today: LocalDate) -> FinalRefusal? {
        if today <= period.range.end { return .notEnded(ends: period.range.end) }
        let latest = latestEndedPeriod(today: today)
        guard period == latest || period == latest.previous else { return .noLongerProcessed(latest: latest) }
        return nil
    }

    /// spec/cbs-jeugdhulp.md §1 — never a definitive file with no records.
    public static func finalRefusal(records: Int) -> FinalRefusal? {
        records == 0 ? .noRecords : nil
    }
}
