// The audit log page in Dutch: every action has a Dutch name, and the stored English details
// are translated when shown, while what the chain holds stays as it was written.

import Fluent
import Foundation
@testable import LoketApp
import LoketCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Audit log in Dutch")
struct AuditLogDutchTests {
    @Test("Every action has a Dutch name; an unknown one is shown as stored")
    func labels() {
        for action in AuditAction.allCases {
            let label = AuditLogPage.label(action.rawValue)
            #expect(label != action.rawValue && !label.contains("."), "\(action.rawValue) → \(label)")
        }
        #expect(Set(AuditAction.allCases.map { AuditLogPage.label($0) }).count == AuditAction.allCases.count, "no two actions read the same")
        #expect(AuditLogPage.label("ldo.view") == "LDO-aanlevering bekeken")
        #expect(AuditLogPage.label("future.action") == "future.action")
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String, action: String, stored: String, shown: String
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "the patient list", action: "patient.search", stored: "list: 151 results, page 1", shown: "lijst: 151 resultaten, pagina 1"),
        Row(name: "a patient search", action: "patient.search", stored: "search: 3 results, page 2", shown: "zoekopdracht: 3 resultaten, pagina 2"),
        Row(name: "the audit log filtered by a user, by name", action: "audit.view", stored: "filter user user:u1", shown: "filter op gebruiker Dave"),
        Row(name: "the audit log filtered by an unknown user", action: "audit.view", stored: "filter user user:zz", shown: "filter op gebruiker user:zz"),
        Row(name: "the changed fields of a patient", action: "patient.change", stored: "bsn,postcode", shown: "BSN, postcode"),
        Row(name: "a treatment's new status", action: "treatment.change", stored: "t_1 no_show", shown: "t_1 niet verschenen"),
        Row(name: "a treatment added", action: "treatment.change", stored: "added t_1", shown: "toegevoegd: t_1"),
        Row(name: "an episode created", action: "episode.change", stored: "created ep_1", shown: "aangemaakt: ep_1"),
        Row(name: "an episode changed: its id", action: "episode.change", stored: "ep_1", shown: "ep_1"),
        Row(name: "the practice settings", action: "practice.change", stored: "settings", shown: "instellingen"),
        Row(name: "two-factor required", action: "practice.change", stored: "two-factor sign-in required", shown: "tweestapsverificatie verplicht"),
        Row(name: "an employee added", action: "employee.change", stored: "added emp_1", shown: "toegevoegd: emp_1"),
        Row(name: "the LDO check", action: "ldo.check",
            stored: "window 2026-08-01…2026-10-31: 10 included, 2 with findings, 3 without consent, web",
            shown: "venster 2026-08-01…2026-10-31: 10 mee, 2 met meldingen, 3 zonder toestemming, op het scherm"),
        Row(name: "an LDO delivery", action: "ldo.deliver",
            stored: "ldo_1 window 2026-08-01…2026-10-31: 10 episodes, 2 with findings, 3 without consent",
            shown: "ldo_1 venster 2026-08-01…2026-10-31: 10 episodes, 2 met meldingen, 3 zonder toestemming"),
        Row(name: "a processing report", action: "ldo.report", stored: "ldo_1 processed: 9 accepted, 1 rejected", shown: "ldo_1 verwerkt: 9 goedgekeurd, 1 afgekeurd"),
        Row(name: "a rejected delivery's report", action: "ldo.report", stored: "ldo_1 rejected: 0 accepted, 0 rejected", shown: "ldo_1 afgekeurd: 0 goedgekeurd, 0 afgekeurd"),
        Row(name: "a report downloaded", action: "ldo.view", stored: "ldo_1 report download", shown: "ldo_1 verwerkingsverslag gedownload"),
        Row(name: "a page of a delivery", action: "ldo.view", stored: "ldo_1 page 2", shown: "ldo_1 pagina 2"),
        Row(name: "a stored CBS control", action: "cbs.control", stored: "ctl_1 JH-1 2026: 40 rows, 38 deliverable, stored",
            shown: "ctl_1 JH-1 2026: 40 regels, 38 aanleverbaar, opgeslagen"),
        Row(name: "a CBS control viewed as a spreadsheet", action: "cbs.control", stored: "view JH-1 2026: 40 rows, 38 deliverable, xlsx",
            shown: "bekeken JH-1 2026: 40 regels, 38 aanleverbaar, als Excel"),
        Row(name: "the preview of a definitive delivery", action: "cbs.control", stored: "preview JH-1 2026: 40 rows, 38 deliverable, 36 records",
            shown: "voorbeeld JH-1 2026: 40 regels, 38 aanleverbaar, 36 records"),
        Row(name: "a definitive CBS delivery", action: "cbs.final", stored: "cbs_1 JH-1 2026: 38 of 40 rows, 36 records",
            shown: "cbs_1 JH-1 2026: 38 van 40 regels, 36 records"),
        Row(name: "a withdrawal", action: "cbs.withdraw", stored: "cbs_2 JH-1 2026 withdrawn; cbs_1 is current again",
            shown: "cbs_2 JH-1 2026 ingetrokken; cbs_1 is weer de huidige"),
        Row(name: "the changes of a delivery", action: "cbs.view", stored: "cbs_2 changes against cbs_1", shown: "cbs_2 wijzigingen ten opzichte van cbs_1"),
        Row(name: "an import", action: "import",
            stored: "1 practices, 2 employees, 3 patients, 4 episodes, 5 treatments (2 updated, the rest new)",
            shown: "1 praktijken, 2 medewerkers, 3 patiënten, 4 episodes, 5 behandelingen (2 bijgewerkt, de rest nieuw)"),
        Row(name: "an export", action: "export", stored: "3 patients, 4 episodes, 5 treatments", shown: "3 patiënten, 4 episodes, 5 behandelingen"),
        Row(name: "the audit key", action: "audit.key", stored: "entries from 12 on are keyed", shown: "regels vanaf 12 met de sleutel beveiligd"),
        Row(name: "a user added on the command line", action: "user.create", stored: "u_1 as beheerder", shown: "u_1 als beheerder"),
        Row(name: "a token: its id", action: "token.create", stored: "tok_1", shown: "tok_1"),
        Row(name: "a detail no table knows", action: "future.action", stored: "something else", shown: "something else"),
    ]

    @Test("Stored details read in Dutch", arguments: rows)
    func details(_ row: Row) {
        #expect(AuditDetailDutch.text(row.stored, action: row.action, names: ["user:u1": "Dave"]) == row.shown)
    }

    @Test("The page shows actions and details in Dutch; the chain keeps the stored text", arguments: TestDatabase.available)
    func page(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let alice = WebSession(app)
            try await alice.signIn("alice@p1.test")
            _ = try await alice.get("/praktijken/p1/patienten")
            let dave = WebSession(app)
            try await dave.signIn("dave@p1.test")

            let page = try await dave.get("/praktijken/p1/auditlog").body.string

            #expect(page.contains("Patiëntenlijst bekeken"))
            #expect(page.contains("resultaten, pagina 1"))
            #expect(!page.contains(">patient.search<") && !page.contains(">list: "))
            #expect(page.contains(#"title="list: "#), "the stored text is there to read")
            let stored = try await (app.db as! any SQLDatabase).raw("SELECT detail FROM audit_entries WHERE action = 'patient.search'")
                .all().map { try $0.decode(column: "detail", as: String.self) }
            #expect(stored.count == 1 && stored[0].hasPrefix("list: ") && stored[0].hasSuffix("results, page 1"))
            #expect(try await AuditVerification.verify(on: app.db) == .intact(entries: Int64(try await entryCount(app))))
        }
    }

    private func entryCount(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_entries").first()!.decode(column: "n", as: Int.self)
    }
}
