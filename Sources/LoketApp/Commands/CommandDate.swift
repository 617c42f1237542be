// Dates given on the command line (`--on`, `--today`): YYYY-MM-DD within the supported
// years, or a clear failure (exit 1), never a crash.

import LoketCore
import Vapor

func commandDate(_ text: String, option: String) throws -> LocalDate {
    switch LocalDate.input(text) {
    case .date(let date): return date
    case .notADate: throw CommandFailure("\(option): not a date (YYYY-MM-DD): \"\(text)\"")
    case .outOfRange:
        throw CommandFailure("\(option): \(text) lies outside the years \(LocalDate.supportedYears.lowerBound)–\(LocalDate.supportedYears.upperBound)")
    }
}

extension Application {
    /// The command line's use-case context; `--on YYYY-MM-DD` pins the day it counts as today.
    func useCase(on text: String?) throws -> UseCaseContext {
        var context = useCase()
        if let text { context.dependencies.clock = context.dependencies.clock.pinning(today: try commandDate(text, option: "--on")) }
        return context
    }
}
