// The audit log's hash chain: intact after appends; a changed, a removed and a truncated
// entry are each found by verification; with the audit key, a chain rewritten by someone
// who can write the database but has not the key is found too. Entry 1 of every test
// database is the keying entry (withApp keys the chain, as every Loket command does).

import Fluent
import Foundation
@testable import LoketApp
import SQLKit
import Testing
import Vapor

@Suite("Audit log")
struct AuditTests {
    private func fill(_ db: any Database, _ n: Int) async throws {
        for i in 1...n {
            try await AuditChain.append(AuditEvent(actor: "user:u\(i % 2)", practiceID: "p1", action: .patientView,
                                                   patientID: "pt\(i)", detail: nil, address: "127.0.0.1"), on: db)
        }
    }

    @Test("An untouched log verifies", arguments: TestDatabase.available)
    func intact(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            try await fill(app.db, 5)
            #expect(try await AuditVerification.verify(on: app.db, pageSize: 2) == .intact(entries: 6))
        }
    }

    @Test("Entries appended at once by many requests are group-committed into one intact chain", arguments: TestDatabase.available)
    func groupCommit(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let writer = app.auditWriter
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...60 {
                    group.addTask {
                        try await writer.append(AuditEvent(actor: "user:u\(i)", practiceID: "p1", action: .patientView,
                                                           patientID: "pt\(i)", detail: nil, address: nil))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditVerification.verify(on: app.db, pageSize: 7) == .intact(entries: 61))
            let patients = try await (app.db as! any SQLDatabase).raw("SELECT patient_id FROM audit_entries WHERE seq > 1").all()
                .map { try $0.decode(column: "patient_id", as: String.self) }
            #expect(Set(patients).count == 60, "every request's entry is there once")
        }
    }

    @Test("Tampering is found", arguments: TestDatabase.available.flatMap { db in
        [("an entry's patient changed", "UPDATE audit_entries SET patient_id = 'pt99' WHERE seq = 4", AuditVerification.Result.changed(seq: 4)),
         ("an entry removed", "DELETE FROM audit_entries WHERE seq = 3", .missing(seq: 3)),
         ("the newest entry removed", "DELETE FROM audit_entries WHERE seq = 6", .truncated(after: 5, head: 6)),
         ("an entry re-hashed without its successor", "UPDATE audit_entries SET hash = 'x' WHERE seq = 5", .changed(seq: 5)),
         ("the keying entry removed", "DELETE FROM audit_entries WHERE seq = 1", .missing(seq: 1)),
         ("the key mark moved on: the keying entry is no SHA-256 entry", "UPDATE audit_head SET keyed_from = 3", .changed(seq: 1)),
         ("the key mark removed", "UPDATE audit_head SET keyed_from = NULL", .unkeyed)]
            .map { (db, $0.0, $0.1, $0.2) }
    })
    func tampering(_ kind: TestDatabase, _ name: String, _ statement: String, _ expected: AuditVerification.Result) async throws {
        try await withApp(kind) { (app: Application) async throws in
            try await fill(app.db, 5)

            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()

            #expect(try await AuditVerification.verify(on: app.db) == expected, "\(name)")
        }
    }

    @Test("Concurrent appends keep one straight chain", arguments: TestDatabase.available)
    func concurrent(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try await AuditChain.append(AuditEvent(actor: "user:u\(i)", practiceID: nil, action: .patientView,
                                                               patientID: "pt\(i)", detail: nil, address: nil), on: app.db)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditVerification.verify(on: app.db) == .intact(entries: 21))
        }
    }

    /// Rewrites every entry from `from` on as someone with database access but without the
    /// key would: new values, each hash recomputed with SHA-256 (the only hash they can make).
    private func rewrite(_ db: any Database, from: Int64) async throws {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw("SELECT * FROM audit_entries ORDER BY seq").all(decoding: AuditVerification.Row.self)
        var prev = AuditChain.genesis
        for r in rows {
            if r.seq < from { prev = r.hash; continue }
            let patient = r.patient_id == nil ? nil : "pt-forged"
            let hash = AuditChain.entryHash(seq: r.seq, at: r.at, actor: r.actor, practiceID: r.practice_id, action: r.action,
                                            patientID: patient, detail: r.detail, address: r.address, prev: prev, key: nil)
            try await sql.raw("UPDATE audit_entries SET patient_id = \(bind: patient), prev_hash = \(bind: prev), hash = \(bind: hash) WHERE seq = \(bind: r.seq)").run()
            prev = hash
        }
        try await sql.raw("UPDATE audit_head SET hash = \(bind: prev) WHERE id = 1").run()
    }

    @Test("A chain recomputed without the key is found, from any entry on", arguments: TestDatabase.available.flatMap { db in [Int64(1), 2, 4].map { (db, $0) } })
    func recomputed(_ kind: TestDatabase, _ from: Int64) async throws {
        try await withApp(kind) { (app: Application) async throws in
            try await fill(app.db, 5)
            try await rewrite(app.db, from: from)
            let result = try await AuditVerification.verify(on: app.db)
            #expect(result == .changed(seq: max(from, 1)), "\(result)")
        }
    }

    @Test("Another key: verify says so, and keying the chain with it is refused", arguments: TestDatabase.available)
    func otherKey(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            try await fill(app.db, 2)
            let other = AuditKey.parse(String(repeating: "01", count: 32))!
            #expect(try await AuditVerification.verify(on: app.db, key: other) == .wrongKey)
            await #expect(throws: AuditKey.WrongKey.self) { try await AuditKey.keyChain(with: other, on: app.db) }
            try await AuditKey.keyChain(with: TestDatabase.auditKey, on: app.db)
            #expect(try await AuditVerification.verify(on: app.db) == .intact(entries: 3), "keying again with the same key adds nothing")
            let marks = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'audit.key'").first()
            #expect(try marks?.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test("The key: from LOKET_AUDIT_KEY, else a key file made once (0600) and read after")
    func loading() throws {
        let folder = NSTemporaryDirectory() + "loket-audit-key-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/loket-audit.key"
        let made = try AuditKey.read(environment: ["LOKET_AUDIT_KEY_FILE": file])
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try AuditKey.read(environment: ["LOKET_AUDIT_KEY_FILE": file]) == made, "read back, not made again")
        let given = String(repeating: "ab", count: 32)
        #expect(try AuditKey.read(environment: ["LOKET_AUDIT_KEY": given, "LOKET_AUDIT_KEY_FILE": file]) == AuditKey.parse(given))
        #expect(throws: CommandFailure.self) { try AuditKey.read(environment: ["LOKET_AUDIT_KEY": "short"]) }
        try "not a key".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: CommandFailure.self) { try AuditKey.read(environment: ["LOKET_AUDIT_KEY_FILE": file]) }
    }
}
