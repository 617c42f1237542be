// Sessions are written when their data changes, not on every page (SQLSessions): a page
// view of a signed-in user is then no write to the database beyond its audit entry.
// A trigger counts the UPDATEs of the sessions table, on both databases.

import Fluent
import Foundation
@testable import LoketApp
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Session writes")
struct SessionWriteTests {
    @Test("Page views do not write the session; a change to it does", arguments: TestDatabase.available)
    func writesOnlyChanges(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let browser = WebSession(app)
            try await browser.signIn("alice@p1.test")
            let sql = app.db as! any SQLDatabase
            try await countSessionUpdates(sql, kind)

            for path in ["/", "/praktijken/p1/patienten", "/praktijken/p1/patienten/pt1", "/"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
            #expect(try await updates(sql) == 0, "reading pages leaves the session as it is")

            // Last seen two minutes ago: the next page refreshes it (once a minute at most).
            let key = try #require(browser.cookie?.split(separator: "=", maxSplits: 1).last.map(String.init))
            let request = Request(application: app, on: app.eventLoopGroup.next())
            var data = try #require(try await SQLSessions().readSession(SessionID(string: key), for: request))
            data[SessionKeys.seen] = String(app.dependencies.clock.now().timeIntervalSince1970 - 120)
            _ = try await SQLSessions().updateSession(SessionID(string: key), to: data, for: Request(application: app, on: app.eventLoopGroup.next()))
            #expect(try await updates(sql) == 1)

            #expect(try await browser.get("/").status == .ok)
            #expect(try await updates(sql) == 2, "the changed last-seen time is written")
            #expect(try await browser.get("/").status == .ok)
            #expect(try await updates(sql) == 2)
        }
    }

    private func countSessionUpdates(_ sql: any SQLDatabase, _ kind: TestDatabase) async throws {
        try await sql.raw("CREATE TABLE session_updates (n INTEGER)").run()
        switch kind {
        case .sqlite:
            try await sql.raw("""
                CREATE TRIGGER session_updated AFTER UPDATE ON _fluent_sessions
                BEGIN INSERT INTO session_updates VALUES (1); END
                """).run()
        case .postgres:
            try await sql.raw("""
                CREATE FUNCTION session_updated() RETURNS trigger AS $$
                BEGIN INSERT INTO session_updates VALUES (1); RETURN NEW; END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER session_updated AFTER UPDATE ON _fluent_sessions FOR EACH ROW EXECUTE FUNCTION session_updated()
                """).run()
        }
    }

    private func updates(_ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM session_updates").first()?.decode(column: "n", as: Int.self) ?? -1
    }
}
