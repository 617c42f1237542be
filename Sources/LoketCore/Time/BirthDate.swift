// A birth date that may be partial, as the CBS protocol allows (spec/cbs-jeugdhulp.md §4,
// docs/cbs.md "Partial birth dates"): the whole date, or only the year and month (day
// unknown), or only the year. Stored and exchanged as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`;
// written to the CBS file as JJJJMMDD, JJJJMM00 or JJJJ0000. Never an invented day.

public struct BirthDate: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    /// Nil when the month is unknown (then the day is unknown too).
    public let month: Int?
    /// Nil when the day is unknown.
    public let day: Int?

    public init(_ date: LocalDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }

    private init(year: Int, month: Int?, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, strictly; a day that does not exist fails.
    public init?(text: some StringProtocol) {
        let u = Array(text.utf8)
        switch u.count {
        case 10:
            guard let date = LocalDate(iso: text) else { return nil }
            self.init(date)
        case 7:
            guard u[4] == UInt8(ascii: "-"), let y = LocalDate.number(u[0..<4]), let m = LocalDate.number(u[5..<7]),
                  (1...9999).contains(y), (1...12).contains(m) else { return nil }
            self.init(year: y, month: m, day: nil)
        case 4:
            guard let y = LocalDate.number(u[0..<4]), (1...9999).contains(y) else { return nil }
            self.init(year: y, month: nil, day: nil)
        default:
            return nil
        }
    }

    /// The whole date, when the day is known.
    public var date: LocalDate? {
        guard let month, let day else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    public var isPartial: Bool { day == nil }

    /// Within the years a date that comes in may have (LocalDate.supportedYears).
    public var isSupported: Bool { LocalDate.supportedYears.contains(year) }

    /// spec/cbs-jeugdhulp.md §8 — for the age rule, an unknown day counts as the last day of
    /// its month and an unknown month as 31 December: the youngest the patient can be, so
    /// nobody who may be under 18 is left out.
    public var youngestPossible: LocalDate {
        if let date { return date }
        let first = LocalDate.firstDay(year: year, month: month ?? 12)
        return first.lastOfMonth
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: as stored and exchanged.
    public var iso: String {
        let y = pad(year, 4)
        guard let month else { return y }
        guard let day else { return "\(y)-\(pad(month, 2))" }
        return "\(y)-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// JJJJMMDD, with 00 for what is unknown (the CBS file).
    public var compact: String {
        "\(pad(year, 4))\(pad(month ?? 0, 2))\(pad(day ?? 0, 2))"
    }

    public var description: String { iso }
}
