// The clock, the file system and the ids are the application's dependencies: a test pins
// "today" for every page and use case, and the ids a delivery gets. And what `serve` does
// by itself every few minutes (BackgroundWork) takes in reports and finishes the outbox.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor

@Suite("Pinned dependencies")
struct PinnedDependenciesTests {
    @Test("The wizard and its delivery use the pinned day; the delivery gets the pinned id", arguments: TestDatabase.available)
    func pinnedDay(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let (_, folder) = try await LDODeliveryTests.withFolder(app)
            // 15 March 2026: the window is December 2025 to February 2026, which holds ep1's
            // attended treatment; on the real today it would not.
            app.dependencies.clock = .fixed(LDODeliveryTests.deliveryDate)
            app.dependencies.ids = IDs(next: { $0 + "pinned" })
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")

            let step1 = try await carol.get("/praktijken/p1/aanleveringen/ldo/nieuw").body.string
            let made = try await carol.post("/praktijken/p1/aanleveringen/ldo/nieuw", [:])

            #expect(step1.contains("01-12-2025") && step1.contains("28-02-2026"), "the window of the pinned day")
            #expect(made.headers.first(name: .location) == "/praktijken/p1/aanleveringen/ldo/ldo_pinned?gemaakt=1")
            let d = try #require(try await LDODelivery.find("ldo_pinned", on: app.db))
            #expect(d.deliveryDate == "2026-03-15" && d.windowStart == "2025-12-01" && d.included == 1)
            #expect(d.madeAt == LocalDate.noon(of: LDODeliveryTests.deliveryDate))
            #expect(FileManager.default.fileExists(atPath: folder + "/" + d.fileName))
        }
    }

    @Test("The background round takes in reports from the PVM folder and writes what the outbox holds", arguments: TestDatabase.available)
    func backgroundRound(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try LDODeliveryTests.folder()
            let practice = try await LDODeliveryTests.prepare(app, folder: folder)
            let failing = FailingWrites()
            app.dependencies.files = failing
            let error = await #expect(throws: LDOMonthlyDelivery.FileNotWritten.self) {
                try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: LDODeliveryTests.deliveryDate,
                                                  in: app.useCase(actor: "cli:test"))
            }
            let d = try #require(error?.delivery)
            try "VERSLAG|1\nAANLEVERING|\(d.fileName)\nEPISODE|ep1|GEACCEPTEERD\nEINDE|1\n"
                .write(toFile: folder + "/" + d.fileName + LDOReports.fileSuffix, atomically: true, encoding: .utf8)
            failing.failing = false

            await BackgroundWork.round(app.useCase(actor: "system:serve"))

            #expect(try await LDODelivery.find(d.id!, on: app.db)?.statusValue == .processed)
            #expect(try await DeliveryFile.find(d.id!, on: app.db)?.writtenAt != nil)
            #expect(FileManager.default.fileExists(atPath: folder + "/" + d.fileName))
        }
    }
}
