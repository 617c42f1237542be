// The control overview written out as the CLI, the API and the web downloads give it: JSON,
// CSV or .xlsx, a row at a time from the query (CSV and JSON never hold the overview in
// memory; the .xlsx holds its sheet's XML until it is zipped).

import Fluent
import Foundation
import LoketCore

extension CBSControlReport {
    enum ExportFormat: String, CaseIterable, Sendable {
        case json, csv, xlsx

        var fileExtension: String { rawValue }
    }

    /// Writes the overview of `practice` for `period` in `format` through `write`, and
    /// returns its counts (for the deliveries list and the audit log).
    static func export(_ format: ExportFormat, on db: any Database, practice: Practice, period: HalfYear,
                       _ write: (Data) async throws -> Void) async throws -> Counts {
        switch format {
        case .json:
            return try await writeJSON(on: db, practice: practice, period: period) { try await write(Data($0.utf8)) }
        case .csv:
            try await write(Data((csvByteOrderMark + csvLine(CBS.ControlRow.overviewTitles)).utf8))
            return try await forEachRow(on: db, practice: practice, period: period) { row in
                try await write(Data(csvLine(csvCells(row)).utf8))
            }
        case .xlsx:
            var sheet = XLSXWorkbook.Sheet(name: "Controle \(period)")
            sheet.append(texts: CBS.ControlRow.overviewTitles, style: .heading)
            let counts = try await forEachRow(on: db, practice: practice, period: period) { sheet.append(xlsxCells($0)) }
            var book = XLSXWorkbook()
            book.add(sheet)
            try await write(try XLSXArchive.data(book))
            return counts
        }
    }

    /// The download's file name; ids come from imports, so only safe characters are kept.
    static func fileName(practice: String, period: HalfYear, format: ExportFormat) -> String {
        return "cbs-controle-\(fileNamePart(practice))-\(period.year)-JH\(period.half).\(format.fileExtension)"
    }
}
