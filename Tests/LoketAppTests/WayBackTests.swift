// "← Terug" survives a save (issue 17): a page opened from step 2 of the LDO wizard carries
// `terug`; the patient form, the employee form, the Medewerkers list's add form and the
// practice settings keep it on the redirect after a successful save, so the saved page
// still offers the way back to step 2. Only a path on this site is carried.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor
import VaporTesting

@Suite("Way back after a save")
struct WayBackTests {
    static let step2 = LDOWizardStep2Tests.step2
    /// `step2` as Layout.carrying puts it in a query (slashes and dashes kept).
    static let carried = "terug=/praktijken/demo-oefen/aanleveringen/ldo/nieuw/controleren"
    static let backLink = #"<a href="/praktijken/demo-oefen/aanleveringen/ldo/nieuw/controleren" id="terug">← Terug</a>"#
    static let hiddenField = #"<input type="hidden" name="terug" value="/praktijken/demo-oefen/aanleveringen/ldo/nieuw/controleren">"#

    /// A form's values as the browser sends them (a checkbox that is off is left out).
    static func fields(_ form: some Encodable) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(form)) as? [String: Any] ?? [:]
        return object.compactMapValues { $0 as? String }
    }

    @Test("Patient form: the hidden field is on the form, the redirect after saving keeps it, the dossier shows the way back",
          arguments: TestDatabase.available)
    func patient(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let anna = try await DashboardTests.session(app, "behandelaar@oefen.demo")
            let patient = try #require(try await Patient.query(on: app.db).filter(\.$practiceID == DemoData.oefenPractice).first())
            let edit = Paths.editPatient(DemoData.oefenPractice, patient.id!)

            let form = try await anna.get(edit + "?terug=" + Paths.queryValue(Self.step2)).body.string
            var fields = try Self.fields(PatientForm(patient))
            fields["postcode"] = "1234 AB"
            fields["terug"] = Self.step2
            let saved = try await anna.post(edit, fields)

            #expect(form.contains(Self.hiddenField))
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location))
            #expect(location == Paths.patient(DemoData.oefenPractice, patient.id!) + "?opgeslagen=1&" + Self.carried)
            #expect(try await Patient.find(patient.id!, on: app.db)?.postcode == "1234AB", "saved")
            #expect(try await anna.get(location).body.string.contains(Self.backLink), "the dossier offers the way back")
        }
    }

    @Test("Patient form sent back with errors keeps the hidden field", arguments: TestDatabase.available)
    func patientErrors(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let anna = try await DashboardTests.session(app, "behandelaar@oefen.demo")
            let patient = try #require(try await Patient.query(on: app.db).filter(\.$practiceID == DemoData.oefenPractice).first())
            let edit = Paths.editPatient(DemoData.oefenPractice, patient.id!)
            _ = try await anna.get(edit)
            var fields = try Self.fields(PatientForm(patient))
            fields["bsn"] = "123456789"  // fails the elfproef
            fields["terug"] = Self.step2

            let refused = try await anna.post(edit, fields)

            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(Self.hiddenField) && refused.body.string.contains(Self.backLink))
        }
    }

    @Test("Employee form and the Medewerkers list keep the way back after saving", arguments: TestDatabase.available)
    func employee(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let bram = try await DashboardTests.session(app, "administratie@oefen.demo")
            let p = DemoData.oefenPractice, smit = "demo-oefen-e4"

            let form = try await bram.get(Paths.employee(p, smit) + "?terug=" + Paths.queryValue(Self.step2)).body.string
            let saved = try await bram.post(Paths.employee(p, smit), ["name": "L. Smit", "big": "19012345601", "agb": "", "terug": Self.step2])
            let list = try await bram.get(try #require(saved.headers.first(name: .location))).body.string
            let added = try await bram.post(Paths.employees(p), ["name": "K. de Jong", "big": "", "agb": "", "terug": Self.step2])

            #expect(form.contains(Self.hiddenField))
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == Paths.employees(p) + "?" + Self.carried)
            #expect(try await Employee.find(smit, on: app.db)?.big == "19012345601", "saved")
            #expect(list.contains(Self.backLink), "the list offers the way back")
            #expect(list.contains(Self.hiddenField), "its add form carries it too")
            #expect(list.contains(#"href="/praktijken/demo-oefen/medewerkers/demo-oefen-e4?"# + Self.carried + #"""#),
                    "a medewerker opened from the list keeps the way back")
            #expect(added.status == .seeOther && added.headers.first(name: .location) == Paths.employees(p) + "?" + Self.carried)
        }
    }

    @Test("Practice settings: the hidden field is on the form and the redirect after saving keeps it", arguments: TestDatabase.available)
    func settings(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let bram = try await DashboardTests.session(app, "administratie@oefen.demo")
            let practice = try #require(try await Practice.find(DemoData.oefenPractice, on: app.db))
            let settings = Paths.settings(practice.id!)

            let form = try await bram.get(settings + "?terug=" + Paths.queryValue(Self.step2)).body.string
            var fields = try Self.fields(PracticeSettingsForm(practice))
            fields["kvk"] = "12345678"
            fields["terug"] = Self.step2
            let saved = try await bram.post(settings, fields)

            #expect(form.contains(Self.hiddenField))
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location))
            #expect(location == settings + "?opgeslagen=1&" + Self.carried)
            #expect(try await Practice.find(practice.id!, on: app.db)?.kvk == "12345678", "saved")
            let page = try await bram.get(location).body.string
            #expect(page.contains(Self.backLink) && page.contains("De instellingen zijn opgeslagen."))
        }
    }

    @Test("Only a path on this site is carried: another site, a protocol-relative or a backslash path is dropped",
          arguments: ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/\tevil", ""])
    func onlyLocal(_ back: String) {
        #expect(Layout.carrying(back, to: "/praktijken/p1/instellingen?opgeslagen=1") == "/praktijken/p1/instellingen?opgeslagen=1")
        #expect(Layout.returnPath(back) == nil)
    }

    @Test("A local path is carried, before the fragment, encoded for a query")
    func carried() {
        #expect(Layout.carrying("/a/b?x=1&y=2", to: "/p?opgeslagen=1#ldo") == "/p?opgeslagen=1&terug=/a/b%3Fx%3D1%26y%3D2#ldo")
        #expect(Layout.carrying("/a", to: "/p") == "/p?terug=/a")
    }

    @Test("A hostile `terug` on a save is dropped from the redirect", arguments: TestDatabase.available)
    func hostileOnSave(_ kind: TestDatabase) async throws {
        try await DashboardTests.withDemo(kind) { app in
            let bram = try await DashboardTests.session(app, "administratie@oefen.demo")
            let p = DemoData.oefenPractice
            _ = try await bram.get(Paths.employee(p, "demo-oefen-e4"))

            let saved = try await bram.post(Paths.employee(p, "demo-oefen-e4"),
                                            ["name": "L. Smit", "big": "", "agb": "", "terug": "//evil.example/"])

            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == Paths.employees(p))
        }
    }
}
