// The demo data: deterministic, believable, and with the gaps the checks must show.

import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor

@Suite("Demo data")
struct DemoDataTests {
    let today = LocalDate(iso: "2026-11-22")!

    @Test("Same seed and date, same data; another seed, other data") func deterministic() {
        let a = DemoData.document(seed: 1, today: today)
        #expect(a == DemoData.document(seed: 1, today: today))
        #expect(a != DemoData.document(seed: 2, today: today))
    }

    @Test("Two practices, a few hundred patients, the gaps present") func content() throws {
        let doc = DemoData.document(seed: DemoData.defaultSeed, today: today)
        #expect(doc.practices.count == 2)
        #expect(doc.patients.count == 300)
        #expect((5...15).contains(doc.treatments.count / doc.episodes.count) || doc.treatments.count >= doc.episodes.count * 5)
        #expect(try ExchangeDocument.decode(doc.json) == doc, "the demo document is a valid exchange document")
        #expect(doc.referenceErrors(stored: .init()).isEmpty)

        let bsns = doc.patients.compactMap(\.bsn)
        #expect(bsns.contains { BSN($0) == nil }, "some BSN fails the elfproef")
        #expect(bsns.filter { BSN($0) != nil }.count > 250)
        let jeugd = doc.episodes.filter { $0.practiceId == DemoData.jeugdPractice }
        #expect(jeugd.contains { $0.cbs.referrer == nil }, "some referrer is missing")
        let oefen = doc.episodes.filter { $0.practiceId == DemoData.oefenPractice }
        #expect(oefen.contains { $0.ldo.consent != "given" }, "some episode lacks consent")
        #expect(doc.episodes.contains { $0.end == nil } && doc.episodes.contains { $0.end != nil })
        #expect(doc.episodes.allSatisfy { $0.start <= today && $0.start >= today.adding(days: -730) })
        #expect(doc.treatments.allSatisfy { $0.date <= today })
        let window = DateRange(start: LocalDate(iso: "2026-08-01")!, end: LocalDate(iso: "2026-10-31")!)
        #expect(doc.treatments.contains { window.contains($0.date) && $0.status == "attended" },
                "the LDO window of today has attended treatments")
    }

    @Test("Loading it twice updates the same records", arguments: TestDatabase.available)
    func loadTwice(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let first = try await DemoData.load(into: app.db, seed: 3, today: today, patientsPerPractice: 10)
            let second = try await DemoData.load(into: app.db, seed: 3, today: today, patientsPerPractice: 10)
            #expect(first.patients == 20 && first.updated == 0)
            #expect(second.updated == second.practices + second.employees + second.patients + second.episodes + second.treatments
                    + second.measurements)
            #expect(first.measurements > 0, "the demo has measurements")
            #expect(try await count("patients", on: app.db) == 20)
        }
    }
}
