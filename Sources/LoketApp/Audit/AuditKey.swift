// The secret that keys the audit chain. Without it, anyone who can write the database can
// rewrite an entry and recompute every hash after it, and `audit verify` would find nothing.
// With it, the hashes from the keying entry on are HMAC-SHA256 under a key the database does
// not hold: a rewritten entry, or a rewritten stretch before the keying entry, no longer
// verifies (docs/web-app.md, "The audit chain's key").
//
// Where the key comes from, first found: LOKET_AUDIT_KEY (64 hex digits), or the file
// LOKET_AUDIT_KEY_FILE (default `loket-audit.key` in the working directory), which is made
// (0600) on the first start when it does not exist. Every instance on one database needs the
// same key; one with another key refuses to start. One key per process: a process serves one
// database.

import Crypto
import Foundation
import Fluent
import SQLKit
import Vapor

enum AuditKey {
    static let defaultFile = "loket-audit.key"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var key: SymmetricKey?

    /// The key in use, once `load` or `use` has run.
    static var current: SymmetricKey? { lock.withLock { key } }

    /// Uses `newKey` for this process (tests; `load` for everyone else).
    static func use(_ newKey: SymmetricKey) {
        lock.withLock { key = newKey }
    }

    /// Reads the key and uses it for this process.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SymmetricKey {
        let k = try read(environment: environment)
        use(k)
        return k
    }

    /// The key: LOKET_AUDIT_KEY, else the key file, made when missing.
    static func read(environment: [String: String]) throws -> SymmetricKey {
        if let hex = environment["LOKET_AUDIT_KEY"], !hex.isEmpty {
            guard let k = parse(hex) else { throw CommandFailure("LOKET_AUDIT_KEY must be 64 hexadecimal digits") }
            return k
        }
        let path = environment["LOKET_AUDIT_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultFile
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let k = parse(text) else { throw CommandFailure("the audit key file \(path) must hold 64 hexadecimal digits") }
            return k
        }
        let hex = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.hex
        // O_EXCL: two processes starting at once do not both write a key; the loser reads the winner's.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return try read(environment: environment) }
            throw CommandFailure("cannot make the audit key file \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array((hex + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count else { throw CommandFailure("cannot write the audit key file \(path)") }
        return parse(hex)!
    }

    static func parse(_ hex: String) -> SymmetricKey? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let b = UInt8(String(decoding: digits[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(b)
        }
        return SymmetricKey(data: bytes)
    }

    /// A value that tells keys apart without revealing them (kept in audit_head).
    static func check(_ key: SymmetricKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data("loket audit key check".utf8), using: key)).hex
    }

    struct WrongKey: Error, CustomStringConvertible {
        var description: String {
            "the audit key differs from the one this database's audit log is keyed with: give every instance the same LOKET_AUDIT_KEY or key file (docs/web-app.md)"
        }
    }

    /// Keys the chain of `db` with `key` the first time (an `audit.key` entry, the first
    /// HMAC-hashed one), and refuses a key other than the one it was keyed with.
    static func keyChain(with key: SymmetricKey, on db: any Database) async throws {
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // The head row, locked: two instances starting at once key the chain once.
            guard let head = try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, keyed_from, key_check").first() else {
                throw Abort(.internalServerError, reason: "audit log head is missing")
            }
            let check = self.check(key)
            if try head.decode(column: "keyed_from", as: Int64?.self) != nil {
                guard try head.decode(column: "key_check", as: String?.self) == check else { throw WrongKey() }
                return
            }
            let next = try head.decode(column: "seq", as: Int64.self) + 1
            try await sql.update("audit_head").set("keyed_from", to: SQLBind(next)).set("key_check", to: SQLBind(check))
                .where("id", .equal, SQLBind(1)).run()
            try await AuditChain.appendLocked([AuditEvent(actor: "system", practiceID: nil, action: .auditKey, patientID: nil,
                                                          detail: "entries from \(next) on are keyed", address: nil)], on: tx)
        }
    }
}
