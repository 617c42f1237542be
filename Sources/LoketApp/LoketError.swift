// The app's error: knows its HTTP status and its message. The error middleware renders it
// as JSON for the API and as a Dutch page for browsers.

import Vapor

struct LoketError: AbortError {
    let status: HTTPResponseStatus
    let reason: String

    static func unauthorized(_ reason: String) -> LoketError { .init(status: .unauthorized, reason: reason) }
    static func forbidden(_ reason: String) -> LoketError { .init(status: .forbidden, reason: reason) }
    static func notFound(_ reason: String) -> LoketError { .init(status: .notFound, reason: reason) }
    static func badRequest(_ reason: String) -> LoketError { .init(status: .badRequest, reason: reason) }
    static func conflict(_ reason: String) -> LoketError { .init(status: .conflict, reason: reason) }
}
