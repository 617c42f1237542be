// What an operator relies on: the binary carries its pages and files, /metrics, the API's
// contract, the backup, and a command line that is checked before a database is opened.

import Fluent
import SQLKit
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("Operating Loket")
struct OperationsTests {
    @Test("Every template and static file of the checkout is inside the binary, byte for byte")
    func embedded() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let views = EmbeddedViews()
        let statics = StaticFilesMiddleware()
        for (folder, check) in [("Resources/Views", { (name: String, data: Data) in
            #expect(views.templates[name].map { Data($0.readableBytesView) } == data, "view \(name)")
        }), ("Public", { (name: String, data: Data) in
            #expect(statics.files["/" + name].map { Data($0.bytes.readableBytesView) } == data, "static file \(name)")
        })] {
            let base = root.appendingPathComponent(folder)
            let names = try FileManager.default.subpathsOfDirectory(atPath: base.path)
            var files = 0
            for name in names where !name.hasPrefix(".") {
                var isFolder: ObjCBool = false
                FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path, isDirectory: &isFolder)
                if isFolder.boolValue { continue }
                check(name, try Data(contentsOf: base.appendingPathComponent(name)))
                files += 1
            }
            #expect(files > 0, "\(folder) has files")
        }
    }

    @Test("Static files carry an ETag and answer 304 when unchanged; an unknown path is the Dutch 404", arguments: [TestDatabase.sqlite])
    func staticFiles(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            var etag = ""
            try await app.testing().test(.GET, "css/loket.css") { res async in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.subType == "css")
                etag = res.headers.first(name: .eTag) ?? ""
            }
            #expect(!etag.isEmpty)
            try await app.testing().test(.GET, "css/loket.css", headers: ["If-None-Match": etag]) { res async in
                #expect(res.status == .notModified)
            }
            try await app.testing().test(.GET, "css/nope.css") { res async in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("lang=\"nl\""))
            }
        }
    }

    @Test("/metrics: requests by route template and status, deliveries by registry and result, no ids", arguments: TestDatabase.available)
    func metrics(_ kind: TestDatabase) async throws {
        LoketMetrics.bootstrap()
        try await withApp(kind) { app in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let (_, token) = try await APIToken.create(name: "epd", practiceID: "p1", actor: "test", on: app.db)
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            try await app.testing().test(.POST, "api/v1/cbs/control?practice=p1&year=2026&period=1", headers: bearer) { res async in
                #expect(res.status == .ok || res.status == .created)
            }
            try await app.testing().test(.GET, "api/v1/cbs/deliveries/cbs_nothing/file", headers: bearer) { res async in
                #expect(res.status == .notFound)
            }
            try await app.testing().test(.GET, "metrics") { res async in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.type == "text")
                let text = res.body.string
                #expect(text.contains("http_requests_total{method=\"POST\",path=\"/api/v1/cbs/control\",status="))
                #expect(text.contains("path=\"/api/v1/cbs/deliveries/:deliveryID/file\",status=\"404\""))
                #expect(!text.contains("cbs_nothing"), "a path's own values never become labels")
                #expect(text.contains("http_request_duration_seconds_bucket"))
                #expect(text.contains("loket_deliveries_total{"), "deliveries are counted")
                #expect(text.contains("kind=\"control\"") && text.contains("result=\"made\""))
                #expect(text.contains("loket_delivery_duration_seconds_bucket"))
                #expect(text.contains("loket_http_requests_in_flight"))
                #expect(text.contains("loket_database_pool_connections "))
                if kind == .postgres {
                    #expect(text.contains("loket_database_connections{state=\"active\"} "), "PostgreSQL's view of the pool's use")
                }
            }
        }
    }

    @Test("The API's contract is served without a token, as OpenAPI 3.1", arguments: [TestDatabase.sqlite])
    func openAPI(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            try await app.testing().test(.GET, "api/v1/openapi.json") { res async throws in
                #expect(res.status == .ok)
                let document = try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any]
                #expect((document?["openapi"] as? String)?.hasPrefix("3.1") == true)
                #expect((document?["paths"] as? [String: Any])?["/api/v1/cbs/control"] != nil)
            }
        }
    }

    @Test("A backup of SQLite is a private, consistent copy: the chain verifies and the control is the same")
    func backup() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loket-backup-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var original: CBSControlReport.Counts?
        try await withApp(.sqlite) { app in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            let period = try #require(HalfYear(year: 2026, half: 1))
            original = try await CBSControlReport.forEachRow(on: app.db, practice: practice, period: period) { _ in }
            let size = try await DatabaseBackup.make(to: file, database: app.loketOptions.database, in: app.useCase(actor: "cli:test"))
            #expect(size > 0)
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o600)
            await #expect(throws: DatabaseBackup.Failure.self, "an existing file is never overwritten") {
                try await DatabaseBackup.make(to: file, database: app.loketOptions.database, in: app.useCase(actor: "cli:test"))
            }
            let entries = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'backup'").first()
            #expect(try entries?.decode(column: "n", as: Int.self) == 1, "the backup is in the audit log")
        }
        // The restore: the copy used as the database.
        let restored = try await Application.make(.testing)
        do {
            try await configure(restored, options: LoketOptions(database: .sqlite(path: file)))
            AuditKey.use(TestDatabase.auditKey)
            let result = try await AuditVerification.verify(on: restored.db)
            guard case .intact = result else { Issue.record("restored chain: \(result)"); throw CancellationError() }
            let practice = try #require(try await Practice.find("p1", on: restored.db))
            let counts = try await CBSControlReport.forEachRow(on: restored.db, practice: practice, period: HalfYear(year: 2026, half: 1)!) { _ in }
            #expect(counts == original)
        } catch {
            try? await restored.asyncShutdown()
            throw error
        }
        try await restored.asyncShutdown()
    }

    @Test("PostgreSQL is backed up with pg_dump: loket backup says so and writes nothing", arguments: TestDatabase.available.filter { $0 == .postgres })
    func backupPostgres(_ kind: TestDatabase) async throws {
        try await withApp(kind) { app in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("loket-backup-\(UUID().uuidString)").path
            await #expect { try await DatabaseBackup.make(to: file, database: app.loketOptions.database, in: app.useCase(actor: "cli:test")) }
                throws: { ($0 as? DatabaseBackup.Failure)?.description.contains("pg_dump") == true }
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test("The command line is checked before any database is opened", arguments: [
        (["loket"], CommandPreflight.Outcome.run(command: "serve")),
        (["loket", "--help"], .help),
        (["loket", "cbs", "control", "-h"], .help),
        (["loket", "serve", "--port", "8080"], .run(command: "serve")),
        (["loket", "cbs", "control", "--practice", "p1", "--year", "2026", "--period", "1"], .run(command: "cbs")),
        (["loket", "ldo", "check", "--practice", "p1"], .run(command: "ldo")),
        (["loket", "backup", "--output", "x.sqlite"], .run(command: "backup")),
        (["loket", "migrate", "--yes"], .run(command: "migrate")),
        (["loket", "frob"], .usage("unknown command \"frob\"; see loket --help")),
        (["loket", "cbs", "frob"], .usage("cbs: unknown action \"frob\"; use one of: control, final, withdraw, changes, list; see loket cbs --help")),
        (["loket", "ldo"], .usage("loket ldo needs one of: auto, check, deliver, list, report, reports")),
        (["loket", "ldo", "send"], .usage("unknown command \"ldo send\"; use one of: auto, check, deliver, list, report, reports")),
        (["loket", "token"], .usage("token: Missing required argument: action; see loket token --help")),
    ])
    func preflight(_ arguments: [String], _ expected: CommandPreflight.Outcome) async throws {
        try await withApp(.sqlite) { app in
            #expect(CommandPreflight.check(app, arguments: arguments) == expected)
        }
    }

    @Test("Wrong options are wrong usage", arguments: [["loket", "cbs", "control", "--bogus", "1"], ["loket", "serve", "--nope"], ["loket", "audit", "verify", "extra"]])
    func wrongOptions(_ arguments: [String]) async throws {
        try await withApp(.sqlite) { app in
            guard case .usage = CommandPreflight.check(app, arguments: arguments) else {
                Issue.record("\(arguments) is not wrong usage"); return
            }
        }
    }
}

@Suite("The client's address behind a proxy")
struct ClientAddressTests {
    @Test("X-Forwarded-For counts only from a trusted proxy, and only its own (rightmost) entry", arguments: [
        ("127.0.0.1", "203.0.113.7", "127.0.0.1", "203.0.113.7"),
        ("127.0.0.1", "10.0.0.1, 203.0.113.7", "127.0.0.1", "203.0.113.7"),
        ("", "203.0.113.7", "127.0.0.1", "127.0.0.1"),
        ("127.0.0.1", "203.0.113.7", "192.0.2.1", "192.0.2.1"),
        ("127.0.0.1, ::1", "2001:db8::1", "::1", "2001:db8::1"),
        ("127.0.0.1", "<script>", "127.0.0.1", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1", "127.0.0.1"),
    ])
    func forwarded(_ proxies: String, _ header: String, _ peer: String, _ expected: String) {
        #expect(TrustedProxies(list: proxies).client(peer: peer, forwardedFor: header) == expected)
    }
}
