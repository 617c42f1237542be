// A write transaction that first takes a named lock, and holds it until the commit.
// The lock is a row of delivery_locks, written as the transaction's first statement:
// - SQLite: that write takes the database's write lock at once (the effect of BEGIN
//   IMMEDIATE), so the transaction never has to upgrade a read to a write halfway, which
//   SQLite answers with "database is locked". Another process waits for it (busy_timeout)
//   instead of failing.
// - PostgreSQL: a row lock on the key, which every other connection and app instance waits
//   for; transactions with other keys go on side by side.
// The in-process DeliveryLock in front of it keeps waiters of one process off the pool.

import Fluent
import Foundation
import SQLKit

enum LockedTransaction {
    /// How long a delivery waits for another one with the same key (or, on SQLite, for any
    /// writer) before it gives up with a clear message.
    static let waitSeconds = 300

    static func run<T: Sendable>(_ key: String, on db: any Database, now: Date,
                                 _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            if sql.dialect.name == "sqlite" {
                // Per connection; it replaces SQLiteNIO's handler, which retries without sleeping.
                try await sql.raw("PRAGMA busy_timeout = \(literal: waitSeconds * 1000)").run()
            } else {
                try await sql.raw("SET LOCAL lock_timeout = \(literal: "\(waitSeconds)s")").run()
            }
            try await sql.raw("""
                INSERT INTO delivery_locks (key, taken_at) VALUES (\(bind: key), \(bind: now))
                ON CONFLICT (key) DO UPDATE SET taken_at = excluded.taken_at
                """).run()
            return try await body(tx)
        }
    }
}
