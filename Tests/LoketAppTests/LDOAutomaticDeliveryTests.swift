// The automatic monthly LDO delivery inside `serve` (issue 17): from the chosen day on,
// once per window, never twice (not in a second round, not in two rounds at once), again
// after PVM rejected the month's delivery, and only for a practice that opted in and has a
// PVM folder. The setting and its text on the dashboard.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Automatic LDO delivery")
struct LDOAutomaticDeliveryTests {
    static func context(_ app: Application, on day: String) -> UseCaseContext {
        var c = app.useCase(actor: LDOAutomaticDelivery.actor)
        c.dependencies.clock = .fixed(LocalDate(iso: day)!)
        return c
    }

    static func deliveries(_ app: Application) async throws -> [LDODelivery] {
        try await LDODelivery.query(on: app.db).sort(\.$madeAt).all()
    }

    @Test("From the chosen day on, one delivery per window; again after a rejection", arguments: TestDatabase.available)
    func onceAWindow(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try LDODeliveryTests.folder()
            let practice = try await LDODeliveryTests.prepare(app, folder: folder)
            practice.ldoAutoDay = 10
            try await practice.save(on: app.db)

            #expect(try await LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-03-09")).isEmpty, "the day before: nothing")
            #expect(try await Self.deliveries(app).isEmpty)

            let first = try await LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-03-10"))
            let made = try await Self.deliveries(app)
            #expect(made.count == 1 && first == ["p1": .made(made[0].id!)], "p2 has no opt-in: not asked")
            #expect(made[0].madeBy == LDOAutomaticDelivery.actor && made[0].windowStart == "2025-12-01")
            #expect(try LDODeliveryTests.validates(folder + "/" + made[0].fileName), "the file is in the PVM folder")

            let again = try await LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-03-20"))
            #expect(again == ["p1": .alreadyDelivered(made[0].id!)])
            #expect(try await Self.deliveries(app).count == 1)

            // PVM rejected it: the month is still to be delivered.
            made[0].status = LDODelivery.Status.rejected.rawValue
            try await made[0].save(on: app.db)
            let redo = try await LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-03-21"))
            #expect(try await Self.deliveries(app).count == 2)
            if case .made = redo["p1"] {} else { Issue.record("a rejected month is delivered again: \(redo)") }

            // Two rounds at once (two instances of serve on one database): one delivery.
            async let a = LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-04-10"))
            async let b = LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-04-10"))
            let both = try await [a, b]
            let madeNow = both.compactMap { if case .made(let id) = $0["p1"] { id } else { nil } }
            #expect(madeNow.count == 1, "\(both)")
            #expect(try await LDODelivery.query(on: app.db).filter(\.$windowStart == "2026-01-01").count() == 1)
        }
    }

    @Test("A practice without a PVM folder or without a day is not delivered; a failing one does not stop the others",
          arguments: TestDatabase.available)
    func onlyWhenSet(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try LDODeliveryTests.folder()
            let practice = try await LDODeliveryTests.prepare(app, folder: folder)
            #expect(try await LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-03-15")).isEmpty, "no day chosen")
            practice.ldoAutoDay = 1
            try await practice.save(on: app.db)
            try FileManager.default.removeItem(atPath: folder)
            let failed = try await LDOAutomaticDelivery.run(in: Self.context(app, on: "2026-03-15"))
            if case .failed = failed["p1"] {} else { Issue.record("a folder that is gone fails, and is logged: \(failed)") }
            #expect(try await Self.deliveries(app).isEmpty, "nothing half made")
        }
    }

    @Test("The setting: a day of 1–28, only with the opt-in and a PVM folder; the dashboard says when", arguments: TestDatabase.available)
    func setting(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let folder = try LDODeliveryTests.folder()
            let dave = WebSession(app)
            try await dave.signIn("dave@p1.test")
            let page = try await dave.get("/praktijken/p1/instellingen").body.string
            #expect(page.contains("Automatisch aanleveren") && page.contains(#"<option value="28">Op de 28e van de maand</option>"#))
            let base = ["name": "Praktijk De Linde", "kvk": "12345678", "ldoOptIn": "on", "cbsCorrespondenceNumber": "4711"]
            let late = try await dave.post("/praktijken/p1/instellingen", base.merging(["ldoPVMFolder": folder, "ldoAutoDay": "29"]) { $1 })
            #expect(late.status == .unprocessableEntity && late.body.string.contains("Kies een dag van 1 tot en met 28"))
            let noFolder = try await dave.post("/praktijken/p1/instellingen", base.merging(["ldoAutoDay": "5"]) { $1 })
            #expect(noFolder.status == .unprocessableEntity && noFolder.body.string.contains("vraagt ‘Aanleveren aan LDO’ en een map van PVM"))
            let good = try await dave.post("/praktijken/p1/instellingen", base.merging(["ldoPVMFolder": folder, "ldoAutoDay": "28"]) { $1 })
            #expect(good.status == .seeOther)
            #expect(try await Practice.find("p1", on: app.db)?.ldoAutoDay == 28)

            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            let dashboard = try await carol.get("/").body.string
            let month = DashboardPage.dutchMonths[TestDatabase.today.month - 1]
            #expect(dashboard.contains("Loket levert automatisch aan op 28 \(month)."), "today is the 15th")
        }
    }
}
