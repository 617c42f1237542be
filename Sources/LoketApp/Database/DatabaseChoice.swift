// Which database Loket uses, from DATABASE_URL: absent → a SQLite file `loket.sqlite` in
// the working directory; `sqlite:///path/file.sqlite`; `postgres://user:pass@host:port/db`.

import Foundation

public enum DatabaseChoice: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let defaultSQLitePath = "loket.sqlite"

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public static func from(environment value: String?) throws -> DatabaseChoice {
        guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            return .sqlite(path: defaultSQLitePath)
        }
        if raw.hasPrefix("sqlite://") {
            // sqlite:///abs/path or sqlite://relative/path
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw Invalid(description: "DATABASE_URL \"sqlite://\" names no file; use sqlite:///path/to/loket.sqlite") }
            return .sqlite(path: path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            return .postgres(url: raw)
        }
        throw Invalid(description: "DATABASE_URL must start with sqlite:// or postgres:// (got \"\(redacted(raw))\")")
    }

    public var isSQLite: Bool { if case .sqlite = self { true } else { false } }

    /// Where the database is, without a password: safe for logs and error messages.
    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite \(path)"
        case .postgres(let url): "PostgreSQL \(Self.redacted(url))"
        }
    }

    static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return "…" }
        if c.password != nil { c.password = "***" }
        return c.string ?? "…"
    }
}
