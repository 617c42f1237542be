// The audit log's hash chain: intact after appends; a changed, a removed and a truncated
// entry are each found by verification.

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
            #expect(try await AuditVerification.verify(on: app.db, pageSize: 2) == .intact(entries: 5))
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
            #expect(try await AuditVerification.verify(on: app.db, pageSize: 7) == .intact(entries: 60))
            let patients = try await (app.db as! any SQLDatabase).raw("SELECT patient_id FROM audit_entries").all()
                .map { try $0.decode(column: "patient_id", as: String.self) }
            #expect(Set(patients).count == 60, "every request's entry is there once")
        }
    }

    @Test("Tampering is found", arguments: TestDatabase.available.flatMap { db in
        [("an entry's patient changed", "UPDATE audit_entries SET patient_id = 'pt99' WHERE seq = 3", AuditVerification.Result.changed(seq: 3)),
         ("an entry removed", "DELETE FROM audit_entries WHERE seq = 2", .missing(seq: 2)),
         ("the newest entry removed", "DELETE FROM audit_entries WHERE seq = 5", .truncated(after: 4, head: 5)),
         ("an entry re-hashed without its successor", "UPDATE audit_entries SET hash = 'x' WHERE seq = 4", .changed(seq: 4))]
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
            #expect(try await AuditVerification.verify(on: app.db) == .intact(entries: 20))
        }
    }
}
