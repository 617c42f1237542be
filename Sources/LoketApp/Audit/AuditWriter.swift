// Group commit for the audit log. Every page that shows patient data writes an entry, and
// the hash chain makes those writes one at a time, each its own commit with its own wait
// for the disk. Under load the entries that arrive while one commit runs are written
// together in the next: one transaction, one disk wait, for all of them. A request still
// waits until its entry is committed, so no page shows data whose reading is not logged.
// Changes keep writing their entry in their own transaction (Request.auditedChange).

import Fluent
import Vapor

actor AuditWriter {
    private let db: any Database
    private var pending: [(event: AuditEvent, done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(db: any Database) { self.db = db }

    func append(_ event: AuditEvent) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((event, done))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await db.transaction { tx in try await AuditChain.appendLocked(batch.map(\.event), on: tx) }
                for entry in batch { entry.done.resume() }
            } catch {
                for entry in batch { entry.done.resume(throwing: error) }
            }
        }
        flushing = false
    }
}

extension Application {
    private struct AuditWriterKey: StorageKey { typealias Value = AuditWriter }

    var auditWriter: AuditWriter {
        if let writer = storage[AuditWriterKey.self] { return writer }
        let writer = AuditWriter(db: db)
        storage[AuditWriterKey.self] = writer
        return writer
    }
}

extension Request {
    /// Logs `event` (a view, a download, a delivery made outside a change), group-committed.
    func audit(_ event: AuditEvent) async throws {
        try await application.auditWriter.append(event)
    }
}
