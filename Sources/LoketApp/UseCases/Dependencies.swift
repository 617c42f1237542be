// What a use case takes from the world outside the database: the clock, the file system
// and fresh ids. The application holds one set (`app.dependencies`); a test replaces it to pin
// "today" or to make a file write fail, and every entry point then sees the same.

import Foundation
import LoketCore
import Vapor

struct Dependencies: Sendable {
    var clock: Clock
    var files: any FileSystem
    var ids: IDs
    /// Where practices' PVM folders may be (LOKET_PVM_ROOT); set by `configure`.
    var pvmRoot: PVMRoot

    static let live = Dependencies(clock: .system, files: LocalFileSystem(), ids: .random,
                                   pvmRoot: .configured(DirectoryConfiguration.detect()))
}

/// The moment now, and the Dutch calendar day it falls on.
struct Clock: Sendable {
    var now: @Sendable () -> Date
    /// The day it counts as today; the day of `now` unless pinned.
    var day: @Sendable () -> LocalDate

    var today: LocalDate { day() }

    static let system = Clock(now: { Date() }, day: { LocalDate.day(of: Date()) })

    /// A clock that always says noon of `date` (tests).
    static func fixed(_ date: LocalDate) -> Clock {
        let moment = LocalDate.noon(of: date)
        return Clock(now: { moment }, day: { date })
    }

    /// This clock's moments, with `date` as today (`--on YYYY-MM-DD`: the delivery counts as
    /// made on that day, and is recorded at the real moment it was made).
    func pinning(today date: LocalDate) -> Clock {
        Clock(now: now, day: { date })
    }
}

/// Fresh ids for deliveries: `cbs_` or `ldo_` and 16 hex digits.
struct IDs: Sendable {
    var next: @Sendable (_ prefix: String) -> String

    static let random = IDs(next: { $0 + randomHex(bytes: 8) })
}

extension LocalDate {
    /// Dutch practices, Dutch days: the calendar of Europe/Amsterdam, whatever the server's zone.
    static let dutchCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return calendar
    }()

    /// The Dutch day of `moment`.
    static func day(of moment: Date) -> LocalDate {
        let c = dutchCalendar.dateComponents([.year, .month, .day], from: moment)
        return LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 719_468)
    }

    /// Noon of `date`, Dutch time: a moment that falls on that day whatever daylight saving does.
    static func noon(of date: LocalDate) -> Date {
        let c = DateComponents(year: date.year, month: date.month, day: date.day, hour: 12)
        return dutchCalendar.date(from: c) ?? Date(timeIntervalSince1970: 0)
    }
}

extension Application {
    private struct DependenciesKey: StorageKey { typealias Value = Dependencies }

    var dependencies: Dependencies {
        get { storage[DependenciesKey.self] ?? .live }
        set { storage[DependenciesKey.self] = newValue }
    }
}

extension Request {
    var dependencies: Dependencies { application.dependencies }
}
