// Page model of "Wijzigingen": what a definitive delivery changes against the definitive
// delivery before it for the same period (CBSFinalChanges). Records are shown by patient
// number, never by BSN; a record whose BSN is a placeholder or no longer on a patient says so.

import LoketCore

struct CBSChangesPage: Encodable {
    struct Line: Encodable {
        var patientNumber: String
        var href: String?
        var careType: String
        var startDate: String
        /// For a changed record: "Postcode: 3511AB → 1234AB", one per field.
        var changes: [String]
    }

    struct Section: Encodable {
        var id: String
        var title: String
        /// The count's word in the summary line ("toegevoegd").
        var word: String
        var explanation: String
        var count: Int
        var lines: [Line]
        /// How many are not listed (the page lists the first `shown`).
        var more: Int
    }

    var title = "Wijzigingen in de aanlevering"
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var subtabs: [PracticeTab]
    /// "JH-1 2026, gemaakt op … door …"
    var delivery: String
    /// The one compared with, or nil for the first of its period.
    var previous: String?
    var unchanged: Int
    var sections: [Section]
    var backHref: String

    static let shown = 500

    static func sections(_ c: CBS.RecordChanges, practice: String, patients: [String: (id: String, number: String)]) -> [Section] {
        func line(_ r: CBS.FileRecord, changes: [String] = []) -> Line {
            let bsn = r[.bsn] ?? ""
            let patient = patients[bsn]
            return Line(patientNumber: patient?.number ?? (CBS.isPlaceholderBSN(bsn) ? "BSN onbekend" : "geen patiënt met dit BSN"),
                        href: patient.map { Paths.patient(practice, $0.id) }, careType: r[.careType] ?? "",
                        startDate: value(r[.startDate] ?? "", of: .startDate), changes: changes)
        }
        func section(_ id: String, _ title: String, _ explanation: String, _ lines: [Line]) -> Section {
            Section(id: id, title: title, word: title.lowercased(), explanation: explanation, count: lines.count, lines: Array(lines.prefix(shown)),
                    more: max(0, lines.count - shown))
        }
        return [
            section("added", "Toegevoegd", "Records die in de vorige aanlevering niet stonden.", c.added.map { line($0) }),
            section("removed", "Verwijderd", "Records die niet meer in het bestand staan: CBS verwijdert ze bij deze herlevering.",
                    c.removed.map { line($0) }),
            section("changed", "Gewijzigd", "Zelfde BSN, datum aanvang en hulpvorm, met een andere waarde.", c.changed.map { change in
                line(change.after, changes: change.fields.map { field in
                    "\(field.title): \(value(change.before[field] ?? "", of: field)) → \(value(change.after[field] ?? "", of: field))"
                })
            }),
        ]
    }

    /// A file value as the page shows it: dates as dd-mm-jjjj (00 stays for an unknown day
    /// or month), an empty value as a dash.
    static func value(_ text: String, of field: CBS.Field) -> String {
        guard !text.isEmpty else { return "—" }
        guard [.birthDate, .startDate, .endDate].contains(field), text.count == 8, text.allSatisfy(\.isNumber) else { return text }
        let t = Array(text)
        return "\(String(t[6...7]))-\(String(t[4...5]))-\(String(t[0...3]))"
    }
}
