// The control overview as CSV for Dutch Excel: `;` between columns (Excel in a Dutch
// locale reads `,` as the decimal comma), CRLF lines, UTF-8 with a byte-order mark so that
// Excel does not read "Patiëntnummer" as Windows-1252. Same columns as the web page.

import Foundation
import LoketCore

extension CBSControlReport {
    static let csvByteOrderMark = "\u{FEFF}"

    /// A whole report as CSV (the downloads stream it row by row with `export`).
    static func csv(_ report: Report) -> String {
        csvByteOrderMark + csvLine(CBS.ControlRow.overviewTitles) + report.rows.map { csvLine(csvCells($0)) }.joined()
    }

    /// Aanleverbaar, Patiëntnummer, Patiënt, then every field's display text: the order of
    /// `CBS.ControlRow.overviewTitles`.
    static func csvCells(_ row: Row) -> [String] {
        [row.deliverable ? CBS.Messages.yes : CBS.Messages.no, row.patientNumber, row.patientName]
            + CBS.Field.allCases.map { row.cells[$0] }
    }

    static func csvLine(_ cells: [String]) -> String {
        cells.map(csvField).joined(separator: ";") + "\r\n"
    }

    /// Quoted when it holds a separator, quote or line break. Text that a spreadsheet would
    /// run as a formula (=, +, -, @, tab or carriage return first: a name or stored value
    /// typed by anyone; OWASP's list for CSV injection) gets a leading apostrophe.
    static func csvField(_ value: String) -> String {
        var v = value
        // Checked on the bytes: = + - @ TAB CR ; " LF are all ASCII.
        if let first = v.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) { v = "'" + v }
        guard v.utf8.contains(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
