// The outbox: a delivery's file is written from the bytes stored with it, after the commit.
// So a killed process leaves either no delivery and no file, or a delivery whose file is
// still to be written — never a file under its final name that Loket does not know of
// (PVM would send it), nor a delivery recorded without its file. `finish` writes what a
// crash left and removes our orphaned temporary files; `serve` runs it at start and on a
// schedule, every delivery runs it first (docs/architecture.md, "The outbox").

import Crypto
import Fluent
import Foundation
import Logging
import SQLKit

enum Outbox {
    enum Registry: String {
        case cbs, ldo
    }

    struct WriteFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Records, inside the delivery's transaction, that its file must stand at `path`.
    static func record(delivery id: String, registry: Registry, lockKey: String, path: String, sha256: String,
                       size: Int, madeAt: Date, on tx: any Database) async throws {
        let entry = DeliveryFile()
        entry.id = id
        entry.registry = registry.rawValue
        entry.lockKey = lockKey
        entry.path = path
        entry.sha256 = sha256
        entry.size = Int64(size)
        entry.madeAt = madeAt
        try await entry.create(on: tx)
    }

    /// Writes the file of delivery `id` if it is still to be written. The caller holds the
    /// in-process lock of the entry's key (DeliveryLock); this takes the database's.
    static func write(_ id: String, dependencies: Dependencies, on db: any Database) async throws {
        guard let key = try await DeliveryFile.find(id, on: db)?.lockKey else { return }
        try await LockedTransaction.run(key, on: db, now: dependencies.clock.now()) { tx in
            // Read again under the lock: another process may have written it meanwhile.
            guard let entry = try await DeliveryFile.find(id, on: tx), entry.writtenAt == nil else { return }
            let files = dependencies.files
            // A crash after the rename and before this row was marked: the file is there.
            if files.sha256(ofFileAt: entry.path) != entry.sha256 {
                try files.removeFile(entry.path + ".partial")
                try await files.writeDurably(entry.path) { sink in
                    var hash = SHA256()
                    var size = 0
                    try await bytes(of: entry, on: tx) { piece in
                        hash.update(data: piece)
                        size += piece.count
                        try sink.write(piece)
                    }
                    // The bytes are rebuilt from what was stored; they must be the ones hashed
                    // when the delivery was made, or the file is not written at all.
                    guard hash.finalize().hex == entry.sha256, size == entry.size else {
                        throw WriteFailure(description: "the stored file of \(id) no longer matches its SHA-256")
                    }
                }
            }
            entry.writtenAt = dependencies.clock.now()
            try await entry.save(on: tx)
        }
    }

    /// Writes every file a crash (or a full disk, or a folder gone) left unwritten, oldest
    /// first, and removes orphaned `.partial` files of ours from the practices' PVM folders.
    /// Returns what could not be done, one line each; the rest is done regardless.
    @discardableResult
    static func finish(dependencies: Dependencies, on db: any Database, logger: Logger) async throws -> [String] {
        var problems: [String] = []
        var stillPending: Set<String> = []
        let pending = try await DeliveryFile.query(on: db).filter(\.$writtenAt == nil).sort(\.$madeAt).all()
        for entry in pending {
            do {
                try await DeliveryLock.shared.run(entry.lockKey) { try await write(entry.id!, dependencies: dependencies, on: db) }
                logger.notice("outbox: the file of a delivery made before is written", metadata: ["delivery": .string(entry.id!)])
            } catch {
                stillPending.insert(entry.path + ".partial")
                problems.append("\(entry.id!): \(entry.path): \(error)")
            }
        }
        problems += try await removeOrphans(keeping: stillPending, dependencies: dependencies, on: db)
        for problem in problems { logger.warning("outbox: \(problem)") }
        return problems
    }

    /// A `.partial` in a PVM folder that no unwritten delivery will take over (`pending`: the
    /// temporary names of those still to be written) is left from a stop before its delivery
    /// was committed (Loket before the outbox) or after its file was written by someone else:
    /// removed, so PVM never sees it.
    private static func removeOrphans(keeping pending: Set<String>, dependencies: Dependencies,
                                      on db: any Database) async throws -> [String] {
        let stored = try await Practice.query(on: db).filter(\.$ldoPVMFolder != nil).all().compactMap(\.ldoPVMFolder)
        // Only folders the PVM root allows are swept (PVMRoot).
        let folders = stored.compactMap { try? dependencies.pvmRoot.check($0, files: dependencies.files).get() }
        var problems: [String] = []
        var candidates: [String] = []
        for folder in Set(folders) {
            for name in dependencies.files.contentsOfDirectory(folder)
            where name.hasSuffix(".partial") && (name.hasPrefix("LDO_") || name.hasPrefix("CBS_jeugd_")) {
                candidates.append((folder as NSString).appendingPathComponent(name))
            }
        }
        guard !candidates.isEmpty else { return problems }
        // Asked again after the folders were read: another process (an instance, the CLI)
        // writes a `.partial` only after its delivery was committed, so a file seen above
        // whose delivery is still unwritten now is being written by someone: it stays.
        let unwritten = Set(try await DeliveryFile.query(on: db).filter(\.$writtenAt == nil).all().map { $0.path + ".partial" })
        for path in candidates where !pending.contains(path) && !unwritten.contains(path) {
            do { try dependencies.files.removeFile(path) } catch { problems.append("\(path): \(error)") }
        }
        return problems
    }

    /// The bytes of an entry's file, in pieces, from where its registry keeps them.
    private static func bytes(of entry: DeliveryFile, on db: any Database, _ piece: ([UInt8]) async throws -> Void) async throws {
        switch Registry(rawValue: entry.registry) {
        case .cbs:
            guard let file = try await CBSDelivery.find(entry.id!, on: db)?.file else {
                throw WriteFailure(description: "CBS delivery \(entry.id!) has no stored file")
            }
            try await piece([UInt8](file))
        case .ldo:
            guard let d = try await LDODelivery.find(entry.id!, on: db), let head = d.fileHead, let tail = d.fileTail else {
                throw WriteFailure(description: "LDO delivery \(entry.id!) has no stored file")
            }
            try await piece(Array(head.utf8))
            try await LDODeliveryRecords.forEach(delivery: entry.id!, on: db) { try await piece(Array($0.utf8)) }
            try await piece(Array(tail.utf8))
        case nil:
            throw WriteFailure(description: "unknown registry \(entry.registry)")
        }
    }
}
