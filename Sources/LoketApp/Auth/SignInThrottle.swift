// Repeated failed sign-ins are slowed down: after 5 failures for one e-mail address, each
// next attempt waits longer (30 s, 1 min, 2 min, … up to 15 min). The counter lives in
// the database, so it holds across app instances; a successful sign-in resets it.

import Fluent
import Foundation
import SQLKit

enum SignInThrottle {
    static let freeAttempts = 5
    static let maxWait: TimeInterval = 15 * 60

    /// Seconds the address must still wait before the next attempt, or 0.
    static func wait(for email: String, on db: any Database, now: Date = Date()) async throws -> TimeInterval {
        let sql = db as! any SQLDatabase
        guard let row = try await sql.select().columns("count", "last_at").from("sign_in_failures")
            .where("email", .equal, SQLBind(email)).first() else { return 0 }
        let count = try row.decode(column: "count", as: Int.self)
        let last = try row.decode(column: "last_at", as: Double.self)
        guard count >= freeAttempts else { return 0 }
        let wait = min(maxWait, 30 * pow(2, Double(count - freeAttempts)))
        return max(0, last + wait - now.timeIntervalSince1970)
    }

    static func failed(_ email: String, on db: any Database, now: Date = Date()) async throws {
        let sql = db as! any SQLDatabase
        try await sql.insert(into: "sign_in_failures").columns("email", "count", "last_at")
            .values(SQLBind(email), SQLBind(1), SQLBind(now.timeIntervalSince1970))
            .onConflict(with: ["email"]) {
                $0.set("count", to: SQLRaw("sign_in_failures.count + 1")).set(excludedValueOf: "last_at")
            }
            .run()
    }

    static func succeeded(_ email: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: "sign_in_failures").where("email", .equal, SQLBind(email)).run()
    }
}
