import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LoketCore

/// The .xlsx parts (DESIGN.md: real Office Open XML). The zipped file is read back by a
/// spreadsheet reader in scripts/cli-checks; here each part is checked as XML.
@Suite("XLSX workbook")
struct XLSXWorkbookTests {
    /// Whether `data` is well-formed XML, by Foundation's parser.
    static func wellFormed(_ data: Data) -> Bool { XMLParser(data: data).parse() }

    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test("column letters", arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")])
    func columns(_ index: Int, _ name: String) {
        #expect(XLSXWorkbook.columnName(index) == name)
    }

    @Test("escaping: markup characters escaped, control characters dropped, tabs and line breaks kept")
    func escaping() {
        #expect(XLSXWorkbook.escape("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;")
        #expect(XLSXWorkbook.escape("x\u{01}y\u{0B}z") == "xyz")
        #expect(XLSXWorkbook.escape("r1\nr2\tc") == "r1\nr2\tc")
    }

    @Test("a workbook's parts: the package files, every part well-formed XML, sheets named")
    func parts() throws {
        var sheet = XLSXWorkbook.Sheet(name: "Controle: JH-1/2026")
        sheet.append(texts: ["Aanleverbaar", "Patiënt"], style: .heading)
        sheet.append([XLSXWorkbook.Cell("Nee", style: .flagged), XLSXWorkbook.Cell("Jansen & <Zn>\u{07}")])
        var book = XLSXWorkbook()
        book.add(sheet)
        let parts = book.parts()
        #expect(parts.map(\.path) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                       "xl/styles.xml", "xl/worksheets/sheet1.xml"])
        for part in parts { #expect(Self.wellFormed(part.data), "\(part.path)") }
        // Forbidden characters are taken out of the sheet name, as Excel refuses them.
        #expect(Self.text(parts[2].data).contains(#"<sheet name="Controle JH-12026" sheetId="1" r:id="rId1"/>"#))
        let xml = Self.text(parts[5].data)
        #expect(xml.contains(#"<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Aanleverbaar</t></is></c>"#))
        #expect(xml.contains(#"<c r="A2" t="inlineStr" s="2"><is><t xml:space="preserve">Nee</t></is></c>"#))
        #expect(xml.contains(#"<c r="B2" t="inlineStr"><is><t xml:space="preserve">Jansen &amp; &lt;Zn&gt;</t></is></c>"#))
        #expect(xml.contains(#"state="frozen""#))
    }

    @Test("leading zeros survive: every value is a text cell")
    func textCells() {
        var sheet = XLSXWorkbook.Sheet(name: "S")
        sheet.append(texts: ["02", "0000004711"])
        var book = XLSXWorkbook()
        book.add(sheet)
        let xml = Self.text(book.parts().last!.data)
        #expect(xml.contains(">02</t>") && xml.contains(">0000004711</t>"))
        #expect(!xml.contains("<v>"))
    }

    @Test("the CBS Standaard spreadsheet: header values, record columns from layout 5.4, no patient number or name")
    func cbsSpreadsheet() {
        let records = [CBSTests.Writer.endedRecord, CBSTests.Writer.runningRecord]
        let book = CBSSpreadsheetWriter().workbook(header: CBSTests.Writer.header, records: records)
        #expect(book.sheets.map(\.name) == ["Kopgegevens", "Records"])
        let parts = book.parts()
        for part in parts { #expect(Self.wellFormed(part.data), "\(part.path)") }
        let head = Self.text(parts[5].data), rows = Self.text(parts[6].data)
        #expect(head.contains(">5.4</t>") && head.contains(">0000004711</t>") && head.contains(">zorg@praktijk.nl</t>"))
        for title in CBSLayout.v5_4.spreadsheetColumns { #expect(rows.contains(">\(XLSXWorkbook.escape(title))</t>")) }
        #expect(rows.contains(">123456782</t>") && rows.contains(">20240515</t>"))
        // Header row plus one row per record.
        #expect(rows.components(separatedBy: "<row ").count - 1 == 3)
        #expect(!rows.contains(CBSTests.Fixture.ended.patientNumber))
    }
}
