// The audit log as a hash chain. Each entry's hash covers its own fields and the hash
// before it; `audit_head` keeps the newest sequence number and hash. Changing an entry
// breaks its hash, removing one breaks the sequence, removing the newest ones no longer
// matches the head: `loket audit verify` finds all three. From the keying entry on
// (AuditKey) the hashes are HMACs, so someone who can write the database but has not the key
// cannot recompute them.

import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    /// Appends `event` inside the caller's transaction (so the entry and the change it
    /// records commit together), or in a transaction of its own.
    static func append(_ event: AuditEvent, on db: any Database) async throws {
        if db.inTransaction {
            try await appendLocked(event, on: db)
        } else {
            try await db.transaction { try await appendLocked(event, on: $0) }
        }
    }

    private static func appendLocked(_ event: AuditEvent, on db: any Database) async throws {
        try await appendLocked([event], on: db)
    }

    /// Appends `events` in order, inside the caller's transaction: one head update and one
    /// insert for all of them (AuditWriter's group commit).
    static func appendLocked(_ events: [AuditEvent], on db: any Database) async throws {
        guard !events.isEmpty else { return }
        let sql = db as! any SQLDatabase
        // Taking the head row for update serialises appends across connections and app
        // instances (a row lock on PostgreSQL, the write lock on SQLite).
        guard let head = try await sql.raw("UPDATE audit_head SET seq = seq + \(literal: events.count) WHERE id = 1 RETURNING seq, hash, keyed_from").first() else {
            throw Abort(.internalServerError, reason: "audit log head is missing")
        }
        var seq = try head.decode(column: "seq", as: Int64.self) - Int64(events.count)
        var prev = try head.decode(column: "hash", as: String.self)
        // From the keying entry on, every hash is an HMAC under the audit key (AuditKey).
        let keyedFrom = try head.decode(column: "keyed_from", as: Int64?.self)
        let key = AuditKey.current
        if keyedFrom != nil && key == nil {
            throw Abort(.internalServerError, reason: "the audit log is keyed, and this process has no audit key")
        }
        let at = timestamp(Date())
        var insert = sql.insert(into: "audit_entries")
            .columns("seq", "at", "actor", "practice_id", "action", "patient_id", "detail", "address", "prev_hash", "hash")
        for event in events {
            seq += 1
            let hash = entryHash(seq: seq, at: at, event: event, prev: prev, key: keyedFrom.map { seq >= $0 } == true ? key : nil)
            insert = insert.values(SQLBind(seq), SQLBind(at), SQLBind(event.actor), SQLBind(event.practiceID),
                                   SQLBind(event.action.rawValue), SQLBind(event.patientID), SQLBind(event.detail),
                                   SQLBind(event.address), SQLBind(prev), SQLBind(hash))
            prev = hash
        }
        try await insert.run()
        try await sql.update("audit_head").set("hash", to: SQLBind(prev)).where("id", .equal, SQLBind(1)).run()
    }

    static func entryHash(seq: Int64, at: String, event: AuditEvent, prev: String, key: SymmetricKey?) -> String {
        entryHash(seq: seq, at: at, actor: event.actor, practiceID: event.practiceID, action: event.action.rawValue,
                  patientID: event.patientID, detail: event.detail, address: event.address, prev: prev, key: key)
    }

    /// SHA-256 of the fields, or with `key` their HMAC-SHA256 (entries from the keying one on).
    static func entryHash(seq: Int64, at: String, actor: String, practiceID: String?, action: String,
                          patientID: String?, detail: String?, address: String?, prev: String, key: SymmetricKey?) -> String {
        // Unit separators keep "a|b" + "c" apart from "a" + "b|c"; "\u{0}" marks nil.
        let fields = [String(seq), at, actor, practiceID ?? "\u{0}", action, patientID ?? "\u{0}",
                      detail ?? "\u{0}", address ?? "\u{0}", prev]
        let data = Data(fields.joined(separator: "\u{1F}").utf8)
        if let key { return Data(HMAC<SHA256>.authenticationCode(for: data, using: key)).hex }
        return SHA256.hash(data: data).hex
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
