// Page model of the CBS control overview (Aanleveringen → CBS): the period form, the
// deadline and herlevering, the counts, and the overview table built from the report.

import LoketCore

struct CBSControlPage: Encodable {
    struct PeriodOption: Encodable { var value: String; var label: String; var selected: Bool }

    /// One overview cell; `cls` marks what the user must fix (cell-missing, cell-invalid)
    /// and what is not needed yet (cell-not-required); `note` is the finding, as a tooltip.
    struct Cell: Encodable { var text: String; var cls: String; var note: String }

    struct Line: Encodable {
        var deliverable: Bool
        var patientNumber: String
        var patientName: String
        var href: String
        var cells: [Cell]
    }

    /// What the form asks for and what the chosen period means.
    struct Period: Encodable {
        var label: String  // JH-2 2026
        var range: String  // 01-07-2026 t/m 31-12-2026
        var deadline: String
        var redelivery: String  // JH-1 2026
        /// The control of the herlevering's period: it goes out again as a complete file.
        var redeliveryHref: String
    }

    var title = "CBS-controle"
    var layout: Layout
    var practice: String
    var tabs: [PracticeTab]
    var subtabs: [PracticeTab]
    var action: String
    var year: String
    var periods: [PeriodOption]
    var onlyFindings: Bool
    /// Why the form's input was not accepted; nothing else is shown then.
    var error: String?
    var period: Period?
    /// Shown when the practice has no CBS settings yet: a control works, the file will not.
    var settingsHref: String?
    var rows = 0
    var deliverable = 0
    var columns: [String] = CBS.Field.allCases.map(\.title)
    var lines: [Line] = []
    /// More rows than the page shows: the downloads have them all.
    var truncated = false
    /// The most rows the page lists; a page of thousands of rows helps no one and is slow to draw.
    static let maxLines = 1000
    var csvHref: String?
    var xlsxHref: String?
    /// The formats of the definitive file, ASCII first (the default).
    var formats: [SelectOption] = CBSFileFormat.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) }
    /// Made deliveries (controls and definitive files), newest first.
    var deliveries: [DeliveryLine] = []
    var finalAction: String?
    var finalYear: Int?
    var finalHalf: Int?
    var made: String?
    var notice: String?
    /// "Controle … van … door …" when the page shows a control made earlier.
    var storedControl: String?
    /// The overview as the data is now, from a stored control's page.
    var liveHref: String?
    /// What changed since the control before the one shown.
    var comparison: Comparison?

    struct Comparison: Encodable {
        var previous: String, previousMadeAt: String
        var nowDeliverable: Int, noLongerDeliverable: Int, added: Int, removed: Int
        var previousHref: String
        /// The episodes behind the counts (the first 50 of each), to open them.
        var groups: [Group]

        struct Group: Encodable {
            var title: String
            var episodes: [EpisodeLink]
        }

        struct EpisodeLink: Encodable {
            var patientNumber: String, href: String
        }
    }

    struct DeliveryLine: Encodable {
        var id: String, kind: String, period: String, madeBy: String, madeAt: String
        var rows: Int, deliverable: Int, records: String, format: String, downloadHref: String?
        /// "Vervangen door …", "Ingetrokken: reden", or empty for the current one.
        var state: String = ""
        /// The layout version of a definitive file.
        var layoutVersion: String = ""
        /// POST: withdraws it (only on the current definitive delivery).
        var withdrawAction: String?
        /// A control's page (Details).
        var detailsHref: String?
        /// A definitive delivery's changes against the one before it (Wijzigingen).
        var changesHref: String?
    }

    static func periodOptions(selected half: String) -> [PeriodOption] {
        [PeriodOption(value: "1", label: "JH-1 (januari – juni)", selected: half == "1"),
         PeriodOption(value: "2", label: "JH-2 (juli – december)", selected: half == "2")]
    }

    static func period(_ p: HalfYear, practice: String) -> Period {
        Period(label: p.description, range: "\(dutchDate(p.range.start)) t/m \(dutchDate(p.range.end))",
               deadline: dutchDate(p.deadline), redelivery: p.previous.description,
               redeliveryHref: Paths.cbsControl(practice) + "?jaar=\(p.previous.year)&periode=\(p.previous.half)")
    }

    static func line(_ row: CBSControlReport.Row, practice: String) -> Line {
        Line(deliverable: row.deliverable, patientNumber: row.patientNumber, patientName: row.patientName,
             href: Paths.episode(practice, row.episodeId),
             cells: CBS.Field.allCases.map { field in
                 let text = row.cells[field]
                 guard let finding = row.finding(field) else {
                     return Cell(text: text, cls: text == CBS.Messages.notRequired ? "cell-not-required" : "", note: "")
                 }
                 return Cell(text: text, cls: finding.kind == .missing ? "cell-missing" : "cell-invalid", note: finding.message)
             })
    }
}
