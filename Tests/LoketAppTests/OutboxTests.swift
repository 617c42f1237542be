// The outbox: a delivery's file is written from its stored bytes after the commit. A write
// that fails (a stop, a full disk) leaves the delivery recorded and no file under its
// final name; the next run writes it with the same bytes. An --output that cannot be
// written is refused before anything is recorded. Orphaned temporary files go.

import Crypto
import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor

/// The real file system, except that `writeDurably` fails while `failing` is set: what a
/// process killed after the commit, or a full disk, leaves.
final class FailingWrites: FileSystem, @unchecked Sendable {
    let real = LocalFileSystem()
    var failing = true

    struct Injected: Error {}

    func isDirectory(_ path: String) -> Bool { real.isDirectory(path) }
    func isWritableDirectory(_ path: String) -> Bool { real.isWritableDirectory(path) }
    func fileExists(_ path: String) -> Bool { real.fileExists(path) }
    func sha256(ofFileAt path: String) -> String? { real.sha256(ofFileAt: path) }
    func contentsOfDirectory(_ path: String) -> [String] { real.contentsOfDirectory(path) }
    func contents(_ path: String) -> Data? { real.contents(path) }
    func removeFile(_ path: String) throws { try real.removeFile(path) }
    func writeDurably(_ path: String, _ produce: (DurableSink) async throws -> Void) async throws {
        if failing {
            // Half a file under the temporary name, as a kill midway would leave it.
            try Data("<half".utf8).write(to: URL(fileURLWithPath: path + ".partial"))
            throw Injected()
        }
        try await real.writeDurably(path, produce)
    }
}

@Suite("Outbox")
struct OutboxTests {
    let jh1 = HalfYear(year: 2026, half: 1)!

    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "loket-outbox-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func sha(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    @Test("CBS --output: written after the commit, 0600, listed with its path and SHA-256", arguments: TestDatabase.available)
    func cbsOutput(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            let path = try Self.folder() + "/cbs.txt"

            let d = try await CBSFinalDelivery.make(practice: practice, period: jh1, output: path, in: app.useCase(actor: "cli:test"))

            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == d.file)
            #expect(try Self.sha(path) == d.fileSHA256)
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "only Loket's account reads a delivery file")
            let entry = try #require(try await DeliveryFile.find(d.id!, on: app.db))
            #expect(entry.writtenAt != nil && entry.path == path && entry.sha256 == d.fileSHA256)
            let summary = CBSDeliverySummary(d, file: entry)
            #expect(summary.path == path && summary.sha256 == d.fileSHA256 && summary.written == true)
        }
    }

    @Test("A folder that does not exist is refused before anything is recorded", arguments: TestDatabase.available)
    func missingFolder(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))

            let error = await #expect(throws: CBSFinalDelivery.Failure.self) {
                try await CBSFinalDelivery.make(practice: practice, period: jh1, output: "/nonexistent-\(UUID())/cbs.txt",
                                                in: app.useCase(actor: "cli:test"))
            }

            #expect(error?.description.contains("does not exist") == true)
            #expect(try await count("cbs_deliveries", on: app.db) == 0)
            #expect(try await count("delivery_files", on: app.db) == 0)
            #expect(try await count("cbs_delivery_episodes", on: app.db) == 0)
            await #expect(throws: CBSFinalDelivery.Failure.self) {
                try await CBSFinalDelivery.make(practice: practice, period: jh1, output: "/dev/null", in: app.useCase(actor: "cli:test"))
            }
            #expect(try await count("cbs_deliveries", on: app.db) == 0, "a device is no delivery file")
        }
    }

    @Test("A CBS file not written after the commit is written by the next run, byte for byte", arguments: TestDatabase.available)
    func cbsRecovery(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            let practice = try #require(try await Practice.find("p1", on: app.db))
            let folder = try Self.folder()
            let path = folder + "/cbs.txt"
            let failing = FailingWrites()
            app.dependencies.files = failing

            let error = await #expect(throws: CBSFinalDelivery.FileNotWritten.self) {
                try await CBSFinalDelivery.make(practice: practice, period: jh1, output: path, in: app.useCase(actor: "cli:test"))
            }

            let d = try #require(error?.delivery)
            #expect(!FileManager.default.fileExists(atPath: path), "no file under its final name")
            #expect(try await DeliveryFile.find(d.id!, on: app.db)?.writtenAt == nil)
            #expect(try await historyEpisodes(of: d.id!, on: app.db) == ["ep1"], "the delivery itself stands")

            failing.failing = false
            let problems = try await Outbox.finish(dependencies: app.dependencies, on: app.db, logger: app.logger)

            #expect(problems.isEmpty)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == d.file)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["cbs.txt"], "the .partial is gone")
            #expect(try await DeliveryFile.find(d.id!, on: app.db)?.writtenAt != nil)
            let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            try await Outbox.finish(dependencies: app.dependencies, on: app.db, logger: app.logger)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == before, "written once")
        }
    }

    @Test("An LDO file not written after the commit: none in the PVM folder; the next delivery writes it first", arguments: TestDatabase.available)
    func ldoRecovery(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try Self.folder()
            let practice = try await LDODeliveryTests.prepare(app, folder: folder)
            let failing = FailingWrites()
            app.dependencies.files = failing
            // Orphans a stop of an older Loket left: one of ours, and someone else's file.
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/LDO_p1_old.xml.partial"))
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt.partial"))

            let error = await #expect(throws: LDOMonthlyDelivery.FileNotWritten.self) {
                try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: LDODeliveryTests.deliveryDate,
                                                  in: app.useCase(actor: "cli:test"))
            }
            let first = try #require(error?.delivery)
            #expect(!FileManager.default.fileExists(atPath: folder + "/" + first.fileName), "PVM sees no file of an unfinished write")

            failing.failing = false
            let second = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: LDODeliveryTests.deliveryDate,
                                                           in: app.useCase(actor: "cli:test"))

            let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
            #expect(names == [first.fileName, second.fileName, "notes.txt.partial"], "both files; our orphan is gone")
            for d in [first, second] {
                let path = folder + "/" + d.fileName
                #expect(try Self.sha(path) == d.fileSHA256)
                #expect(try LDODeliveryTests.validates(path))
                #expect(try String(contentsOfFile: path, encoding: .utf8).contains("<EpisodeID>ep1</EpisodeID>"))
            }
            let listed = try await DeliveryFiles.byDelivery([first.id!, second.id!], on: app.db)
            #expect(listed.values.allSatisfy { $0.writtenAt != nil })
            #expect(LDODeliverySummary(first, file: listed[first.id!]).path == folder + "/" + first.fileName)
        }
    }

    @Test("Definitive deliveries from two app instances on one database wait for each other and all succeed",
          arguments: TestDatabase.available)
    func twoInstances(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            _ = try await DemoData.load(into: app.db, seed: 5, today: LocalDate(iso: "2026-11-22")!, patientsPerPractice: 40)
            // A second application with its own connection pool on the same database: what a
            // second process or a second server instance is to the first.
            let other = try await Application.make(.testing)
            do {
                try await configure(other, options: app.loketOptions)
                other.dependencies.clock = app.dependencies.clock
                let period = HalfYear(year: 2026, half: 2)!
                let practice = try #require(try await Practice.find(DemoData.jeugdPractice, on: app.db))
                let made = try await withThrowingTaskGroup(of: CBSDelivery.self) { group in
                    for i in 0..<6 {
                        let instance = i % 2 == 0 ? app : other
                        group.addTask {
                            try await CBSFinalDelivery.make(practice: practice, period: period, in: instance.useCase(actor: "cli:\(i)"))
                        }
                    }
                    var all: [CBSDelivery] = []
                    for try await d in group { all.append(d) }
                    return all
                }
                #expect(made.count == 6 && Set(made.map(\.id)).count == 6)
                #expect(Set(made.map(\.file)).count == 1, "the same data, the same file")
                // Each replaced the one before it: one chain, one current delivery at its end.
                let current = try await CBSDelivery.query(on: app.db).filter(\.$replacedBy == nil).all()
                #expect(current.count == 1)
                let last = try #require(current.first)
                let included = try await historyEpisodes(of: last.id!, on: app.db)
                #expect(!included.isEmpty && included.count == last.deliverableRows)
                for d in made { #expect(try await historyEpisodes(of: d.id!, on: app.db) == included, "each kept its episodes whole") }
                #expect(try await AuditVerification.verify(on: app.db) == .intact(entries: Int64(try await count("audit_entries", on: app.db))))
            } catch {
                try? await other.asyncShutdown()
                throw error
            }
            try await other.asyncShutdown()
        }
    }
}
