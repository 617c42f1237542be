// 001: the audit log (NEN 7513) and API tokens. The log is a hash chain: each entry holds
// the hash of the one before, and `audit_head` holds the last sequence number and hash,
// so removing the newest entries is detected too. Appends lock the head row, which keeps
// the chain straight when several app instances write to one PostgreSQL.

import Fluent
import SQLKit

struct CreateAuditLog: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .field("seq", .int64, .identifier(auto: false))
            .field("at", .string, .required)
            .field("actor", .string, .required)
            .field("practice_id", .string)
            .field("action", .string, .required)
            .field("patient_id", .string)
            .field("detail", .string)
            .field("address", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        try await index(db, "audit_patient", on: "audit_entries", ["patient_id", "seq"])
        try await index(db, "audit_actor", on: "audit_entries", ["actor", "seq"])
        try await db.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        try await (db as! any SQLDatabase).insert(into: "audit_head")
            .columns("id", "seq", "hash").values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditChain.genesis)).run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_head").delete()
        try await db.schema("audit_entries").delete()
    }
}

struct CreateAPITokens: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("api_tokens")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            // nil: the token acts for every practice (a vendor's or IT department's).
            .field("practice_id", .string, .references("practices", "id"))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws { try await db.schema("api_tokens").delete() }
}
