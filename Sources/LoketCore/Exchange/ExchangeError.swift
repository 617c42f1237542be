// One structural problem in an exchange document, with the JSON path where it is
// (`episodes[12].start: not a date`). The import reports all of them, not only the first.

public struct ExchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// All problems of a rejected document, in document order.
public struct ExchangeErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [ExchangeError]
    public init(_ errors: [ExchangeError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
