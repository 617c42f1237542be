// Zips a workbook's parts into an .xlsx file (DESIGN.md: ZIPFoundation). Entries are
// deflated and dated at a fixed moment, so the same workbook gives the same bytes.

import Foundation
import LoketCore
import ZIPFoundation

enum XLSXArchive {
    /// 1 January 2000: a zip entry needs a date; a fixed one keeps the file reproducible.
    private static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    static func data(_ workbook: XLSXWorkbook) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in workbook.parts() {
            let bytes = part.data
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                 modificationDate: entryDate, compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw XLSXArchiveError() }
        return data
    }

    struct XLSXArchiveError: Error, CustomStringConvertible {
        var description: String { "the spreadsheet could not be packed" }
    }
}
