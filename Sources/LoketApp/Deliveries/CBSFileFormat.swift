// The two file formats CBS accepts for a definitive delivery (spec/cbs-jeugdhulp.md §7),
// both written from layout 5.4: the ASCII fixed format and the Standaard spreadsheet.

import Foundation
import LoketCore
import Vapor

enum CBSFileFormat: String, CaseIterable, Sendable {
    case ascii
    case xlsx

    /// The Dutch name in the form's choice.
    var label: String {
        switch self {
        case .ascii: "ASCII vast formaat (.txt)"
        case .xlsx: "Standaard spreadsheet (.xlsx)"
        }
    }

    var fileExtension: String { self == .ascii ? "txt" : "xlsx" }

    var mediaType: HTTPMediaType {
        switch self {
        case .ascii: HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "us-ascii"])
        case .xlsx: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
    }

    /// The file of `records` with `header`, in this format.
    func file(header: CBS.Header, records: [CBS.Record], layout: CBSLayout) throws -> Data {
        switch self {
        case .ascii: Data(try CBSASCIIWriter(layout: layout).file(header: header, records: records).utf8)
        case .xlsx: try XLSXArchive.data(CBSSpreadsheetWriter(layout: layout).workbook(header: header, records: records))
        }
    }
}
