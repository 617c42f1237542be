// The control overview's rows in the .xlsx export (spec/cbs-jeugdhulp.md §6: "exportable to
// Excel with the same columns"): the columns and texts of the CSV, with the cells that keep
// a row out of the file filled red, as the page marks them.

import LoketCore

extension CBSControlReport {
    static func xlsxCells(_ row: Row) -> [XLSXWorkbook.Cell] {
        // The first three columns are Aanleverbaar, Patiëntnummer, Patiënt; then the fields.
        var cells = csvCells(row).map { XLSXWorkbook.Cell($0) }
        if !row.deliverable { cells[0].style = .flagged }
        for (i, field) in CBS.Field.allCases.enumerated() where row.finding(field) != nil {
            cells[3 + i].style = .flagged
        }
        return cells
    }
}
