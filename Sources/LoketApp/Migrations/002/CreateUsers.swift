// 002: users, their roles per practice, the web sessions (in the database, so several
// app instances on one PostgreSQL share them) and the failed sign-in counter.

import Fluent
import SQLKit

struct CreateUsers: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("users")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await db.schema("memberships")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references("users", "id"))
            .field("practice_id", .string, .required, .references("practices", "id"))
            .field("role", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "practice_id")
            .create()
        try await index(db, "memberships_practice", on: "memberships", ["practice_id"])
    }

    func revert(on db: any Database) async throws {
        try await db.schema("memberships").delete()
        try await db.schema("users").delete()
    }
}

struct CreateSignInFailures: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("sign_in_failures")
            // The e-mail address tried (lower case); one row per address.
            .field("email", .string, .identifier(auto: false))
            .field("count", .int, .required)
            .field("last_at", .double, .required)
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("sign_in_failures").delete() }
}
