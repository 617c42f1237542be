// Measurements and the LDO v2 fields on real databases (issue 18, spec/ldo.md §4): the
// episode page's "Metingen" (add, correct, remove; errors save nothing), the new fields of
// "Gegevens LDO", the exchange format's measurements, and a delivery that carries them and
// validates against the v2 XSD while the check warns of what it leaves out.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Measurements for the sample document's episode ep1: a start and an end one, and one
/// whose score was never filled in.
let sampleMeasurements = """
{
  "format": "loket-exchange/1",
  "measurements": [
    { "id": "m1", "episodeId": "ep1", "instrument": "PSK", "moment": "start", "date": "2026-01-10", "score": 7.50 },
    { "id": "m2", "episodeId": "ep1", "instrument": "PSK", "moment": "end", "date": "2026-02-01", "score": 3 },
    { "id": "m3", "episodeId": "ep1", "instrument": "NPRS", "moment": "interim", "date": "2026-01-20", "score": null }
  ]
}
"""

@Suite("LDO measurements and the v2 fields")
struct MeasurementTests {
    @Test("A measurement is added, corrected and removed on the episode page, each audited; errors save nothing",
          arguments: TestDatabase.available)
    func episodePage(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            let empty = try await alice.get("/praktijken/p1/episodes/ep1").body.string
            #expect(empty.contains(#"<h2 id="metingen">Metingen</h2>"#) && empty.contains("code 998"))
            #expect(empty.contains(#"<option value="PSK">"#), "the common instruments are offered")

            let bad = try await alice.post("/praktijken/p1/episodes/ep1/metingen",
                                           ["instrument": "", "moment": "begin", "date": "morgen", "score": "veel"])
            #expect(bad.status == .unprocessableEntity)
            for message in ["Kies een instrument of vul de code in.", "Kies begin, tussentijds of eind.", "Vul een geldige datum in.",
                            "Vul een getal in, zoals 7 of 7,5."] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            #expect(bad.body.string.contains(#"value="morgen""#), "what was typed stays in the form")
            let long = try await alice.post("/praktijken/p1/episodes/ep1/metingen",
                                            ["instrument": String(repeating: "X", count: 21), "moment": "start", "date": "2026-01-10"])
            #expect(long.status == .unprocessableEntity && long.body.string.contains("hoogstens 20 tekens"))
            for hostile in ["nan", "inf", "0x1p3", "1e999", "2000000"] {
                let res = try await alice.post("/praktijken/p1/episodes/ep1/metingen",
                                               ["instrument": "PSK", "moment": "start", "date": "2026-01-10", "score": hostile])
                #expect(res.status == .unprocessableEntity, "score \(hostile)")
            }
            #expect(try await Measurement.query(on: app.db).count() == 0, "nothing saved")

            let added = try await alice.post("/praktijken/p1/episodes/ep1/metingen",
                                             ["instrument": "psk", "moment": "start", "date": "2026-01-10", "score": "7,5"])
            #expect(added.status == .seeOther)
            let m = try #require(try await Measurement.query(on: app.db).first())
            #expect(m.episodeID == "ep1" && m.instrument == "PSK" && m.moment == "start" && m.date == "2026-01-10" && m.score == 7.5)
            let shown = try await alice.get("/praktijken/p1/episodes/ep1?meting-opgeslagen=1").body.string
            #expect(shown.contains("De meting is opgeslagen.") && shown.contains("<td>7,5</td>") && shown.contains("<td>Begin</td>"))

            let editing = try await alice.get("/praktijken/p1/episodes/ep1?meting=\(m.id!)").body.string
            #expect(editing.contains("Meting corrigeren") && editing.contains(#"value="7,5""#)
                    && editing.contains(#"action="/praktijken/p1/episodes/ep1/metingen/\#(m.id!)""#))
            let corrected = try await alice.post("/praktijken/p1/episodes/ep1/metingen/\(m.id!)",
                                                 ["instrument": "PSK", "moment": "start", "date": "2026-01-11", "score": ""])
            #expect(corrected.status == .seeOther)
            let after = try #require(try await Measurement.find(m.id!, on: app.db))
            #expect(after.date == "2026-01-11" && after.score == nil, "a score may be cleared")
            let unsent = try await alice.get("/praktijken/p1/episodes/ep1").body.string
            #expect(unsent.contains("Zonder score gaat deze meting niet mee naar de LDO."))

            let removed = try await alice.post("/praktijken/p1/episodes/ep1/metingen/\(m.id!)/verwijderen", [:])
            #expect(removed.status == .seeOther)
            #expect(try await Measurement.find(m.id!, on: app.db) == nil)

            let audit = try await (app.db as! any SQLDatabase).raw("SELECT detail FROM audit_entries WHERE action = 'measurement.change' ORDER BY seq")
                .all().map { try $0.decode(column: "detail", as: String.self) }
            #expect(audit == ["added \(m.id!)", "changed \(m.id!)", "removed \(m.id!)"])
        }
    }

    @Test("Only who may change the care record changes measurements, and only of their practice", arguments: TestDatabase.available)
    func access(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            _ = try await ExchangeImport.run(Array(sampleMeasurements.utf8), on: app.db, actor: "test")
            let form = ["instrument": "PSK", "moment": "start", "date": "2026-01-10", "score": "1"]
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            #expect(try await carol.get("/praktijken/p1/episodes/ep1").status == .ok, "she reads the episode")
            #expect(try await carol.post("/praktijken/p1/episodes/ep1/metingen", form).status == .forbidden)
            #expect(try await carol.post("/praktijken/p1/episodes/ep1/metingen/m1/verwijderen", [:]).status == .forbidden)
            let bob = WebSession(app)
            try await bob.signIn("bob@p2.test")
            #expect(try await bob.get("/praktijken/p2/episodes/ep2").status == .ok)
            #expect(try await bob.post("/praktijken/p1/episodes/ep1/metingen/m1", form).status == .forbidden)
            #expect(try await bob.post("/praktijken/p2/episodes/ep2/metingen/m1", form).status == .notFound,
                    "a measurement of another practice's episode is not found through one's own")
            #expect(try await Measurement.find("m1", on: app.db)?.score == 7.5)
        }
    }

    @Test("Referral date, screening conclusion and chronic flag save in Gegevens LDO; a wrong value saves nothing",
          arguments: TestDatabase.available)
    func ldoFields(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/episodes/ep1")
            let base = ["start": "2026-01-10", "mainPractitionerID": "e1", "ldoSection": "1", "ldoConsent": "given",
                        "ldoAccessRoute": "referral", "ldoReferrerType": "huisarts", "ldoDCSPH": "1906"]
            let bad = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(
                ["ldoReferralDate": "32-01-2026", "ldoScreeningConclusion": "maybe", "ldoChronic": "soms"]) { $1 })
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Vul een geldige datum in.") && bad.body.string.contains("Kies ja, nee of niets."))
            #expect(try await Episode.find("ep1", on: app.db)?.ldoReferralDate == nil)

            let good = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(
                ["ldoReferralDate": "2026-01-05", "ldoScreeningConclusion": "treat", "ldoChronic": "ja"]) { $1 })
            #expect(good.status == .seeOther)
            let e = try #require(try await Episode.find("ep1", on: app.db))
            #expect(e.ldoReferralDate == "2026-01-05" && e.ldoScreeningConclusion == "treat" && e.ldoChronic == true)
            let page = try await alice.get("/praktijken/p1/episodes/ep1").body.string
            #expect(page.contains(#"value="2026-01-05""#) && page.contains(#"<option value="ja" selected>"#))

            _ = try await alice.post("/praktijken/p1/episodes/ep1", base.merging(["ldoChronic": ""]) { $1 })
            #expect(try await Episode.find("ep1", on: app.db)?.ldoChronic == nil, "empty means not registered")
        }
    }

    @Test("The delivery carries the measurements and the v2 fields and validates; the check warns of the one without a score",
          arguments: TestDatabase.available)
    func delivery(_ kind: TestDatabase) async throws {
        try await withApp(kind) { (app: Application) async throws in
            let folder = try LDODeliveryTests.folder()
            let practice = try await LDODeliveryTests.prepare(app, folder: folder)
            let imported = try await ExchangeImport.run(Array(sampleMeasurements.utf8), on: app.db, actor: "test")
            #expect(imported.measurements == 3)
            let episode = try #require(try await Episode.find("ep1", on: app.db))
            episode.ldoReferralDate = "2026-01-05"
            episode.ldoChronic = false
            try await episode.save(on: app.db)

            let report = try await LDOCheckReport.run(on: app.db, practice: practice, deliveryDate: LDODeliveryTests.deliveryDate)
            #expect(report.included == ["ep1"], "a warning keeps nothing out")
            #expect(report.warnings.map(\.episodeId) == ["ep1"])
            #expect(report.warnings.first?.findings.map { "\($0.field)/\($0.kind.rawValue)/\($0.severity.rawValue)" } == ["measurements/missing/warning"])

            let d = try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: LDODeliveryTests.deliveryDate, in: app.useCase(actor: "cli:test"))
            let path = folder + "/" + d.fileName
            #expect(try LDODeliveryTests.validates(path))
            let xml = try String(contentsOfFile: path, encoding: .utf8)
            #expect(xml.contains("<Formaatversie>2</Formaatversie>"))
            #expect(xml.contains("<Verwijsdatum>2026-01-05</Verwijsdatum>") && xml.contains("<Chronisch>nee</Chronisch>"))
            #expect(xml.contains("<Instrument>PSK</Instrument>\n        <Moment>begin</Moment>\n        <Datum>2026-01-10</Datum>\n        <Score>7.5</Score>"))
            #expect(xml.contains("<Moment>eind</Moment>") && !xml.contains("NPRS") && !xml.contains("<Instrument>998</Instrument>"))

            // "Aangeleverde gegevens" shows them, read back from what was sent.
            var records: [String] = []
            try await LDODeliveryRecords.forEach(delivery: d.id!, on: app.db) { records.append($0) }
            let fields = LDORecordLayout.current.readableFields(of: try #require(records.first))
            #expect(fields.filter { $0.label == "Meting" }.map(\.value) == ["PSK, begin, 2026-01-10, 7.5", "PSK, eind, 2026-02-01, 3"])
        }
    }

    @Test("Measurements round-trip through export and import byte for byte; their structural errors have paths",
          arguments: TestDatabase.available)
    func exchange(_ kind: TestDatabase) async throws {
        var first = ""
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(sampleDocument.utf8), on: app.db, actor: "test")
            _ = try await ExchangeImport.run(Array(sampleMeasurements.utf8), on: app.db, actor: "test")
            let out = TextBox()
            try await ExchangeExport.run(on: app.db, practice: "p1") { out.text += $0 }
            first = out.text
            #expect(first.contains(#""score": 7.5"#) && first.contains(#""score": null"#) && first.contains(#""moment": "interim""#))

            let broken = """
                {"format": "loket-exchange/1", "measurements": [
                  {"id": "m9", "episodeId": "nope", "moment": "begin", "date": "2026-13-01", "score": "7", "unit": "x"},
                  {"id": "m1", "episodeId": "ep1", "score": 1e999}]}
                """
            do {
                _ = try await ExchangeImport.run(Array(broken.utf8), on: app.db, actor: "test")
                Issue.record("a broken document imports nothing")
            } catch let errors as ExchangeErrors {
                let paths = errors.errors.map(\.path)
                for path in ["measurements[0].unit", "measurements[0].moment", "measurements[0].date", "measurements[0].score", "measurements[1].score"] {
                    #expect(paths.contains(path), "\(path) in \(paths)")
                }
            }
            #expect(try await Measurement.find("m1", on: app.db)?.score == 7.5, "nothing changed")
        }
        try await withApp(kind) { (app: Application) async throws in
            _ = try await ExchangeImport.run(Array(first.utf8), on: app.db, actor: "test")
            let out = TextBox()
            try await ExchangeExport.run(on: app.db, practice: "p1") { out.text += $0 }
            #expect(out.text == first)
        }
    }
}
