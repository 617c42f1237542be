// The control overview as an .xlsx workbook (spec/cbs-jeugdhulp.md §6: "exportable to
// Excel with the same columns"): the columns and texts of the CSV, with the cells that keep
// a row out of the file filled red, as the page marks them.

import Foundation
import LoketCore

extension CBSControlReport {
    static func xlsx(_ report: Report) throws -> Data {
        var sheet = XLSXWorkbook.Sheet(name: "Controle \(report.halfYear)")
        sheet.append(texts: CBS.ControlRow.overviewTitles, style: .heading)
        for row in report.rows {
            let texts = csvCells(row)
            // The first three columns are Aanleverbaar, Patiëntnummer, Patiënt; then the fields.
            var cells = texts.map { XLSXWorkbook.Cell($0) }
            if !row.deliverable { cells[0].style = .flagged }
            for (i, field) in CBS.Field.allCases.enumerated() where row.finding(field) != nil {
                cells[3 + i].style = .flagged
            }
            sheet.append(cells)
        }
        var book = XLSXWorkbook()
        book.add(sheet)
        return try XLSXArchive.data(book)
    }

    /// The download's file name; ids come from imports, so only safe characters are kept.
    static func fileName(_ report: Report, extension ext: String) -> String {
        let safeID = String(report.practice.unicodeScalars.filter {
            CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_"
        })
        return "cbs-controle-\(safeID)-\(report.period.year)-JH\(report.period.half).\(ext)"
    }
}
