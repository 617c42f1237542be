// A spreadsheet in Office Open XML (.xlsx), as the XML parts of its package: the CBS
// control overview export and the CBS Standaard spreadsheet (spec/cbs-jeugdhulp.md §6, §7).
// This file knows SpreadsheetML only; zipping the parts is the app's (LoketApp/Office), so
// the rules stay free of any archive library and the parts can be checked as plain text.
//
// Every cell is an inline string: registry values such as "02" or "0000004711" must keep
// their leading zeros, and a spreadsheet program would read a number cell as 2.

import Foundation

public struct XLSXWorkbook: Sendable {
    /// How a cell looks. The styles are the same in every workbook (`styles.xml`).
    public enum Style: Int, Sendable {
        case plain = 0
        /// Column heads: bold.
        case heading = 1
        /// A cell the user must fix (missing or invalid): a light red fill.
        case flagged = 2
    }

    public struct Cell: Sendable, Equatable {
        public var text: String
        public var style: Style
        public init(_ text: String, style: Style = .plain) { self.text = text; self.style = style }
    }

    /// One worksheet, written row by row into its XML so a large sheet is one buffer, not a
    /// tree of cells.
    public struct Sheet: Sendable {
        public let name: String
        private var body = Data()
        private var rowCount = 0
        private var widths: [Int] = []

        /// `name`: at most 31 characters and none of `[]:*?/\`, as Excel requires.
        public init(name: String) {
            let forbidden = Set("[]:*?/\\")
            self.name = String(name.filter { !forbidden.contains($0) }.prefix(31))
        }

        public mutating func append(_ cells: [Cell]) {
            rowCount += 1
            var xml = "<row r=\"\(rowCount)\">"
            for (i, cell) in cells.enumerated() {
                let ref = XLSXWorkbook.columnName(i) + String(rowCount)
                let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
                xml += "<c r=\"\(ref)\" t=\"inlineStr\"\(style)><is><t xml:space=\"preserve\">\(XLSXWorkbook.escape(cell.text))</t></is></c>"
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], min(cell.text.count, 60))
            }
            xml += "</row>"
            body.append(contentsOf: xml.utf8)
        }

        public mutating func append(texts: [String], style: Style = .plain) {
            append(texts.map { Cell($0, style: style) })
        }

        /// The worksheet part. The first row stays in view when scrolling (it holds the
        /// column heads), and columns are as wide as their longest text, up to a limit.
        func xml(freezeFirstRow: Bool) -> Data {
            var head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
                + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            if freezeFirstRow && rowCount > 1 {
                head += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
            }
            if !widths.isEmpty {
                head += "<cols>"
                for (i, w) in widths.enumerated() { head += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(max(w, 8) + 2)\" customWidth=\"1\"/>" }
                head += "</cols>"
            }
            head += "<sheetData>"
            var out = Data(head.utf8)
            out.append(body)
            out.append(contentsOf: "</sheetData></worksheet>".utf8)
            return out
        }
    }

    public private(set) var sheets: [Sheet] = []

    public init() {}

    public mutating func add(_ sheet: Sheet) { sheets.append(sheet) }

    /// The package's parts, path and content, in the order a reader expects them
    /// (`[Content_Types].xml` first).
    public func parts() -> [(path: String, data: Data)] {
        precondition(!sheets.isEmpty, "a workbook has at least one sheet")
        let xmlHead = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let sheetOverrides = sheets.indices.map {
            #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }.joined()
        let contentTypes = xmlHead + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheetOverrides + "</Types>"
        let rootRels = xmlHead + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
        let workbook = xmlHead
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + sheets.enumerated().map { i, s in #"<sheet name="\#(Self.escape(s.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"# }.joined()
            + "</sheets></workbook>"
        let workbookRels = xmlHead + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + sheets.indices.map {
                #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
            + "</Relationships>"
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(rootRels.utf8)),
            ("xl/workbook.xml", Data(workbook.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRels.utf8)),
            ("xl/styles.xml", Data((xmlHead + Self.styles).utf8)),
        ]
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", sheet.xml(freezeFirstRow: true)))
        }
        return parts
    }

    /// The three cell styles of `Style`, by index: plain, bold, red fill.
    static let styles = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="49" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    /// A, B, …, Z, AA, AB, …: the column letters of a zero-based index.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Text for XML content or an attribute (`XMLText.escape`).
    public static func escape(_ text: String) -> String { XMLText.escape(text) }
}
