// Web sessions in the database (the table of Fluent's session driver, `_fluent_sessions`),
// read and written with plain SQL. Two reasons not to use Fluent's driver:
// - Vapor saves the session after *every* response, changed or not. With Fluent's driver
//   that is an UPDATE, so every page view was a write transaction with its own wait for the
//   disk, one at a time on SQLite. Here a session is written only when its data changed
//   (sign-in, a new CSRF token, the once-a-minute "last seen").
// - A Fluent model per request costs its reflection; one SELECT of one column does not.

import Foundation
import SQLKit
import Vapor

struct SQLSessions: AsyncSessionDriver {
    private static let table = "_fluent_sessions"

    /// What the request read, to tell whether the data changed by the end of the request.
    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: Self.newKey())
        try await sql(request).insert(into: Self.table)
            .columns("id", "key", "data")
            .values(SQLBind(UUID()), SQLBind(id.string), SQLBind(data))
            .run()
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let row = try await sql(request).select().column("data").from(Self.table)
            .where("key", .equal, sessionID.string).first() else { return nil }
        let data = try row.decode(column: "data", as: SessionData.self)
        request.storage[ReadKey.self] = data
        return data
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if request.storage[ReadKey.self] == data { return sessionID }
        try await sql(request).update(Self.table).set("data", to: SQLBind(data))
            .where("key", .equal, sessionID.string).run()
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await sql(request).delete(from: Self.table).where("key", .equal, sessionID.string).run()
    }

    private func sql(_ request: Request) -> any SQLDatabase { request.database as! any SQLDatabase }

    /// 32 random bytes, as Fluent's driver makes them: a session id cannot be guessed.
    private static func newKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }
}
