// LDO wizard step 2 (issue 17): the control messages grouped by cause with their counts,
// every episode with its patient number and start date, the episodes left out for want of
// consent listed, each link going where the fix is made with the way back to step 2, and
// step 1's button showing progress while the check runs.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("LDO wizard step 2")
struct LDOWizardStep2Tests {
    static let step2 = "/praktijken/demo-oefen/aanleveringen/ldo/nieuw/controleren"
    static let terug = "?terug=%2Fpraktijken%2Fdemo%2Doefen%2Faanleveringen%2Fldo%2Fnieuw%2Fcontroleren"

    static func finding(_ field: String, _ kind: Finding.Kind = .missing) -> Finding {
        Finding(field: field, kind: kind, message: "\(field) \(kind.rawValue)")
    }

    @Test("Grouping: one cause per field and kind, a BIG number per practitioner, most episodes first")
    func grouping() {
        let exclusions: [(episodeId: String, findings: [Finding])] = [
            ("e1", [Self.finding("big"), Self.finding("postcode")]),
            ("e2", [Self.finding("big")]),
            ("e3", [Self.finding("big")]),
            ("e4", [Self.finding("postcode", .invalid)]),
            ("e5", [Self.finding("dcsph"), Self.finding("big")]),
        ]
        let practitioner = ["e1": "smit", "e2": "smit", "e3": "smit", "e5": "bos"]

        let groups = LDOCauses.group(exclusions, practitioner: { practitioner[$0] })

        #expect(groups.map(\.episodeIds) == [["e1", "e2", "e3"], ["e1"], ["e4"], ["e5"], ["e5"]])
        #expect(groups.map(\.key.practitioner) == ["smit", nil, nil, nil, "bos"], "a BIG number is one cause per practitioner")
        #expect(groups[1].key.kind == .missing && groups[2].key.kind == .invalid, "missing and invalid are two causes")
        #expect(LDOCauses.headline(groups[0], practitionerName: "L. Smit") == "L. Smit heeft geen BIG-nummer")
        #expect(LDOCauses.headline(groups[1], practitionerName: nil) == "postcode missing", "other causes keep the rule's message")
    }

    @Test("Where a fix is made, by the finding's field", arguments: [
        ("kvk", LDOCauses.Place.practice), ("big", .employee), ("postcode", .patient), ("birthDate", .patient),
        ("sex", .patient), ("mainPractitioner", .episode), ("dcsph", .episode), ("referrerType", .episode),
        ("accessRoute", .episode), ("endReason", .episode), ("end", .episode),
    ])
    func places(_ field: String, _ place: LDOCauses.Place) {
        #expect(LDOCauses.Place(field: field) == place)
    }

    @Test("Step 2 groups by cause, lists every episode with number and start date, links to the fix with the way back", arguments: TestDatabase.available)
    func page(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let bram = try await DashboardTests.session(app, "administratie@oefen.demo")
            let practice = try #require(try await Practice.find(DemoData.oefenPractice, on: app.db))
            let report = try await LDOCheckReport.run(on: app.db, practice: practice, deliveryDate: TestDatabase.today)
            let blocked = report.excluded.filter { $0.findings.contains { $0.field == "big" } }.count

            let html = try await bram.get(Self.step2).body.string

            // One line for L. Smit, with the count and one link to the employee.
            #expect(html.contains(#"<strong class="ldo-cause-headline">L. Smit heeft geen BIG-nummer</strong>: <span class="ldo-cause-count">\#(blocked) episodes</span>"#))
            #expect(html.contains(#"href="/praktijken/demo-oefen/medewerkers/demo-oefen-e4\#(Self.terug)">Naar de medewerker</a>"#))
            #expect(html.components(separatedBy: "L. Smit heeft geen BIG-nummer").count == 2 + blocked,
                    "the headline once, and in the Melding column of each of its episodes")
            // Every episode with findings, under each of its causes, with its start date.
            let rows = report.excluded.reduce(0) { $0 + Set($1.findings.map { f in "\(f.field)|\(f.kind)" }).count }
            #expect(html.components(separatedBy: "class=\"ldo-fix\"").count - 1 == rows)
            let info = try await EpisodePatients.info(ofEpisodes: report.excluded.map(\.episodeId), practice: "demo-oefen", on: app.db)
            for e in info.values {
                #expect(html.contains(#"\#(e.patientNumber)</a></td><td>\#(e.patientName)</td><td>\#(dutchDate(iso: e.start)!)</td>"#))
            }
            // A postcode is fixed on the patient, an episode's data on the episode.
            if let postcode = report.excluded.first(where: { $0.findings.contains { $0.field == "postcode" } }), let e = info[postcode.episodeId] {
                #expect(html.contains(#"href="/praktijken/demo-oefen/patienten/\#(e.patientID)/bewerken\#(Self.terug)">Naar de patiënt</a>"#))
            }
            if let dcsph = report.excluded.first(where: { $0.findings.contains { $0.field == "dcsph" } }) {
                #expect(html.contains(#"href="/praktijken/demo-oefen/episodes/\#(dcsph.episodeId)\#(Self.terug)">Naar de episode</a>"#))
            }
            // The episodes without consent, listed, as many as counted.
            #expect(report.excludedForConsent > 0)
            let consentTable = try #require(html.components(separatedBy: "table class=\"list ldo-without-consent\"").last)
            #expect(consentTable.components(separatedBy: "<tr><td>").count - 1 == report.excludedForConsent)
            #expect(consentTable.contains("Bezwaar") || consentTable.contains("Niet gevraagd") || consentTable.contains("Niet geregistreerd"))
        }
    }

    @Test("A patient with two episodes is told apart by the start date", arguments: TestDatabase.available)
    func twoEpisodes(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let bram = try await DashboardTests.session(app, "administratie@oefen.demo")
            // One patient with two episodes kept out: the second of two excluded episodes
            // (different start dates) is moved to the first one's patient.
            let practice = try #require(try await Practice.find(DemoData.oefenPractice, on: app.db))
            let before = try await LDOCheckReport.run(on: app.db, practice: practice, deliveryDate: TestDatabase.today)
            // Kept out by L. Smit's BIG number, so they stay out whoever their patient is.
            let bySmit = before.excluded.filter { $0.findings.contains { $0.field == "big" } }.map(\.episodeId)
            let all = try await EpisodePatients.info(ofEpisodes: bySmit, practice: "demo-oefen", on: app.db)
            let first = try #require(all.values.sorted { $0.id < $1.id }.first)
            let second = try #require(all.values.sorted { $0.id < $1.id }.first { $0.start != first.start && $0.patientID != first.patientID })
            try await (app.db as! any SQLDatabase).raw("UPDATE episodes SET patient_id = \(bind: first.patientID) WHERE id = \(bind: second.id)").run()
            let report = try await LDOCheckReport.run(on: app.db, practice: practice, deliveryDate: TestDatabase.today)
            let info = try await EpisodePatients.info(ofEpisodes: report.excluded.map(\.episodeId), practice: "demo-oefen", on: app.db)
            let byPatient = Dictionary(grouping: info.values, by: \.patientID).filter { $0.value.count > 1 }
            try #require(byPatient[first.patientID]?.count == 2)

            let html = try await bram.get(Self.step2).body.string

            for (_, episodes) in byPatient {
                for e in episodes {
                    #expect(html.contains(#"<a href="/praktijken/demo-oefen/episodes/\#(e.id)">\#(e.patientNumber)</a></td><td>\#(e.patientName)</td><td>\#(dutchDate(iso: e.start)!)</td>"#))
                }
            }
            #expect(html.contains(#"<th scope="col">Startdatum episode</th>"#))
        }
    }

    @Test("Step 1's button runs the check with progress shown; a behandelaar may not open step 2", arguments: TestDatabase.available)
    func progress(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let bram = try await DashboardTests.session(app, "administratie@oefen.demo")
            let anna = try await DashboardTests.session(app, "behandelaar@oefen.demo")

            let step1 = try await bram.get("/praktijken/demo-oefen/aanleveringen/ldo/nieuw").body.string

            #expect(step1.contains(#"<form method="get" action="\#(Self.step2)" class="actions" data-busy="Bezig met controleren"#))
            #expect(step1.contains(#"<button type="submit" id="ldo-next">Volgende: controleren</button>"#))
            #expect(try await anna.get(Self.step2).status == .forbidden)
        }
    }
}
