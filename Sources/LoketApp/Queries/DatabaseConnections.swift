// How the database's connections are used, for /metrics: on PostgreSQL, its own view of
// the connections to Loket's database by state (active: running a statement; idle: open in
// a pool; "idle in transaction": holding a transaction, such as a delivery waiting for its
// lock). That is every instance's pool together, as the server sees it, which is what an
// operator sizes max_connections by. SQLite has no server: its pool is the open files.

import SQLKit

enum DatabaseConnections {
    struct State: Decodable, Equatable {
        var state: String
        var count: Int
    }

    /// The connections to the current database by state, or none on SQLite.
    static func byState(on db: any SQLDatabase) async throws -> [State] {
        guard db.dialect.name != "sqlite" else { return [] }
        return try await db.raw("""
            SELECT COALESCE(state, 'unknown') AS state, COUNT(*) AS count FROM pg_stat_activity
            WHERE datname = current_database() GROUP BY 1 ORDER BY 1
            """).all(decoding: State.self)
    }
}
