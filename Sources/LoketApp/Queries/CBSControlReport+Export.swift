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

    /// The rows of an overview, one at a time, in overview order; returns their counts.
    /// The live rules over the database (`forEachRow`), or a stored control (CBSStoredControl).
    typealias RowSource = ((Row) async throws -> Void) async throws -> Counts

    /// Writes the overview of `practice` for `period` in `format` through `write`, and
    /// returns its counts (for the deliveries list and the audit log).
    static func export(_ format: ExportFormat, on db: any Database, practice: Practice, period: HalfYear,
                       _ write: (Data) async throws -> Void) async throws -> Counts {
        try await export(format, practice: practice.id!, period: period,
                         rows: { try await forEachRow(on: db, practice: practice, period: period, $0) }, write)
    }

    /// Writes the rows of `rows` in `format` through `write`.
    static func export(_ format: ExportFormat, practice: String, period: HalfYear, rows: RowSource,
                       _ write: (Data) async throws -> Void) async throws -> Counts {
        // The row source calls back into `write`: both are only used during this call.
        try await withoutActuallyEscaping(write) { write in
            try await exportRows(format, practice: practice, period: period, rows: rows, write)
        }
    }

    private static func exportRows(_ format: ExportFormat, practice: String, period: HalfYear, rows: RowSource,
                                   _ write: @escaping (Data) async throws -> Void) async throws -> Counts {
        switch format {
        case .json:
            try await write(Data(jsonHead(practice: practice, period: Period(period)).utf8))
            var first = true
            let counts = try await rows { row in
                try await write(Data(jsonRow(row, first: first).utf8))
                first = false
            }
            try await write(Data(jsonTail(counts).utf8))
            return counts
        case .csv:
            try await write(Data((csvByteOrderMark + csvLine(CBS.ControlRow.overviewTitles)).utf8))
            return try await rows { row in
                try await write(Data(csvLine(csvCells(row)).utf8))
            }
        case .xlsx:
            var sheet = XLSXWorkbook.Sheet(name: "Controle \(period)")
            sheet.append(texts: CBS.ControlRow.overviewTitles, style: .heading)
            let counts = try await rows { sheet.append(xlsxCells($0)) }
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
