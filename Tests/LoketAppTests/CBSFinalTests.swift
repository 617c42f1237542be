// The definitive CBS delivery: the file from the deliverable rows, the stamp on each
// included episode, one transaction (a failure midway leaves nothing), no interleaving of
// two runs, and who may make and download it.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("CBS definitive delivery")
struct CBSFinalTests {
    let jh1 = HalfYear(year: 2026, half: 1)!

    @Test("The file holds the header and the deliverable records, never a number or name", arguments: TestDatabase.available)
    func final(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))

            let d = try await CBSFinalDelivery.make(practice: practice, period: jh1, in: app.useCase(actor: "cli:test"))

            #expect(d.isFinal && d.rows == 1 && d.deliverableRows == 1 && d.records == 1)
            let file = String(decoding: try #require(d.file), as: UTF8.self)
            let lines = file.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("H0000004711aanlevering@delinde.nl"))
            #expect(lines[1].hasPrefix("D111222333" + "20120304" + "M" + "3511AB"))
            #expect(!file.contains("Jansen") && !file.contains("1001"), "patient number and name never in the file")
            #expect(d.fileName == "CBS_jeugd_0000004711_2026_JH1.txt")
            #expect(try await historyEpisodes(of: d.id!, on: app.db) == ["ep1"])
            let stored = try #require(try await CBSDelivery.find(d.id!, on: app.db))
            #expect(stored.file == d.file)
            #expect(try await AuditVerification.verify(on: app.db) != .intact(entries: 0))
        }
    }

    @Test("A failure midway leaves no delivery and no history row", arguments: TestDatabase.available)
    func atomic(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            // The file's header is ASCII: this address fails the writer after the delivery row
            // and its history were written inside the transaction.
            practice.cbsEmail = "aanlevering@délinde.nl"
            try await practice.save(on: app.db)

            await #expect(throws: CBSFinalDelivery.Failure.self) {
                try await CBSFinalDelivery.make(practice: practice, period: jh1, in: app.useCase(actor: "cli:test"))
            }

            #expect(try await count("cbs_deliveries", on: app.db) == 0)
            #expect(try await count("cbs_delivery_episodes", on: app.db) == 0)
            let finals = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'cbs.final'").first()
            #expect(try finals?.decode(column: "n", as: Int.self) == 0)
        }
    }

    @Test("Two definitive runs at once for one practice and period do not interleave", arguments: TestDatabase.available)
    func concurrent(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await DemoData.load(into: app.db, seed: 5, today: LocalDate(iso: "2026-11-22")!, patientsPerPractice: 40)
            let practice = try #require(try await Practice.find(DemoData.jeugdPractice, on: app.db))
            let period = HalfYear(year: 2026, half: 2)!

            async let a = CBSFinalDelivery.make(practice: practice, period: period, in: app.useCase(actor: "cli:a"))
            async let b = CBSFinalDelivery.make(practice: practice, period: period, in: app.useCase(actor: "cli:b"))
            let (first, second) = try await (a, b)

            #expect(first.file == second.file, "the same data gives the same file")
            #expect(first.records > 0 && first.deliverableRows == second.deliverableRows)
            // The one made second replaced the first (herlevering): that is the order they ran in.
            let replaced = try #require(try await CBSDelivery.query(on: app.db).filter(\.$replacedBy != nil).all().first)
            let (earlier, later) = replaced.id == first.id ? (first, second) : (second, first)
            #expect(replaced.replacedBy == later.id)
            let earlierEpisodes = try await historyEpisodes(of: earlier.id!, on: app.db)
            #expect(earlierEpisodes.count == earlier.deliverableRows)
            #expect(try await historyEpisodes(of: later.id!, on: app.db) == earlierEpisodes, "each kept every episode it included")
            #expect(earlier.id != later.id)
            #expect(try await AuditVerification.verify(on: app.db) == .intact(entries: Int64(try await count("audit_entries", on: app.db))))
        }
    }

    @Test("The administratie makes and downloads it; others may not", arguments: TestDatabase.available)
    func web(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let carol = WebSession(app), alice = WebSession(app)
            try await carol.signIn("carol@p1.test")
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/patienten")
            #expect(try await alice.post("/praktijken/p1/aanleveringen/cbs/definitief", ["jaar": "2026", "periode": "1"]).status == .forbidden)

            _ = try await carol.get("/praktijken/p1/aanleveringen/cbs?jaar=2026&periode=1")
            let unconfirmed = try await carol.post("/praktijken/p1/aanleveringen/cbs/definitief", ["jaar": "2026", "periode": "1"])
            #expect(unconfirmed.headers.first(name: .location) == "/praktijken/p1/aanleveringen/cbs/definitief?jaar=2026&periode=1&formaat=ascii")
            #expect(try await count("cbs_deliveries", on: app.db) == 0, "nothing is made without the confirmation")
            let confirm = try await carol.get("/praktijken/p1/aanleveringen/cbs/definitief?jaar=2026&periode=1&formaat=ascii").body.string
            #expect(confirm.contains("JH-1 2026") && confirm.contains("Bestandsdefinitie 5.4") && confirm.contains("Bevestigen: definitief maken"))
            #expect(!confirm.contains("confirm-replaces"), "the first one replaces nothing")
            let made = try await carol.post("/praktijken/p1/aanleveringen/cbs/definitief", ["jaar": "2026", "periode": "1", "bevestigd": "1"])
            #expect(made.status == .seeOther)
            let location = try #require(made.headers.first(name: .location))
            let page = try await carol.get(location).body.string
            #expect(page.contains("De definitieve aanlevering is gemaakt."))
            #expect(page.contains("Definitief") && page.contains("Controle") && page.contains("Bestand downloaden"))
            let delivery = try #require(try await CBSDelivery.query(on: app.db).filter(\.$kind == "final").first())

            let file = try await carol.get("/praktijken/p1/aanleveringen/cbs/\(delivery.id!)/bestand")
            #expect(file.status == .ok)
            #expect(file.headers.first(name: .contentDisposition)?.contains("CBS_jeugd_0000004711_2026_JH1.txt") == true)
            #expect(file.body.string.hasPrefix("H0000004711"))
            #expect(try await alice.get("/praktijken/p1/aanleveringen/cbs/\(delivery.id!)/bestand").status == .forbidden)
            let bob = WebSession(app)
            try await bob.signIn("bob@p2.test")
            #expect(try await bob.get("/praktijken/p2/aanleveringen/cbs/\(delivery.id!)/bestand").status == .forbidden)

            let episode = try await alice.get("/praktijken/p1/episodes/ep1").body.string
            #expect(episode.contains(#"<td>CBS</td><td>JH-1 2026</td>"#) && episode.contains(">\(delivery.id!)</a>"), "the episode's history")
            let actions = try await (app.db as! any SQLDatabase).raw("SELECT action FROM audit_entries WHERE action LIKE 'cbs.%' ORDER BY seq")
                .all().map { try $0.decode(column: "action", as: String.self) }
            #expect(actions.contains("cbs.final") && actions.contains("cbs.download"))
        }
    }
}
