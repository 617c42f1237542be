// A calendar date without a time or a time zone. Registry rules speak of days
// ("younger than 18 on the start date", "ends on the first day of the period"); doing
// that with `Date` invites time-zone bugs around midnight, so the rules use this.

public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Fails for dates that do not exist (31 April, 29 February 2025).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.init(valid: year, month, day)
    }

    /// A date the arithmetic below has already made valid. Arithmetic never fails: a result
    /// past year 9999 or before year 1 is still a date value, so no input can make a rule
    /// crash; entry points keep input inside `supportedYears`, where results stay sensible.
    private init(valid year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The years a date that comes in (a form, the import, `--on`, the API) may have. The
    /// registries speak of people born since 1900 and deliveries for years to come; outside
    /// this range a date is a typing error (0001-01-01, 20026-…) and gets a clear message
    /// (docs/architecture.md, "Input that cannot crash").
    public static let supportedYears = 1900...2199

    /// Whether this date lies within `supportedYears`.
    public var isSupported: Bool { LocalDate.supportedYears.contains(year) }

    /// A date that comes in as text, judged once for every entry point.
    public enum Input: Equatable, Sendable {
        case date(LocalDate)
        /// Not `YYYY-MM-DD`, or a day that does not exist.
        case notADate
        /// A real date outside `supportedYears`.
        case outOfRange
    }

    /// Parses input text as `YYYY-MM-DD` within `supportedYears`.
    public static func input(_ text: some StringProtocol) -> Input {
        guard let date = LocalDate(iso: text) else { return .notADate }
        return date.isSupported ? .date(date) : .outOfRange
    }


    /// Parses the exchange format's `YYYY-MM-DD`, strictly (no time, no other separators).
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = LocalDate.number(u[0..<4]), let m = LocalDate.number(u[5..<7]),
              let d = LocalDate.number(u[8..<10]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses a compact `YYYYMMDD` (the CBS file format).
    public init?(compact text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 8, let y = LocalDate.number(u[0..<4]), let m = LocalDate.number(u[4..<6]),
              let d = LocalDate.number(u[6..<8]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`
    public var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// `YYYYMMDD`, the CBS file format (JJJJMMDD).
    public var compact: String { "\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))" }
    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first day of `month` (1–12) of `year`, for any year: the periods' arithmetic.
    public static func firstDay(year: Int, month: Int) -> LocalDate {
        LocalDate(valid: year, min(max(month, 1), 12), 1)
    }

    /// The first day of this date's month.
    public var firstOfMonth: LocalDate { LocalDate(valid: year, month, 1) }

    /// The last day of this date's month.
    public var lastOfMonth: LocalDate {
        LocalDate(valid: year, month, LocalDate.daysIn(month: month, year: year))
    }

    /// Moves by whole months; the day is clamped to the target month's length
    /// (31 March minus one month is 28 or 29 February).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let (y, r) = index.quotientAndRemainder(dividingBy: 12)
        let (year, m) = r < 0 ? (y - 1, r + 13) : (y, r + 1)
        return LocalDate(valid: year, m, min(day, LocalDate.daysIn(month: m, year: year)))
    }

    /// Moves by whole days.
    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar; differences are exact.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        let era = y / 400
        let yoe = y - era * 400
        let doy = (153 * m + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe
    }

    /// The UTC day of a moment given in whole seconds since 1970, and the second within that
    /// day (0–86,399), computed without a calendar or a formatter so it is the same on every
    /// machine. Moments before 1970 fall on the day before, not on 1970-01-01.
    public static func utc(secondsSince1970 seconds: Int) -> (day: LocalDate, secondOfDay: Int) {
        let (days, second) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (d, s) = second < 0 ? (days - 1, second + 86_400) : (days, second)
        return (LocalDate(dayNumber: epochDayNumber + d), s)
    }

    /// 1970-01-01 as a day number.
    private static let epochDayNumber = LocalDate(valid: 1970, 1, 1).dayNumber

    public init(dayNumber z: Int) {
        let era = z / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(valid: y, m, d)
    }

    /// The day on which someone born on this date reaches `years` of age. Someone born on
    /// 29 February reaches it on 28 February in a year without 29 February
    /// (spec/cbs-jeugdhulp.md §8, selection).
    public func anniversary(_ years: Int) -> LocalDate {
        let y = year + years
        return LocalDate(valid: y, month, min(day, LocalDate.daysIn(month: month, year: y)))
    }

    /// Whole years of age on `date` for someone born on `self`.
    public func age(on date: LocalDate) -> Int {
        var years = date.year - year
        if years > 0 && anniversary(years) > date { years -= 1 }
        return years
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a date (YYYY-MM-DD): \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    /// The number an all-digit run of ASCII bytes spells, or nil (shared with BirthDate).
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var n = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }
}

/// `n` with leading zeros to `width` digits (shared with BirthDate).
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
