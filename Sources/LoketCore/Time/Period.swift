// Delivery periods (aanleverperiodes). CBS jeugdhulp delivers per half year
// (spec/cbs-jeugdhulp.md §1: JH-1 = Jan–Jun, JH-2 = Jul–Dec; quarters are legacy), LDO
// over three whole calendar months (spec/ldo.md §5).

/// An inclusive range of days.
public struct DateRange: Hashable, Sendable, Codable {
    public let start: LocalDate
    public let end: LocalDate

    public init(start: LocalDate, end: LocalDate) {
        precondition(start <= end, "a range starts before it ends")
        self.start = start
        self.end = end
    }

    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }

    /// Whether a run from `from` to `to` (nil = still running) shares a day with this range:
    /// `from <= end AND (to IS NULL OR to >= start)` (spec/cbs-jeugdhulp.md §3).
    public func overlaps(from: LocalDate, to: LocalDate?) -> Bool {
        from <= end && (to.map { $0 >= start } ?? true)
    }
}

/// A half year: JH-1 (1 January – 30 June) or JH-2 (1 July – 31 December).
public struct HalfYear: Hashable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let half: Int

    public init?(year: Int, half: Int) {
        guard (1900...9999).contains(year), half == 1 || half == 2 else { return nil }
        self.year = year
        self.half = half
    }

    /// The half year that contains `date`.
    public init(containing date: LocalDate) {
        self.year = date.year
        self.half = date.month <= 6 ? 1 : 2
    }

    public var range: DateRange {
        let first = LocalDate.firstDay(year: year, month: half == 1 ? 1 : 7)
        return DateRange(start: first, end: first.adding(months: 5).lastOfMonth)
    }

    /// The previous half year, whose full re-delivery (herlevering) CBS asks for each time.
    public var previous: HalfYear {
        half == 2 ? HalfYear(unchecked: year, 1) : HalfYear(unchecked: year - 1, 2)
    }

    /// For arithmetic on a valid half year: 1900's previous half year is 1899's second.
    private init(unchecked year: Int, _ half: Int) {
        self.year = year
        self.half = half
    }

    /// Delivery deadline: three weeks after the period ends (spec/cbs-jeugdhulp.md §1).
    public var deadline: LocalDate { range.end.adding(days: 21) }

    /// `JH-1 2026`
    public var description: String { "JH-\(half) \(year)" }
}

/// A calendar quarter (legacy for jeugdhulp: only 2015 Q1 was delivered per quarter).
public struct Quarter: Hashable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let quarter: Int

    public init?(year: Int, quarter: Int) {
        guard (1900...9999).contains(year), (1...4).contains(quarter) else { return nil }
        self.year = year
        self.quarter = quarter
    }

    public var range: DateRange {
        let first = LocalDate.firstDay(year: year, month: (quarter - 1) * 3 + 1)
        return DateRange(start: first, end: first.adding(months: 2).lastOfMonth)
    }

    public var description: String { "Q\(quarter) \(year)" }
}

/// A calendar month.
public struct Month: Hashable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public init(containing date: LocalDate) {
        self.year = date.year
        self.month = date.month
    }

    public var range: DateRange {
        let first = LocalDate.firstDay(year: year, month: month)
        return DateRange(start: first, end: first.lastOfMonth)
    }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
}
