// Nothing is written on a GET but the audit entry of what was shown (and the session a
// browser gets on its first visit). Every page, download and API read is opened by the
// roles that may, with a processing report waiting in the PVM folder (which opening a
// page once took in), and every table but the audit log's and the sessions' is unchanged.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("No writes on GET")
struct NoWritesOnGetTests {
    /// Every table's rows, as text, except the audit log's and the sessions'.
    static func snapshot(_ app: Application, _ kind: TestDatabase) async throws -> [String: [String]] {
        let sql = app.db as! any SQLDatabase
        let tables: [String] = kind == .sqlite
            ? try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            : try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
                .map { try $0.decode(column: "name", as: String.self) }
        var out: [String: [String]] = [:]
        for table in tables where !["audit_entries", "audit_head", "_fluent_sessions", "sign_in_failures"].contains(table) {
            let cast = kind == .sqlite ? "CAST(COUNT(*) AS TEXT)" : "COUNT(*)::text"
            let n = try await sql.raw("SELECT \(unsafeRaw: cast) AS n FROM \(ident: table)").first()?.decode(column: "n", as: String.self)
            out[table] = [n ?? "?"]
        }
        for d in try await LDODelivery.query(on: app.db).all() { out["ldo status \(d.id!)"] = [d.status, d.report == nil ? "-" : "report"] }
        return out
    }

    @Test("Every page, download and API read leaves the data as it was", arguments: TestDatabase.available)
    func gets(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let (practice, folder) = try await LDODeliveryTests.withFolder(app)
            let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: LDODeliveryTests.deliveryDate,
                                                      in: app.useCase(actor: "cli:test"))
            let final = try await CBSFinalDelivery.make(practice: practice, period: HalfYear(year: 2026, half: 1)!,
                                                        in: app.useCase(actor: "cli:test"))
            try "VERSLAG|1\nAANLEVERING|\(d.fileName)\nEPISODE|ep1|GEACCEPTEERD\nEINDE|1\n"
                .write(toFile: folder + "/" + d.fileName + LDOReports.fileSuffix, atomically: true, encoding: .utf8)
            let (_, token) = try await APIToken.create(name: "t", practiceID: nil, actor: "test", on: app.db)
            let carol = WebSession(app), dave = WebSession(app), alice = WebSession(app)
            try await carol.signIn("carol@p1.test")
            try await dave.signIn("dave@p1.test")
            try await alice.signIn("alice@p1.test")
            let aliceMembership = try await Membership.query(on: app.db).filter(\.$practiceID == "p1").all()
                .first { $0.role == "behandelaar" }?.id
            let before = try await Self.snapshot(app, kind)

            let p = "/praktijken/p1"
            let pages: [(WebSession, String)] = [
                (alice, "/"), (alice, p), (alice, p + "/patienten"), (alice, p + "/patienten?q=Jansen"), (alice, p + "/patienten/pt1"),
                (alice, p + "/patienten/pt1/bewerken"), (alice, p + "/patienten/pt1/episodes/nieuw"), (alice, p + "/episodes/ep1"),
                (alice, p + "/episodes/ep1?ldo=1"), (alice, p + "/patienten/nieuw"),
                (dave, p + "/instellingen"), (dave, p + "/medewerkers"), (dave, p + "/gebruikers"), (dave, p + "/tokens"), (dave, p + "/auditlog"),
                (carol, p + "/aanleveringen"), (carol, p + "/aanleveringen/cbs"), (carol, p + "/aanleveringen/cbs?jaar=2026&periode=1"),
                (carol, p + "/aanleveringen/cbs?jaar=2026&periode=1&meldingen=1"), (carol, p + "/aanleveringen/cbs.csv?jaar=2026&periode=1"),
                (carol, p + "/aanleveringen/cbs.xlsx?jaar=2026&periode=1"), (carol, p + "/aanleveringen/cbs/\(final.id!)/bestand"),
                (carol, p + "/aanleveringen/ldo"), (carol, p + "/aanleveringen/ldo/nieuw"), (carol, p + "/aanleveringen/ldo/nieuw/controleren"),
                (carol, p + "/aanleveringen/ldo/\(d.id!)"), (carol, p + "/aanleveringen/cbs/\(final.id!)/wijzigingen"),
                (alice, "/wachtwoord"), (dave, p + "/gebruikers/\(try #require(aliceMembership))/verwijderen"),
            ]
            for (session, path) in pages {
                let res = try await session.get(path)
                #expect(res.status == .ok || res.status == .seeOther, "\(path): \(res.status)")
            }
            for path in ["api/v1/cbs/control?practice=p1&year=2026&period=1", "api/v1/cbs/deliveries", "api/v1/cbs/deliveries/\(final.id!)/file",
                         "api/v1/ldo/check?practice=p1&on=2026-03-15", "api/v1/ldo/deliveries",
                         "api/v1/cbs/deliveries/\(final.id!)/changes"] {
                try await app.testing().test(.GET, path, headers: ["Authorization": "Bearer \(token)"]) { res async in
                    #expect(res.status == .ok, "\(path)")
                }
            }

            let after = try await Self.snapshot(app, kind)
            #expect(after == before)
            #expect(try await LDODelivery.find(d.id!, on: app.db)?.statusValue == .placed, "the report waits for Verslagen ophalen")
        }
    }
}
