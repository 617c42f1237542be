// The CBS Standaard spreadsheet (spec/cbs-jeugdhulp.md §7): the second file format CBS
// accepts, written from the same versioned layout as the ASCII fixed format. Sheet
// "Kopgegevens" holds the header values of §2 (title, value); sheet "Records" holds the
// record fields as columns, titled as in the layout, one row per record, values unpadded.
// Patient number and name are not fields of the layout, so they cannot reach this file.

public struct CBSSpreadsheetWriter: Sendable {
    public let layout: CBSLayout

    public init(layout: CBSLayout = .v5_4) {
        self.layout = layout
    }

    public func workbook(header: CBS.Header, records: [CBS.Record]) -> XLSXWorkbook {
        var head = XLSXWorkbook.Sheet(name: "Kopgegevens")
        head.append(texts: ["Gegeven", "Waarde"], style: .heading)
        head.append(texts: ["Versie bestandsdefinitie", layout.version])
        for (title, value) in layout.spreadsheetHeader(header) { head.append(texts: [title, value]) }

        var sheet = XLSXWorkbook.Sheet(name: "Records")
        sheet.append(texts: layout.spreadsheetColumns, style: .heading)
        for record in records { sheet.append(texts: layout.spreadsheetCells(for: record)) }

        var book = XLSXWorkbook()
        book.add(head)
        book.add(sheet)
        return book
    }
}
