// Walks the whole audit chain in order and reports the first place where it is broken.

import Fluent
import Foundation
import SQLKit

enum AuditVerification {
    enum Result: Equatable, CustomStringConvertible {
        case intact(entries: Int64)
        case changed(seq: Int64)
        case missing(seq: Int64)
        case truncated(after: Int64, head: Int64)

        var description: String {
            switch self {
            case .intact(let n): "audit log intact: \(n) entries"
            case .changed(let s): "audit log broken: entry \(s) was changed"
            case .missing(let s): "audit log broken: entry \(s) is missing"
            case .truncated(let last, let head): "audit log broken: entries after \(last) up to \(head) were removed"
            }
        }
    }

    struct Row: Decodable {
        var seq: Int64, at: String, actor: String, practice_id: String?, action: String
        var patient_id: String?, detail: String?, address: String?, prev_hash: String, hash: String
    }

    static func verify(on db: any Database, pageSize: Int = 5000) async throws -> Result {
        let sql = db as! any SQLDatabase
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
                                                address: r.address, prev: prev)
                if r.prev_hash != prev || r.hash != hash { return .changed(seq: r.seq) }
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
