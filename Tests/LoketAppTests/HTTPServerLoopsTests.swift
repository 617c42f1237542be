// The running server answers on loops apart from the database's (HTTPServerLoops): a
// request's database work goes to the database loops, so a route that reads or writes
// through the server answers as in memory (with Fluent's `req.db` it would stop the server
// at the first such request: the HTTP loops have no pools).

import Fluent
import Foundation
@testable import LoketApp
import NIOCore
import NIOPosix
import SQLKit
import Testing
import VaporTesting

@Suite("HTTP server loops")
struct HTTPServerLoopsTests {
    @Test("The server's loops are not the database's")
    func apart() {
        let http = HTTPServerLoops.group.makeIterator().map(ObjectIdentifier.init)
        let app = MultiThreadedEventLoopGroup.singleton.makeIterator().map(ObjectIdentifier.init)
        #expect(!http.isEmpty && Set(http).isDisjoint(with: app))
    }

    @Test("Through a running server: health, a read, a control made (its audit entry) and a wrong token",
          arguments: TestDatabase.available)
    func routes(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let (_, secret) = try await APIToken.create(name: "p1", practiceID: "p1", actor: "test", on: app.db)
            let auth: HTTPHeaders = ["Authorization": "Bearer \(secret)"]
            let server = try app.testing(method: .running(port: try freePort()))
            try await server.test(.GET, "health") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("ok"))
            }
            try await server.test(.GET, "api/v1/cbs/deliveries?practice=p1", headers: auth) { res async in
                #expect(res.status == .ok)
            }
            let sql = app.db as! any SQLDatabase
            let entries = try await Self.auditEntries(sql)
            try await server.test(.POST, "api/v1/cbs/control?practice=p1&year=2026&period=1", headers: auth) { res async in
                #expect(res.status == .ok, "\(res.body.string.prefix(300))")
            }
            #expect(try await Self.auditEntries(sql) == entries + 1)
            try await server.test(.GET, "api/v1/cbs/deliveries?practice=p1", headers: ["Authorization": "Bearer lkt_wrong"]) { res async in
                #expect(res.status == .unauthorized)
            }
        }
    }

    static func auditEntries(_ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM audit_entries").first()!.decode(column: "n", as: Int.self)
    }
}
