// 011: the audit chain keyed with a secret the database does not hold (AuditKey). The head
// records from which entry on the hashes are HMACs (`keyed_from`, the seq of the entry that
// says so) and a check value of the key (`key_check`, an HMAC of a fixed text), so that an
// instance started with another key refuses to write instead of breaking the chain.

import Fluent

struct AddAuditKey: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds one per ALTER TABLE.
        try await db.schema("audit_head").field("keyed_from", .int64).update()
        try await db.schema("audit_head").field("key_check", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_head").deleteField("key_check").update()
        try await db.schema("audit_head").deleteField("keyed_from").update()
    }
}
