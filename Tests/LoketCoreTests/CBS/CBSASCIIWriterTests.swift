import Testing
@testable import LoketCore

extension CBSTests {
    /// spec/cbs-jeugdhulp.md §7 — the ASCII fixed format and the spreadsheet columns, v5.4.
    @Suite("ASCII writer and layout")
    struct Writer {
        static func blank(_ n: Int) -> String { String(repeating: " ", count: n) }

        static let header = CBS.Header(
            correspondenceNumber: CBSCorrespondenceNumber("4711")!, email: "zorg@praktijk.nl",
            phone: "030-1234567", mirrorReportConsent: nil, period: HalfYear(year: 2024, half: 1)!)

        static let endedRecord = CBS.control(Fixture.ended, period: Fixture.jh1_2024).record!
        static let runningRecord = CBS.control(Fixture.running, period: Fixture.jh1_2024).record!

        @Test("v5.4: records are 57 wide, the header 99, every line 99")
        func widths() {
            #expect(CBSLayout.v5_4.recordWidth == 57)
            #expect(CBSLayout.v5_4.headerWidth == 99)
            #expect(CBSLayout.v5_4.lineWidth == 99)
            #expect(CBSLayout.v5_4.lineEnding == "\r\n")
        }

        @Test("the header line: correspondentienummer padded to 10, empty akkoord is N, year and period")
        func headerLine() throws {
            let line = try CBSASCIIWriter().headerLine(Self.header)
            #expect(line == "H" + "0000004711" + "zorg@praktijk.nl" + Self.blank(44) + "030-1234567" + Self.blank(9)
                + "N" + "2024" + "JH1")
        }

        @Test("akkoord doorlevering spiegelrapport: only an explicit Ja is J", arguments: [
            ("Ja", true as Bool?, "J"),
            ("Nee", false, "N"),
            ("not filled", nil, "N"),
        ])
        func consent(_ name: String, _ consent: Bool?, _ expected: String) {
            var header = Self.header
            header.mirrorReportConsent = consent
            #expect(header.value(for: .mirrorReportConsent) == expected, "\(name)")
        }

        @Test("the line of an ended record, every field in place")
        func endedLine() throws {
            let line = try CBSASCIIWriter().recordLine(Self.endedRecord)
            #expect(line == "D" + "123456782" + "20120304" + "M" + "3511AB" + "02" + "02" + "02"
                + "20240201" + "20240515" + "01" + "08" + "04" + "07" + "03" + Self.blank(42))
        }

        @Test("the line of a running record: end, reason and outcome blank, never zeros")
        func runningLine() throws {
            let line = try CBSASCIIWriter().recordLine(Self.runningRecord)
            #expect(line == "D" + "123456782" + "20120304" + "M" + "3511AB" + "02" + "02" + "02"
                + "20240201" + Self.blank(8) + Self.blank(2) + Self.blank(8) + Self.blank(42))
        }

        @Test("a gemeentecode in the postcode field is left-aligned")
        func municipalityCode() throws {
            let record = Self.endedRecord.with { $0.postcode = "0344" }
            let line = try CBSASCIIWriter().recordLine(record)
            #expect(line.dropFirst(19).prefix(6) == "0344  ")
        }

        @Test("a whole file: header first, one line per record, every line 99 wide and ending in CRLF")
        func file() throws {
            // Act
            let text = try CBSASCIIWriter().file(header: Self.header, records: [Self.endedRecord, Self.runningRecord])
            // Assert
            #expect(text.hasSuffix("\r\n"))
            let lines = text.utf8.split(separator: UInt8(ascii: "\n")).map { Array($0) }
            #expect(lines.count == 3)
            for line in lines {
                #expect(line.last == UInt8(ascii: "\r"))
                #expect(line.count == CBSLayout.v5_4.lineWidth + 1)
            }
            #expect(text.hasPrefix("H0000004711"))
        }

        @Test("writing into a byte buffer gives the same bytes as the text")
        func bytes() throws {
            let writer = CBSASCIIWriter()
            var buffer: [UInt8] = []
            try writer.writeHeader(Self.header, to: &buffer)
            try writer.write(Self.endedRecord, to: &buffer)
            let text = try writer.file(header: Self.header, records: [Self.endedRecord])
            #expect(buffer == Array(text.utf8))
        }

        @Test("a header value that does not fit is an error, not a silent cut", arguments: [
            ("an e-mail longer than 60", String(repeating: "a", count: 51) + "@praktijk.nl", "030-1234567",
             CBSASCIIWriter.Problem.tooLong(column: "E-mail", width: 60)),
            ("an e-mail with an accented letter", "zoë@praktijk.nl", "030-1234567", .notASCII(column: "E-mail")),
            ("a phone number with a line break", "zorg@praktijk.nl", "030\n1234567", .notASCII(column: "Telefoonnummer")),
        ])
        func problems(_ name: String, _ email: String, _ phone: String, _ problem: CBSASCIIWriter.Problem) {
            var header = Self.header
            header.email = email
            header.phone = phone
            #expect(throws: problem, "\(name)") { try CBSASCIIWriter().headerLine(header) }
            #expect(!problem.message.isEmpty)
        }

        @Test("the spreadsheet has the fields' titles and unpadded values, in layout order")
        func spreadsheet() {
            let layout = CBSLayout.v5_4
            #expect(layout.spreadsheetColumns == CBS.Field.allCases.map(\.title))
            #expect(layout.spreadsheetCells(for: Self.endedRecord) == [
                "123456782", "20120304", "M", "3511AB", "02", "02", "02", "20240201", "20240515", "01",
                "8", "04", "7", "03",
            ])
            #expect(layout.spreadsheetHeader(Self.header).map(\.value) == [
                "0000004711", "zorg@praktijk.nl", "030-1234567", "N", "2024", "JH1",
            ])
        }

        @Test("a legacy quarter delivery writes Q1")
        func quarter() {
            let header = CBS.Header(correspondenceNumber: CBSCorrespondenceNumber("1")!, email: "", phone: "",
                                    mirrorReportConsent: true, quarter: Quarter(year: 2015, quarter: 1)!)
            #expect(header.value(for: .period) == "Q1")
            #expect(header.value(for: .year) == "2015")
        }

        @Test("the definition for a delivery year", arguments: [
            ("2022 data: v5.4", 2022, "5.4"),
            ("2023 data: v5.4", 2023, "5.4"),
            ("2026 data: the newest definition until CBS publishes another", 2026, "5.4"),
        ])
        func forYear(_ name: String, _ year: Int, _ version: String) {
            #expect(CBSLayout.forYear(year).version == version, "\(name)")
        }

        @Test("a later layout takes over from its first year; the earlier one keeps the years before", arguments: [
            (2021, "5.4"), (2022, "5.4"), (2026, "5.4"), (2027, "6.0"), (2031, "6.0"),
        ])
        func laterLayout(_ year: Int, _ version: String) {
            let later = CBSLayout(version: "6.0", firstYear: 2027, header: CBSLayout.v5_4.header,
                                  record: CBSLayout.v5_4.record, lineEnding: "\r\n")
            #expect(CBSLayout.forYear(year, among: [.v5_4, later]).version == version)
        }

        @Test("another Bestandsdefinitie is a new value, written by the same writer")
        func otherLayout() throws {
            // Arrange: a made-up next version with other order, widths and LF line endings.
            let next = CBSLayout(
                version: "9.9", firstYear: 2030,
                header: [.number(.field(.correspondenceNumber), title: "Correspondentienummer", width: 12)],
                record: [
                    .text(.field(.careType), title: "Hulpvorm", width: 3),
                    .number(.field(.bsn), title: "BSN", width: 9),
                    .number(.field(.youthSatisfaction), title: "Tevredenheid", width: 3),
                ],
                lineEnding: "\n")
            // Act
            let text = try CBSASCIIWriter(layout: next).file(header: Self.header, records: [Self.endedRecord])
            // Assert
            #expect(next.lineWidth == 15)
            #expect(text == "000000004711   \n" + "02 123456782008\n")
            #expect(next.spreadsheetColumns == ["Hulpvorm", "BSN", "Tevredenheid"])
        }
    }
}
