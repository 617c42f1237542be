// The queries that feed the registry rules select exactly what the rules would select
// from the same data held in memory: SQL narrows by practice and dates, LoketCore decides.

import Crypto
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor

@Suite("Registry queries")
struct RegistryQueryTests {
    let today = LocalDate(iso: "2026-11-22")!

    @Test("CBS: the query's episodes are the rules' selection", arguments: TestDatabase.available)
    func cbs(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let doc = DemoData.document(seed: 11, today: today, patientsPerPractice: 60)
            _ = try await ExchangeImport.run(doc, on: app.db, actor: "test")
            let patients = Dictionary(uniqueKeysWithValues: doc.patients.map { ($0.id, $0) })
            for period in [HalfYear(year: 2026, half: 1)!, HalfYear(year: 2026, half: 2)!, HalfYear(year: 2025, half: 1)!] {
                let expected = doc.episodes.filter { $0.practiceId == DemoData.jeugdPractice }.compactMap { e -> String? in
                    let p = patients[e.patientId]!
                    let episode = CBS.Episode(id: e.id, patientNumber: p.number, patientName: p.name ?? "", bsn: p.bsn,
                                              birthDate: p.birthDate, sex: p.sex, postcode: p.postcode,
                                              municipalityCode: p.municipalityCode, start: e.start, end: e.end,
                                              careType: e.cbs.careType, startedInCrisis: e.cbs.startedInCrisis,
                                              referrer: e.cbs.referrer, perspective: e.cbs.perspective, endReason: e.cbs.endReason,
                                              youthSatisfaction: e.cbs.youthSatisfaction,
                                              youthWithoutFurtherHelp: e.cbs.youthWithoutFurtherHelp,
                                              parentSatisfaction: e.cbs.parentSatisfaction,
                                              parentWithoutFurtherHelp: e.cbs.parentWithoutFurtherHelp)
                    return CBS.isSelected(episode, in: period.range) ? e.id : nil
                }.sorted()

                var selected: [String] = []
                try await CBSEpisodeQuery.forEach(on: app.db, practice: DemoData.jeugdPractice, period: period.range) {
                    selected.append($0.id)
                }

                #expect(selected == expected, "\(period)")
                #expect(!selected.isEmpty || period.year == 2025, "\(period) has episodes to show")
            }
        }
    }

    @Test("LDO: candidates are the episodes with an attended treatment in the window", arguments: TestDatabase.available)
    func ldo(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let doc = DemoData.document(seed: 12, today: today, patientsPerPractice: 60)
            _ = try await ExchangeImport.run(doc, on: app.db, actor: "test")
            let window = LDO.window(deliveryDate: today)
            let expected = Set(doc.treatments.filter { $0.status == "attended" && window.contains($0.date) }.map(\.episodeId))
                .filter { id in doc.episodes.first { $0.id == id }?.practiceId == DemoData.oefenPractice }

            let practice = try #require(try await Practice.find(DemoData.oefenPractice, on: app.db))
            var seen: [LDO.Episode] = []
            try await LDOEpisodeQuery.forEach(on: app.db, practice: practice, window: window) { seen.append($0) }

            #expect(Set(seen.map(\.id)) == expected)
            #expect(seen.map(\.id) == seen.map(\.id).sorted(), "in episode order")
            let attended = Dictionary(grouping: doc.treatments.filter { $0.status == "attended" }, by: \.episodeId)
            for e in seen {
                #expect(e.treatments.count == attended[e.id]?.count, "\(e.id): every attended treatment, also outside the window")
                #expect(e.patientPseudonym.count == 64 && !e.patientPseudonym.contains("pt"))
            }
            let patientOf = Dictionary(uniqueKeysWithValues: doc.episodes.map { ($0.id, $0.patientId) })
            let key = SymmetricKey(data: Data(practice.ldoSecret.utf8))
            // Computed here in one call, not from the query's prepared HMAC, so the two are checked against each other.
            func pseudonymOf(_ episode: String) -> String {
                let mac = HMAC<SHA256>.authenticationCode(for: Data(patientOf[episode]!.utf8), using: key)
                return mac.map { String(format: "%02x", $0) }.joined()
            }
            #expect(seen.allSatisfy { $0.patientPseudonym == pseudonymOf($0.id) })
            var selection = LDO.Selection()
            for e in seen { selection.add(e, practice: LDOEpisodeQuery.practice(practice), window: window) }
            #expect(selection.candidates == seen.count)
            #expect(selection.includedIds.count > 0 && selection.excluded.count > 0 && selection.excludedForConsent > 0,
                    "the demo data gives every outcome")
        }
    }
}
