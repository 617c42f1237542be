// Walks the whole audit chain in order and reports the first place where it is broken.

import Crypto
import Fluent
import Foundation
import SQLKit

enum AuditVerification {
    enum Result: Equatable, CustomStringConvertible {
        case intact(entries: Int64)
        case changed(seq: Int64)
        case missing(seq: Int64)
        case truncated(after: Int64, head: Int64)
        /// The chain was never keyed (no Loket command has run on it since migration 011).
        case unkeyed
        /// The key given is not the one the chain was keyed with.
        case wrongKey

        var description: String {
            switch self {
            case .intact(let n): "audit log intact: \(n) entries"
            case .changed(let s): "audit log broken: entry \(s) was changed"
            case .missing(let s): "audit log broken: entry \(s) is missing"
            case .truncated(let last, let head): "audit log broken: entries after \(last) up to \(head) were removed"
            case .unkeyed: "audit log not keyed yet: start Loket once (serve or any other command) with its audit key"
            case .wrongKey: "audit key wrong: this is not the key the audit log is keyed with (LOKET_AUDIT_KEY or the key file)"
            }
        }
    }

    struct Row: Decodable {
        var seq: Int64, at: String, actor: String, practice_id: String?, action: String
        var patient_id: String?, detail: String?, address: String?, prev_hash: String, hash: String
    }

    /// Entries before the keying one are checked with SHA-256, the keying one and all after it
    /// with the HMAC under `key`; the keying entry must be where the head says and say so, so
    /// that moving the mark does not turn keyed entries into recomputable ones.
    static func verify(on db: any Database, key: SymmetricKey? = AuditKey.current, pageSize: Int = 5000) async throws -> Result {
        let sql = db as! any SQLDatabase
        guard let mark = try await sql.raw("SELECT keyed_from, key_check FROM audit_head WHERE id = 1").first() else {
            return .truncated(after: 0, head: -1)
        }
        guard let keyedFrom = try mark.decode(column: "keyed_from", as: Int64?.self) else { return .unkeyed }
        guard let key, try mark.decode(column: "key_check", as: String?.self) == AuditKey.check(key) else { return .wrongKey }
        var expectedSeq: Int64 = 1
        var prev = AuditChain.genesis
        while true {
            // Keyset pages: memory stays flat however long the log grows.
            let rows = try await sql.select().column("*").from("audit_entries")
                .where("seq", .greaterThanOrEqual, SQLBind(expectedSeq))
                .orderBy("seq").limit(pageSize)
                .all(decoding: Row.self)
            for r in rows {
                if r.seq != expectedSeq { return .missing(seq: expectedSeq) }
                let hash = AuditChain.entryHash(seq: r.seq, at: r.at, actor: r.actor, practiceID: r.practice_id,
                                                action: r.action, patientID: r.patient_id, detail: r.detail,
                                                address: r.address, prev: prev, key: r.seq >= keyedFrom ? key : nil)
                if r.prev_hash != prev || r.hash != hash { return .changed(seq: r.seq) }
                if r.seq == keyedFrom && r.action != AuditAction.auditKey.rawValue { return .changed(seq: r.seq) }
                prev = r.hash
                expectedSeq += 1
            }
            if rows.count < pageSize { break }
        }
        guard let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
            return .truncated(after: expectedSeq - 1, head: -1)
        }
        let headSeq = try head.decode(column: "seq", as: Int64.self)
        let headHash = try head.decode(column: "hash", as: String.self)
        if headSeq != expectedSeq - 1 || headHash != prev { return .truncated(after: expectedSeq - 1, head: headSeq) }
        return .intact(entries: headSeq)
    }
}
