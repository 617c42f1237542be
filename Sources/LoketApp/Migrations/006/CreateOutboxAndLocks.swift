// 006: crash-safe delivery files and locks that hold across processes
// (docs/architecture.md, "Deliveries that no crash or race can break").
// - delivery_files, the outbox: for every delivery that must stand as a file (the PVM folder,
//   or a CLI's --output), where and which bytes (SHA-256); written_at stays empty until the
//   file is durably in place. It is filled in the delivery's own transaction.
// - delivery_locks: one row per lock key ("cbs:PRACTICE:2026-1", "ldo:PRACTICE"). A use case
//   writes its key's row first in its transaction: on SQLite that write takes the database's
//   write lock at the start (what BEGIN IMMEDIATE does), on PostgreSQL a row lock that other
//   instances wait for.
// - ldo_deliveries.file_head/file_tail: the LDO file is the head, then the records of
//   ldo_delivery_episodes in episode order, then the tail; the records are stored already.
// - cbs_deliveries.file_sha256 and ldo_deliveries.file_sha256: the file's hash for the lists.

import Fluent
import SQLKit

struct CreateOutboxAndLocks: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("delivery_files")
            .field("delivery_id", .string, .identifier(auto: false))
            .field("registry", .string, .required)
            .field("lock_key", .string, .required)
            .field("path", .string, .required)
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("made_at", .datetime, .required)
            .field("written_at", .datetime)
            .create()
        try await index(db, "delivery_files_pending", on: "delivery_files", ["written_at", "made_at"])
        try await db.schema("delivery_locks")
            .field("key", .string, .identifier(auto: false))
            .field("taken_at", .datetime, .required)
            .create()
        try await db.schema("ldo_deliveries").field("file_head", .string).update()
        try await db.schema("ldo_deliveries").field("file_tail", .string).update()
        try await db.schema("ldo_deliveries").field("file_sha256", .string).update()
        try await db.schema("cbs_deliveries").field("file_sha256", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cbs_deliveries").deleteField("file_sha256").update()
        try await db.schema("ldo_deliveries").deleteField("file_sha256").update()
        try await db.schema("ldo_deliveries").deleteField("file_tail").update()
        try await db.schema("ldo_deliveries").deleteField("file_head").update()
        try await db.schema("delivery_locks").delete()
        try await db.schema("delivery_files").delete()
    }
}
