// The CBS control overview (spec/cbs-jeugdhulp.md §6) through all three doors — the report,
// the CLI, the JSON API and the web page — on both databases: same rows, the issue's JSON
// shape, Dutch-Excel CSV, who may see it, and an audit entry for every control made.

import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("CBS control")
struct CBSControlTests {
    let jh1 = HalfYear(year: 2026, half: 1)!

    private struct Entry: Decodable { var actor: String; var practice_id: String?; var action: String; var detail: String? }

    private func controls(_ app: Application) async throws -> [Entry] {
        try await (app.db as! any SQLDatabase)
            .raw("SELECT actor, practice_id, action, detail FROM audit_entries WHERE action = 'cbs.control' ORDER BY seq")
            .all(decoding: Entry.self)
    }

    private func report(_ app: Application, _ practice: String, _ period: HalfYear) async throws -> CBSControlReport.Report {
        let p = try #require(try await Practice.find(practice, on: app.db))
        return try await CBSControlReport.run(on: app.db, practice: p, period: period)
    }

    private func dropReferrer(_ app: Application) async throws {
        try await (app.db as! any SQLDatabase).raw("UPDATE episodes SET cbs_referrer = NULL WHERE id = 'ep1'").run()
    }

    // MARK: The report

    @Test("Sample: a running episode is deliverable, its end Niet noodzakelijk", arguments: TestDatabase.available)
    func runningEpisode(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let r = try await report(app, "p1", jh1)

            #expect(r.practice == "p1")
            #expect(r.period == .init(year: 2026, half: 1, start: "2026-01-01", end: "2026-06-30"))
            #expect(r.counts == .init(rows: 1, deliverable: 1))
            let row = try #require(r.rows.first)
            #expect(row.episodeId == "ep1" && row.patientNumber == "1001" && row.patientName == "Sam Jansen")
            #expect(row.deliverable && row.findings.isEmpty)
            #expect(row.cells[.birthDate] == "20120304" && row.cells[.startDate] == "20260110" && row.cells[.referrer] == "02")
            #expect(row.cells[.endDate] == "Niet noodzakelijk" && row.cells[.endReason] == "Niet noodzakelijk")
            #expect(try await report(app, "p1", HalfYear(year: 2025, half: 2)!).rows.isEmpty, "ep1 starts in 2026")
        }
    }

    @Test("A missing verwijzer shows Ontbreekt and keeps the row out", arguments: TestDatabase.available)
    func missingReferrer(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            try await dropReferrer(app)

            let r = try await report(app, "p1", jh1)

            #expect(r.counts == .init(rows: 1, deliverable: 0))
            let row = try #require(r.rows.first)
            #expect(!row.deliverable && row.cells[.referrer] == "Ontbreekt")
            #expect(row.findings == [Finding(field: "referrer", kind: .missing, message: "Verwijstype ontbreekt")])
        }
    }

    @Test("A practice without CBS settings gets its control too", arguments: TestDatabase.available)
    func practiceWithoutSettings(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let r = try await report(app, "p2", jh1)

            let row = try #require(r.rows.first)
            #expect(row.episodeId == "ep2" && !row.deliverable)
            #expect(row.cells[.birthDate] == "Ontbreekt", "no birth date: selected and shown, not dropped (§8)")
            #expect(row.cells[.endDate] == "20260228" && row.cells[.endReason] == "01", "ended within the period")
        }
    }

    @Test("Demo data: the report is the rules over the query, in patient order", arguments: TestDatabase.available)
    func demo(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(DemoData.document(seed: 11, today: LocalDate(iso: "2026-11-22")!, patientsPerPractice: 60),
                                             on: app.db, actor: "test")
            let period = HalfYear(year: 2026, half: 2)!
            var expected: [CBS.ControlRow] = []
            try await CBSEpisodeQuery.forEach(on: app.db, practice: DemoData.jeugdPractice, period: period.range) {
                expected.append(CBS.control($0, period: period.range))
            }

            let r = try await report(app, DemoData.jeugdPractice, period)

            #expect(Set(r.rows.map(\.episodeId)) == Set(expected.map(\.episodeId)))
            #expect(r.rows.map { CBSControlReport.csvCells($0) } ==
                    r.rows.map { row in expected.first { $0.episodeId == row.episodeId }!.overviewCells })
            #expect(r.counts == .init(rows: expected.count, deliverable: expected.count(where: \.deliverable)))
            #expect(r.counts.deliverable > 0 && r.counts.deliverable < r.counts.rows, "the demo has both kinds of rows")
            let keys = r.rows.map { (Int($0.patientNumber) ?? -1, $0.episodeId) }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "sorted by patient number, then episode")
        }
    }

    // MARK: JSON and CSV

    @Test("JSON has the issue's shape", arguments: TestDatabase.available)
    func jsonShape(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            try await dropReferrer(app)
            let data = try CBSControlReport.json(try await report(app, "p1", jh1))

            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["practice"] as? String == "p1")
            let period = try #require(json["period"] as? [String: Any])
            #expect(period["year"] as? Int == 2026 && period["half"] as? Int == 1)
            #expect(period["start"] as? String == "2026-01-01" && period["end"] as? String == "2026-06-30")
            let row = try #require((json["rows"] as? [[String: Any]])?.first)
            #expect(row["episodeId"] as? String == "ep1" && row["patientNumber"] as? String == "1001")
            #expect(row["deliverable"] as? Bool == false)
            let cells = try #require(row["cells"] as? [String: String])
            #expect(Set(cells.keys) == Set(CBS.Field.allCases.map(\.rawValue)))
            #expect(cells["referrer"] == "Ontbreekt" && cells["birthDate"] == "20120304" && cells["endDate"] == "Niet noodzakelijk")
            let finding = try #require((row["findings"] as? [[String: Any]])?.first)
            #expect(finding["field"] as? String == "referrer" && finding["kind"] as? String == "missing")
            #expect(finding["message"] as? String == "Verwijstype ontbreekt")
            #expect(try CBSControlReport.json(try await report(app, "p1", jh1)) == CBSControlReport.json(try await report(app, "p1", jh1)),
                    "the same data gives the same bytes")
        }
    }

    @Test("CSV: BOM, Dutch titles, ; between columns", arguments: TestDatabase.available)
    func csv(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let csv = CBSControlReport.csv(try await report(app, "p1", jh1))

            let lines = csv.components(separatedBy: "\r\n")
            #expect(lines.count == 3 && lines[2].isEmpty, "header, one row, final CRLF")
            #expect(lines[0] == "\u{FEFF}Aanleverbaar;Patiëntnummer;Patiënt;Burgerservicenummer;Geboortedatum;Geslacht;Postcode;"
                + "Verwijzer;Hulpvorm;Gestart met crisis;Datum aanvang;Datum einde;Reden beëindiging;Tevredenheid jeugdige;"
                + "Zonder hulp verder jeugdige;Tevredenheid ouder;Zonder hulp verder ouder")
            #expect(lines[1] == "Ja;1001;Sam Jansen;111222333;20120304;M;3511AB;02;02;02;20260110;"
                + "Niet noodzakelijk;Niet noodzakelijk;Niet noodzakelijk;Niet noodzakelijk;Niet noodzakelijk;Niet noodzakelijk")
        }
    }

    @Test("CSV fields: quoted where needed, formulas defused")
    func csvFields() {
        let cases: [(String, String, String)] = [
            ("plain", "Sam Jansen", "Sam Jansen"),
            ("separator", "a;b", "\"a;b\""),
            ("quote", "de \"Linde\"", "\"de \"\"Linde\"\"\""),
            ("line break", "a\nb", "\"a\nb\""),
            ("formula", "=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("formula with separator", "=A1;B1", "\"'=A1;B1\""),
            ("a leading tab", "\tcmd", "'\tcmd"),
            ("a leading carriage return", "\r=1", "\"'\r=1\""),
            ("plus and minus", "+31 6", "'+31 6"),
            ("at", "@SUM(1)", "'@SUM(1)"),
            ("empty", "", ""),
        ]
        for (name, value, expected) in cases { #expect(CBSControlReport.csvField(value) == expected, "\(name)") }
    }

    // MARK: CLI

    @Test("CLI writes the same report as JSON and CSV, with an audit entry", arguments: TestDatabase.available)
    func cli(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cbs-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let json = dir.appendingPathComponent("c.json").path, csv = dir.appendingPathComponent("c.csv").path

            try await runCBS(app, ["control", "--practice", "p1", "--year", "2026", "--period", "1", "--output", json])
            try await runCBS(app, ["control", "--practice", "p1", "--year", "2026", "--period", "1", "--format", "csv", "-o", csv])

            let expected = try await report(app, "p1", jh1)
            #expect(try JSONDecoder().decode(CBSControlReport.Report.self, from: Data(contentsOf: URL(fileURLWithPath: json))) == expected)
            #expect(try Data(contentsOf: URL(fileURLWithPath: csv)) == Data(CBSControlReport.csv(expected).utf8), "with its BOM")
            let made = try await CBSDelivery.query(on: app.db).sort(\.$madeAt).all()
            #expect(made.count == 2 && made.allSatisfy { $0.kind == "control" })
            #expect(Set(try await controls(app).map(\.detail)) == Set(made.map { "\($0.id!) JH-1 2026: 1 rows, 1 deliverable, stored" }),
                    "one entry per control made, none for writing it out")
            #expect(try await controls(app).allSatisfy { $0.actor.hasPrefix("cli:") && $0.practice_id == "p1" })
        }
    }

    @Test("CLI refuses bad input with a clear message", arguments: TestDatabase.available)
    func cliErrors(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let cases: [([String], String)] = [
                (["control", "--practice", "nope", "--year", "2026", "--period", "1"], "no practice with id \"nope\""),
                (["control", "--practice", "p1", "--year", "26", "--period", "1"], "--year must be a year of four digits"),
                (["control", "--practice", "p1", "--year", "2026", "--period", "3"], "--period must be 1"),
                (["control", "--year", "2026", "--period", "1"], "--practice ID is required"),
                (["control", "--practice", "p1", "--year", "2026", "--period", "1", "--format", "xml"], "--format must be json, csv or xlsx"),
                (["send", "--practice", "p1"], "unknown cbs action"),
            ]
            for (args, message) in cases {
                do {
                    try await runCBS(app, args)
                    Issue.record("\(args) succeeded")
                } catch let failure as CommandFailure {
                    #expect(failure.description.contains(message), "\(args): \(failure.description)")
                }
            }
            #expect(try await controls(app).isEmpty)
        }
    }

    private func runCBS(_ app: Application, _ args: [String]) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["loket"] + args))
        context.application = app
        try await CBSCommand().run(using: &context)
    }

    // MARK: API

    @Test("API: 200 with the report, 403 for another practice's token, 401 without, 400 on bad input",
          arguments: TestDatabase.available)
    func api(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let (_, p1) = try await APIToken.create(name: "p1", practiceID: "p1", actor: "test", on: app.db)
            let (_, p2) = try await APIToken.create(name: "p2", practiceID: "p2", actor: "test", on: app.db)
            let (_, all) = try await APIToken.create(name: "all", practiceID: nil, actor: "test", on: app.db)
            let url = "api/v1/cbs/control?practice=p1&year=2026&period=1"
            let expected = try await report(app, "p1", jh1)

            try await app.testing().test(.GET, url, headers: ["Authorization": "Bearer \(p1)"]) { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType == .json)
                #expect(Data(buffer: res.body) == (try CBSControlReport.json(expected)))
            }
            try await app.testing().test(.GET, url, headers: ["Authorization": "Bearer \(p2)"]) { res async in
                #expect(res.status == .forbidden)
                #expect(res.body.string.contains("outside this token's practice"))
            }
            try await app.testing().test(.GET, url) { res async in #expect(res.status == .unauthorized) }
            let bad: [(String, String)] = [
                ("api/v1/cbs/control?practice=p1&year=twenty&period=1", "year must be a year of four digits"),
                ("api/v1/cbs/control?practice=p1&year=2026&period=0", "period must be 1"),
                ("api/v1/cbs/control?year=2026&period=1", "practice (a practice id) is required"),
            ]
            for (badURL, message) in bad {
                try await app.testing().test(.GET, badURL, headers: ["Authorization": "Bearer \(all)"]) { res async in
                    #expect(res.status == .badRequest, "\(badURL)")
                    #expect(res.body.string.contains(message), "\(badURL): \(res.body.string)")
                }
            }
            try await app.testing().test(.GET, "api/v1/cbs/control?practice=p9&year=2026&period=1",
                                         headers: ["Authorization": "Bearer \(all)"]) { res async in
                #expect(res.status == .notFound)
            }
            #expect(try await controls(app).map(\.actor).count == 1, "one view, one entry")
            #expect(try await controls(app).first?.actor.hasPrefix("token:") == true)
            #expect(try await count("cbs_deliveries", on: app.db) == 0, "a GET records no control")
            try await app.testing().test(.POST, url, headers: ["Authorization": "Bearer \(p1)"]) { res async throws in
                #expect(res.status == .ok)
                #expect(Data(buffer: res.body) == (try CBSControlReport.json(expected)))
            }
            #expect(try await CBSDelivery.query(on: app.db).all().map(\.kind) == ["control"], "a POST records one")
        }
    }

    // MARK: Web

    @Test("Web: administratie sees the overview; others get 403", arguments: TestDatabase.available)
    func page(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            try await dropReferrer(app)
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")

            let res = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1")

            #expect(res.status == .ok)
            let html = res.body.string
            #expect(html.contains("Controle maken") && html.contains("0 van 1 rijen aanleverbaar"))
            #expect(html.contains("Aanleveren vóór</dt><dd>21-07-2026") && html.contains("JH-2 2025"), "deadline and herlevering")
            #expect(html.contains(#"<td class="cell-missing" title="Verwijstype ontbreekt">Ontbreekt</td>"#))
            #expect(html.contains(#"class="cell-not-required">Niet noodzakelijk"#))
            #expect(html.contains(#"href="/praktijken/p1/episodes/ep1""#))
            #expect(html.contains(#"href="/praktijken/p1/aanleveringen/cbs.csv?jaar=2026&amp;periode=1""#)
                    || html.contains(#"href="/praktijken/p1/aanleveringen/cbs.csv?jaar=2026&periode=1""#))
            #expect(html.contains(#"<a href="/praktijken/p1/aanleveringen/cbs" class="active""#), "the tab")
            #expect(try await carol.get("/praktijken/p1/aanleveringen/cbs").status == .ok, "the next due period by default")

            for (email, path) in [("bob@p2.test", "/praktijken/p1/aanleveringen/cbs"), ("dave@p1.test", "/praktijken/p1/aanleveringen/cbs"),
                                  ("alice@p1.test", "/praktijken/p1/aanleveringen/cbs"), ("dave@p1.test", "/praktijken/p1/aanleveringen/cbs.csv")] {
                let other = WebSession(app)
                try await other.signIn(email)
                #expect(try await other.get(path).status == .forbidden, "\(email) \(path)")
                #expect(!(try await other.get("/praktijken/p1").body.string.contains("Aanleveringen")), "\(email): no tab")
            }
            let details = try await controls(app).map { $0.detail ?? "" }
            #expect(details.count == 2 && details[0] == "view JH-1 2026: 1 rows, 0 deliverable, web")
            #expect(details.last?.hasPrefix("view \(DashboardPage.cbsPeriod(today: app.dependencies.clock.today)): ") == true)
            #expect(try await controls(app).allSatisfy { $0.actor.hasPrefix("user:") })
            #expect(try await count("cbs_deliveries", on: app.db) == 0, "opening the overview records no control")
        }
    }

    @Test("Web: \"Controle maken\" records one control and shows it; a reload or Back records none", arguments: TestDatabase.available)
    func makeControl(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app), alice = WebSession(app)
            try await carol.signIn("carol@p1.test")
            try await alice.signIn("alice@p1.test")
            _ = try await carol.get("/praktijken/p1/aanleveringen/cbs")

            let made = try await carol.post("/praktijken/p1/aanleveringen/cbs/controle", ["jaar": "2026", "periode": "1", "meldingen": "1"])

            #expect(made.status == .seeOther)
            let location = try #require(made.headers.first(name: .location))
            let listedNow = try #require(try await CBSDelivery.query(on: app.db).first())
            #expect(location == "/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1&meldingen=1&controle=\(listedNow.id!)")
            let page = try await carol.get(location)
            #expect(page.status == .ok && page.body.string.contains("1 van 1 rijen aanleverbaar"))
            _ = try await carol.get(location)
            let listed = try await CBSDelivery.query(on: app.db).all()
            #expect(listed.count == 1 && listed[0].kind == "control" && listed[0].rows == 1 && listed[0].madeBy.hasPrefix("user:"))
            #expect(try await controls(app).filter { !($0.detail ?? "").hasPrefix("view ") }.map(\.detail)
                    == ["\(listedNow.id!) JH-1 2026: 1 rows, 1 deliverable, stored"])
            let wrong = try await carol.post("/praktijken/p1/aanleveringen/cbs/controle", ["jaar": "20266", "periode": "1"])
            #expect(wrong.status == .seeOther)
            let refused = try await carol.get(wrong.headers.first(name: .location) ?? "")
            #expect(refused.status == .badRequest)
            #expect(try await alice.post("/praktijken/p1/aanleveringen/cbs/controle", ["jaar": "2026", "periode": "1"]).status == .forbidden)
            #expect(try await count("cbs_deliveries", on: app.db) == 1)
        }
    }

    @Test("Web: bad year or period is said in Dutch; only rows with findings on request", arguments: TestDatabase.available)
    func pageInput(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")

            let bad = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=abc&periode=1")
            #expect(bad.status == .badRequest && bad.body.string.contains("Vul een jaar in van vier cijfers"))
            let badHalf = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=5")
            #expect(badHalf.status == .badRequest && badHalf.body.string.contains("Kies periode JH-1"))
            let only = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1&meldingen=1").body.string
            #expect(only.contains("1 van 1 rijen aanleverbaar") && only.contains("Alle rijen zijn aanleverbaar"))
            #expect(!only.contains("episodes/ep1"))
            #expect(try await controls(app).count == 1, "no control made for refused input")
        }
    }

    @Test("Web: CSV download as an attachment, audited", arguments: TestDatabase.available)
    func csvDownload(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")

            let res = try await carol.get("/praktijken/p1/aanleveringen/cbs.csv?jaar=2026&periode=1")

            #expect(res.status == .ok)
            #expect(res.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(res.headers.first(name: .contentDisposition) == #"attachment; filename="cbs-controle-p1-2026-JH1.csv""#)
            #expect(res.headers.first(name: "Cache-Control") == "no-store")
            #expect(res.body.string == CBSControlReport.csv(try await report(app, "p1", jh1)))
            #expect(try await carol.get("/praktijken/p1/aanleveringen/cbs.csv?jaar=2026").status == .badRequest)
            #expect(try await controls(app).map(\.detail) == ["view JH-1 2026: 1 rows, 1 deliverable, csv"])
            #expect(try await count("cbs_deliveries", on: app.db) == 0, "a download records no control")
        }
    }
}
