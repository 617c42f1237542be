// Before a command runs: does the database answer, and is it migrated? Both failures end
// in one line that says what to do, instead of a driver's stack of errors.

import Fluent
import NIOPosix
import PostgresNIO
import SQLKit
import Vapor

public func checkDatabase(_ app: Application, command: String) async throws {
    let choice = app.loketOptions.database
    // A plain TCP connect first: when nothing listens, this says so in one line, before
    // the connection pool starts retrying and logging on its own.
    if case .postgres(let url) = choice, let c = URLComponents(string: url), let host = c.host {
        do {
            let channel = try await ClientBootstrap(group: app.eventLoopGroup)
                .connectTimeout(.seconds(5))
                .connect(host: host, port: c.port ?? 5432).get()
            try await channel.close()
        } catch {
            throw DatabaseUnavailable(description: "cannot reach the database (\(choice)): \(describe(error))")
        }
    }
    do {
        try await (app.db as! any SQLDatabase).raw("SELECT 1").run()
    } catch {
        throw DatabaseUnavailable(description: "cannot reach the database (\(choice)): \(describe(error))")
    }
    // PostgreSQL is migrated on purpose (`loket migrate`), since several instances may share it.
    if !choice.isSQLite, command != "migrate" {
        let row = try? await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM _fluent_migrations").first()
        guard let row else {
            throw DatabaseUnavailable(description: "the database (\(choice)) is not set up yet: run `loket migrate` first")
        }
        // A new release's migrations run on purpose too: an instance of it on an older schema
        // says so instead of failing on a missing column.
        if (try? row.decode(column: "n", as: Int.self)) ?? 0 < allMigrations.count {
            throw DatabaseUnavailable(description: "the database (\(choice)) is not up to date with this version of Loket: run `loket migrate` first")
        }
    }
}

struct DatabaseUnavailable: Error, CustomStringConvertible {
    let description: String
}

/// A short, human description of an error; PostgreSQL's own errors hide their cause
/// behind a generic text, so their reflection is searched for the useful part.
public func describe(_ error: any Error) -> String {
    if let psql = error as? PSQLError {
        if let server = psql.serverInfo?[.message] { return server }
        if let underlying = psql.underlying { return describe(underlying) }
        return "\(psql.code)"
    }
    let text = String(describing: error)
    // NIO's connection errors are long; what a user can act on is the kind of failure.
    if text.contains("Connection refused") || text.contains("errno: 111") { return "connection refused" }
    if text.contains("connectTimeout") || text.contains("timed out") { return "no answer (timed out)" }
    if text.contains("NXDOMAIN") || text.contains("Name or service not known") || text.contains("No address") || text.contains("unknown host") || text.contains("nodename") {
        return "unknown host"
    }
    return text
}

enum DatabaseCheck {
    /// One round trip: the database answers (GET /health).
    static func ping(_ db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("SELECT 1").run()
    }
}
