// Dates no practice means (year 1, year 20026) are answered with a clear message on every
// entry point (API 400, CLI exit 1, forms in Dutch, the import with its path), and the
// server keeps answering. `on=0001-01-01` once killed the whole server.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("Hostile input")
struct HostileInputTests {
    static let hostileDates = ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31", "0000-01-01", "2026-02-30", "2026-1-1",
                               "２０２６-01-01", "2026-01-01T00:00", String(repeating: "9", count: 500)]

    @Test("API: every hostile `on` is a 400 and the server still answers", arguments: TestDatabase.available)
    func api(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let (_, token) = try await APIToken.create(name: "t", practiceID: nil, actor: "test", on: app.db)
            for date in Self.hostileDates {
                let query = date.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                for (method, path) in [(HTTPMethod.GET, "api/v1/ldo/check"), (.POST, "api/v1/ldo/deliveries")] {
                    try await app.testing().test(method, "\(path)?practice=p1&on=\(query)", headers: ["Authorization": "Bearer \(token)"]) { res async in
                        #expect(res.status == .badRequest, "\(method) \(path) on=\(date)")
                        #expect(res.body.string.count < 300, "the answer quotes at most a little of the input")
                    }
                }
            }
            for year in ["0001", "1899", "2200", "99999"] {
                try await app.testing().test(.POST, "api/v1/cbs/final?practice=p1&year=\(year)&period=1",
                                             headers: ["Authorization": "Bearer \(token)"]) { res async in
                    #expect(res.status == .badRequest, "year \(year)")
                }
            }
            try await app.testing().test(.GET, "health") { res async in #expect(res.status == .ok) }
            #expect(try await count("ldo_deliveries", on: app.db) == 0)
            #expect(try await count("cbs_deliveries", on: app.db) == 0)
        }
    }

    @Test("CLI: a hostile --on ends in a clear failure, not a crash", arguments: TestDatabase.available)
    func cli(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            for date in Self.hostileDates {
                for command in ["check", "deliver"] {
                    var context = CommandContext(console: Terminal(),
                                                 input: CommandInput(arguments: ["loket", "--practice", "p1", "--on", date]))
                    context.application = app
                    do {
                        if command == "check" { try await LDOCheckCommand().run(using: &context) } else { try await LDODeliverCommand().run(using: &context) }
                        Issue.record("\(command) --on \(date) succeeded")
                    } catch let failure as CommandFailure {
                        #expect(failure.description.hasPrefix("--on"), "\(date): \(failure.description)")
                    }
                }
                var context = CommandContext(console: Terminal(), input: CommandInput(arguments: [
                    "loket", "final", "--practice", "p1", "--year", "2026", "--period", "1", "--on", date, "--output", "/tmp/x"]))
                context.application = app
                await #expect(throws: CommandFailure.self) { try await CBSCommand().run(using: &context) }
            }
            #expect(try await count("ldo_deliveries", on: app.db) == 0)
            #expect(try await count("cbs_deliveries", on: app.db) == 0)
        }
    }

    @Test("Import: a date outside 1900–2199 is an error with its path; nothing is written", arguments: TestDatabase.available)
    func importDates(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let document = sampleDocument.replacingOccurrences(of: #""birthDate": "2012-03-04""#, with: #""birthDate": "0001-03-04""#)
            #expect(document != sampleDocument)

            let error = await #expect(throws: ExchangeErrors.self) {
                try await ExchangeImport.run(Array(document.utf8), on: app.db, actor: "test")
            }

            let first = try #require(error?.errors.first)
            #expect(first.path == "patients[0].birthDate" && first.message.contains("outside 1900–2199"))
            #expect(try await count("patients", on: app.db) == 0)
        }
    }

    @Test("Forms: a date outside 1900–2199 gets a Dutch message at its field", arguments: TestDatabase.available)
    func forms(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/episodes/ep1")
            let before = try await count("treatments", on: app.db)

            for date in ["0001-01-01", "2200-01-01"] {
                let res = try await alice.post("/praktijken/p1/episodes/ep1/behandelingen", ["date": date, "status": "attended"])
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("Vul een datum in tussen 1900 en 2199."))
            }
            let episode = try await alice.post("/praktijken/p1/episodes/ep1", ["start": "0001-01-01"])
            #expect(episode.status == .unprocessableEntity && episode.body.string.contains("Vul een datum in tussen 1900 en 2199."))
            #expect(try await count("treatments", on: app.db) == before)
            #expect(try await Episode.find("ep1", on: app.db)?.startDate != "0001-01-01")
        }
    }
}
