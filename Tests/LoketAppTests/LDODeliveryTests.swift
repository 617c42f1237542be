// The LDO delivery on real databases: the file in the PVM folder validates against the XSD,
// holds exactly the included episodes and never a name; it is one transaction with its
// rows; processing reports set the status and show rejected fields on the episode; the
// wizard, the CLI's code path and the API agree, and only roles that deliver may.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("LDO delivery")
struct LDODeliveryTests {
    /// 2026-03-15: the window is 2025-12-01 … 2026-02-28; ep1's attended t1 (2026-02-01) is in it.
    static let deliveryDate = LocalDate(iso: "2026-03-15")!

    /// A fresh PVM folder for one test.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "loket-pvm-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Practice p1 (already there) with a fresh PVM folder.
    static func withFolder(_ app: Application) async throws -> (Practice, String) {
        let folder = try Self.folder()
        let practice = try #require(try await Practice.find("p1", on: app.db))
        practice.ldoPVMFolder = folder
        try await practice.save(on: app.db)
        return (practice, folder)
    }

    static func prepare(_ app: Application, folder: String) async throws -> Practice {
        _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
        let practice = try #require(try await Practice.find("p1", on: app.db))
        practice.ldoPVMFolder = folder
        try await practice.save(on: app.db)
        return practice
    }

    /// xmllint's verdict on `file` against the current layout's XSD (scripts/test installs libxml2-utils).
    static func validates(_ file: String) throws -> Bool {
        let xmllint = "/usr/bin/xmllint"
        try #require(FileManager.default.isExecutableFile(atPath: xmllint), "xmllint (libxml2-utils) is needed")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--schema", "Resources/Formats/" + LDORecordLayout.current.schemaFile, file]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("The file lands in the PVM folder, validates, and holds the included episode without a name", arguments: TestDatabase.available)
    func deliver(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try Self.folder()
            let practice = try await Self.prepare(app, folder: folder)

            let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: Self.deliveryDate, in: app.useCase(actor: "cli:test"))

            #expect(d.included == 1 && d.excludedWithFindings == 0 && d.excludedForConsent == 0)
            #expect(d.windowStart == "2025-12-01" && d.windowEnd == "2026-02-28" && d.statusValue == .placed)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [d.fileName], "one whole file, no .partial")
            let path = folder + "/" + d.fileName
            #expect(try Self.validates(path))
            let xml = try String(contentsOfFile: path, encoding: .utf8)
            #expect(xml.contains("<EpisodeID>ep1</EpisodeID>") && xml.contains("<AantalEpisodes>1</AantalEpisodes>"))
            #expect(!xml.contains("Jansen") && !xml.contains("1001") && !xml.contains("pt1"), "no name, number or plain patient id")
            #expect(try await count("ldo_delivery_episodes", on: app.db) == 1)

            // A month later the same episode goes out again, with the same pseudonym.
            let again = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: LocalDate(iso: "2026-04-02")!, in: app.useCase(actor: "cli:test"))
            let second = try String(contentsOfFile: folder + "/" + again.fileName, encoding: .utf8)
            func pseudonym(_ x: String) -> String? { x.components(separatedBy: "<PatientPseudoniem>").dropFirst().first?.components(separatedBy: "<").first }
            #expect(pseudonym(xml) != nil && pseudonym(xml) == pseudonym(second))
        }
    }

    @Test("A failure midway leaves no delivery, no rows and no file", arguments: TestDatabase.available)
    func atomic(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try Self.folder()
            let practice = try await Self.prepare(app, folder: folder)
            // The rows of "Aangeleverde gegevens" cannot be written: the failure comes after the
            // delivery row and part of the file.
            try await (app.db as! any SQLDatabase).raw("ALTER TABLE ldo_delivery_episodes RENAME TO ldo_delivery_episodes_gone").run()

            await #expect(throws: (any Error).self) {
                try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: Self.deliveryDate, in: app.useCase(actor: "cli:test"))
            }

            #expect(try await count("ldo_deliveries", on: app.db) == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "neither the file nor its .partial")
            try await (app.db as! any SQLDatabase).raw("ALTER TABLE ldo_delivery_episodes_gone RENAME TO ldo_delivery_episodes").run()
        }
    }

    @Test("Without the opt-in or a PVM folder nothing is written", arguments: TestDatabase.available)
    func refused(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try Self.folder()
            let practice = try await Self.prepare(app, folder: folder)
            practice.ldoOptIn = false
            await #expect(throws: LDOMonthlyDelivery.Failure.self) {
                try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: Self.deliveryDate, in: app.useCase(actor: "cli:test"))
            }
            practice.ldoOptIn = true
            practice.ldoPVMFolder = nil
            let error = await #expect(throws: LDOMonthlyDelivery.Failure.self) {
                try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: Self.deliveryDate, in: app.useCase(actor: "cli:test"))
            }
            #expect(error?.description.contains("PVM-map") == true)
            #expect(try await count("ldo_deliveries", on: app.db) == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    @Test("A report from the folder sets the status; rejected fields show on the episode; a 2xxx code rejects all", arguments: TestDatabase.available)
    func reports(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let (practice, folder) = try await Self.withFolder(app)
            let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: Self.deliveryDate, in: app.useCase(actor: "cli:test"))
            let report = "VERSLAG|1\nAANLEVERING|\(d.fileName)\nEPISODE|ep1|AFGEKEURD\nVELD|ep1|DCSPH|1203|Onbekende DCSPH-code\nEINDE|1\n"
            try report.write(toFile: folder + "/" + d.fileName + LDOReports.fileSuffix, atomically: true, encoding: .utf8)

            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            let before = try await carol.get("/praktijken/p1/aanleveringen/ldo").body.string
            #expect(before.contains("Klaargezet") && !before.contains("Verwerkt"), "opening the overview takes nothing in")
            #expect(try await LDODelivery.find(d.id!, on: app.db)?.statusValue == .placed)
            let overview = try await carol.post("/praktijken/p1/aanleveringen/ldo/verslagen", [:]).body.string
            #expect(overview.contains("Verwerkt") && overview.contains("Verwerkingsverslag downloaden"))
            #expect(try await LDODelivery.find(d.id!, on: app.db)?.statusValue == .processed)
            let episode = try await carol.get("/praktijken/p1/episodes/ep1").body.string
            #expect(episode.contains("Afgekeurd door de LDO") && episode.contains("DCSPH: Onbekende DCSPH-code (code 1203)"))
            #expect(episode.contains("href=\"/praktijken/p1/aanleveringen/ldo/\(d.id!)\"") && episode.contains("de aanlevering over "),
                    "the delivery is named by its window and linked, not by its id")
            #expect(!episode.contains("in aanlevering \(d.id!)"))
            let download = try await carol.get("/praktijken/p1/aanleveringen/ldo/\(d.id!)/verslag")
            #expect(download.status == .ok && download.body.string == report)

            // A fatal code: the delivery is rejected, uploaded by hand this time.
            let second = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: Self.deliveryDate, in: app.useCase(actor: "cli:test"))
            let shown = try await carol.get("/praktijken/p1/aanleveringen/ldo/\(second.id!)").body.string
            #expect(shown.contains("<dt>Pseudoniem patiënt</dt>") && shown.contains("<dt>Begindatum</dt>"), "Aangeleverde gegevens: a readable table")
            #expect(!shown.contains("111222333") && !shown.contains("&lt;BSN&gt;"), "never the BSN")
            let bad = try await carol.postFile("/praktijken/p1/aanleveringen/ldo/\(second.id!)/verslag", field: "verslag",
                                               fileName: "v.txt", contents: "VERSLAG|1\nAANLEVERING|\(second.fileName)\nEPISODE|ep1|GEACCEPTEERD\n")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Verwerkingsverslag"), "a cut-off report is refused with its reason")
            let fatal = "VERSLAG|1\nAANLEVERING|\(second.fileName)\nMELDING|2001|Bestand onleesbaar\nEINDE|0\n"
            let taken = try await carol.postFile("/praktijken/p1/aanleveringen/ldo/\(second.id!)/verslag", field: "verslag",
                                                 fileName: "v.txt", contents: fatal)
            #expect(taken.status == .seeOther)
            #expect(try await LDODelivery.find(second.id!, on: app.db)?.statusValue == .rejected)
            let rejected = try await carol.get("/praktijken/p1/aanleveringen/ldo/\(second.id!)").body.string
            #expect(rejected.contains("id=\"ldo-pvm-messages\"") && rejected.contains("Melding 2001 — Bestand onleesbaar <strong>(de aanlevering is afgekeurd)</strong>"),
                    "the reason of a rejection is on the delivery's page, with its code")

            // A newer report of the first delivery accepts ep1: the older rejection is gone from the episode.
            let newer = "VERSLAG|1\nAANLEVERING|\(d.fileName)\nEPISODE|ep1|GEACCEPTEERD\nEINDE|1\n"
            #expect(try await carol.postFile("/praktijken/p1/aanleveringen/ldo/\(d.id!)/verslag", field: "verslag",
                                             fileName: "v.txt", contents: newer).status == .seeOther)
            let verdict = try await (app.db as! any SQLDatabase).raw("SELECT result, messages FROM ldo_delivery_episodes WHERE delivery_id = \(bind: d.id!) AND episode_id = 'ep1'").first()
            #expect(try verdict?.decode(column: "result", as: String?.self) == "accepted", "the newer report replaced the older one's verdict")
            #expect(try verdict?.decode(column: "messages", as: String?.self) == nil, "and its rejected fields")
            let partial = "VERSLAG|1\nAANLEVERING|\(d.fileName)\nEINDE|0\n"
            #expect(try await carol.postFile("/praktijken/p1/aanleveringen/ldo/\(d.id!)/verslag", field: "verslag",
                                             fileName: "v.txt", contents: partial).status == .seeOther)
            let results = try await (app.db as! any SQLDatabase).raw("SELECT result FROM ldo_delivery_episodes WHERE delivery_id = \(bind: d.id!) AND result IS NOT NULL").all()
            #expect(results.isEmpty, "a report that names no episode leaves none with the older verdict")

            // A broken report in the folder for a delivery still waiting: the delivery's page says why.
            let third = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: Self.deliveryDate, in: app.useCase(actor: "cli:test"))
            try "VERSLAG|1\nAANLEVERING|\(third.fileName)\nEPISODE|ep1|MISSCHIEN\n".write(toFile: folder + "/" + third.fileName + LDOReports.fileSuffix,
                                                                                    atomically: true, encoding: .utf8)
            let waiting = try await carol.get("/praktijken/p1/aanleveringen/ldo/\(third.id!)").body.string
            #expect(waiting.contains("id=\"ldo-unreadable-report\"") && waiting.contains("kan niet worden gelezen"))
            #expect(try await LDODelivery.find(third.id!, on: app.db)?.statusValue == .placed, "reading the page took nothing in")
            let actions = try await (app.db as! any SQLDatabase).raw("SELECT action FROM audit_entries WHERE action LIKE 'ldo.%'")
                .all().map { try $0.decode(column: "action", as: String.self) }
            #expect(actions.contains("ldo.deliver") && actions.contains("ldo.report") && actions.contains("ldo.view"))
        }
    }

    @Test("The wizard: select, check, deliver; a behandelaar may not", arguments: TestDatabase.available)
    func wizard(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let (_, folder) = try await Self.withFolder(app)
            let carol = WebSession(app), alice = WebSession(app)
            try await carol.signIn("carol@p1.test")
            try await alice.signIn("alice@p1.test")
            #expect(try await alice.get("/praktijken/p1/aanleveringen/ldo/nieuw").status == .forbidden)

            let step1 = try await carol.get("/praktijken/p1/aanleveringen/ldo/nieuw").body.string
            #expect(step1.contains("1 Selecteren") && step1.contains("Volgende: controleren"))
            let step2 = try await carol.get("/praktijken/p1/aanleveringen/ldo/nieuw/controleren")
            #expect(step2.status == .ok && step2.body.string.contains("Episodes die worden aangeleverd"))
            #expect(try await alice.post("/praktijken/p1/aanleveringen/ldo/nieuw", [:]).status == .forbidden)
            let made = try await carol.post("/praktijken/p1/aanleveringen/ldo/nieuw", [:])
            #expect(made.status == .seeOther)
            let page = try await carol.get(try #require(made.headers.first(name: .location))).body.string
            #expect(page.contains("De aanlevering staat klaar in de map van PVM") && page.contains("Klaargezet"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1)
        }
    }

    @Test("The API delivers, lists and takes a report; a token of another practice may not", arguments: TestDatabase.available)
    func api(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try Self.folder()
            _ = try await Self.prepare(app, folder: folder)
            let (_, own) = try await APIToken.create(name: "epd", practiceID: "p1", actor: "test", on: app.db)
            let (_, other) = try await APIToken.create(name: "epd2", practiceID: "p2", actor: "test", on: app.db)
            try await app.testing().test(.POST, "api/v1/ldo/deliveries?practice=p1&on=2026-03-15", headers: ["Authorization": "Bearer \(other)"]) { res async in
                #expect(res.status == .forbidden)
            }
            var id = ""
            var fileName = ""
            try await app.testing().test(.POST, "api/v1/ldo/deliveries?practice=p1&on=2026-03-15", headers: ["Authorization": "Bearer \(own)"]) { res async throws in
                #expect(res.status == .created)
                let summary = try res.content.decode(LDODeliverySummary.self)
                #expect(summary.included == 1 && summary.status == "placed")
                id = summary.id
                fileName = summary.fileName
            }
            try await app.testing().test(.GET, "api/v1/ldo/deliveries", headers: ["Authorization": "Bearer \(own)"]) { res async in
                #expect(res.body.string.contains(id))
            }
            let report = "VERSLAG|1\nAANLEVERING|\(fileName)\nEPISODE|ep1|GEACCEPTEERD\nEINDE|1\n"
            try await app.testing().test(.POST, "api/v1/ldo/deliveries/\(id)/report", headers: ["Authorization": "Bearer \(own)"],
                                         body: ByteBuffer(string: report)) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(LDODeliverySummary.self).status == "processed")
            }
            try await app.testing().test(.GET, "api/v1/ldo/deliveries/\(id)/report", headers: ["Authorization": "Bearer \(other)"]) { res async in
                #expect(res.status == .notFound)
            }
        }
    }
}
