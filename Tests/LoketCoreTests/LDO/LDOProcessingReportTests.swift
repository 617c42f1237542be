import Testing
@testable import LoketCore

@Suite("LDO processing report (verwerkingsverslag, spec/ldo.md §2–§3)")
struct LDOProcessingReportTests {
    static let accepted = """
        # PVM verwerkingsverslag
        VERSLAG|1
        AANLEVERING|ldo-07001234-20261122T101530Z.xml
        EPISODE|E-1|GEACCEPTEERD
        EPISODE|E-2|GEACCEPTEERD
        EINDE|2
        """

    @Test("All episodes accepted") func allAccepted() throws {
        let report = try LDOProcessingReport.parse(Self.accepted)

        #expect(report.status == .processed)
        #expect(report.deliveryReference == "ldo-07001234-20261122T101530Z.xml")
        #expect(report.acceptedEpisodeIds == ["E-1", "E-2"])
        #expect(report.isAccepted(episode: "E-1"))
        #expect(!report.isAccepted(episode: "E-9"))
        #expect(report.result(forEpisode: "E-9") == nil)
    }

    @Test("A rejected episode with its fields; a warning on an accepted one") func rejectedFields() throws {
        let text = "VERSLAG|1\r\nAANLEVERING|42\r\n"
            + "EPISODE|E-1|AFGEKEURD\r\n"
            + "VELD|E-1|Geboortedatum|1004|Geboortedatum ligt in de toekomst\r\n"
            + "VELD|E-1|DCSPH|1010|Onbekende code | controleer de lijst\r\n"
            + "EPISODE|E-2|GEACCEPTEERD\r\n"
            + "VELD|E-2|BSN|3001|BSN voldoet niet aan de elfproef\r\n"
            + "EINDE|2\r\n"

        let report = try LDOProcessingReport.parse(Array(text.utf8))

        #expect(report.status == .processed)
        let e1 = try #require(report.result(forEpisode: "E-1"))
        #expect(e1.status == .rejected)
        #expect(e1.rejectedFields.map(\.field) == ["Geboortedatum", "DCSPH"])
        #expect(e1.rejectedFields.last?.reason == "Onbekende code | controleer de lijst")
        let e2 = try #require(report.result(forEpisode: "E-2"))
        #expect(e2.status == .accepted)
        #expect(e2.warnings.map(\.code.value) == ["3001"])
        #expect(e2.rejectedFields.isEmpty)
        #expect(report.rejectedEpisodes.map(\.episodeId) == ["E-1"])
    }

    @Test("Code severity by first digit", arguments: [
        ("2001 is fatal", "2001", LDOProcessingReport.Code.Severity.fatal),
        ("3001 is a warning", "3001", .warning),
        ("1004 rejects the field", "1004", .error),
    ])
    func severity(_ name: String, _ code: String, _ severity: LDOProcessingReport.Code.Severity) {
        #expect(LDOProcessingReport.Code(code)?.severity == severity, "\(name)")
    }

    @Test("A fatal code rejects the whole delivery", arguments: [
        ("on the delivery", "MELDING|2001|Bestand voldoet niet aan het formaat\n"),
        ("on a field", "EPISODE|E-1|AFGEKEURD\nVELD|E-1|PraktijkKvK|2010|Praktijk onbekend\n"),
    ])
    func fatal(_ name: String, _ body: String) throws {
        let episodes = body.contains("EPISODE") ? 1 : 0
        let text = "VERSLAG|1\nAANLEVERING|42\n\(body)EINDE|\(episodes)\n"

        let report = try LDOProcessingReport.parse(text)

        #expect(report.status == .rejected, "\(name)")
        #expect(!report.isAccepted(episode: "E-1"), "\(name)")
    }

    @Test("A warning alone leaves the delivery processed") func warningOnly() throws {
        let report = try LDOProcessingReport.parse("VERSLAG|1\nAANLEVERING|42\nMELDING|3002|Let op\nEINDE|0")

        #expect(report.status == .processed)
        #expect(report.messages.map(\.code.severity) == [.warning])
    }

    @Test("Malformed reports say what and where", arguments: [
        ("empty file", "", 0, LDOProcessingReport.ParseError.Problem.empty),
        ("only comments", "# niets\n\n", 0, .empty),
        ("no header", "AANLEVERING|42\nEINDE|0", 1, .missingHeader(found: "AANLEVERING|42")),
        ("another version", "VERSLAG|2\n", 1, .unsupportedVersion("2")),
        ("cut off before the end", "VERSLAG|1\nAANLEVERING|42\nEPISODE|E-1|GEACCEPTEERD\n", 0, .missingEnd),
        ("unknown line", "VERSLAG|1\nAANLEVERING|42\nFOO|bar\nEINDE|0", 3, .unknownRecordType("FOO")),
        ("episode before the delivery line", "VERSLAG|1\nEPISODE|E-1|GEACCEPTEERD\n", 2, .missingDelivery),
        ("delivery line twice", "VERSLAG|1\nAANLEVERING|1\nAANLEVERING|2\n", 3, .duplicateDelivery),
        ("empty delivery reference", "VERSLAG|1\nAANLEVERING| \n", 2, .emptyValue(.deliveryReference)),
        ("episode line too short", "VERSLAG|1\nAANLEVERING|42\nEPISODE|E-1\n", 3,
         .wrongFieldCount(recordType: "EPISODE", expected: 3, found: 2)),
        ("unknown episode status", "VERSLAG|1\nAANLEVERING|42\nEPISODE|E-1|OK\n", 3, .invalidEpisodeStatus("OK")),
        ("episode twice", "VERSLAG|1\nAANLEVERING|42\nEPISODE|E-1|AFGEKEURD\nEPISODE|E-1|AFGEKEURD\n", 4,
         .duplicateEpisode("E-1")),
        ("field of an unknown episode", "VERSLAG|1\nAANLEVERING|42\nVELD|E-7|BSN|3001|x\n", 3,
         .fieldForUnknownEpisode("E-7")),
        ("code of three digits", "VERSLAG|1\nAANLEVERING|42\nMELDING|201|x\n", 3, .invalidCode("201")),
        ("count that is no number", "VERSLAG|1\nAANLEVERING|42\nEINDE|twee\n", 3, .invalidCount("twee")),
        ("count that does not match", "VERSLAG|1\nAANLEVERING|42\nEPISODE|E-1|GEACCEPTEERD\nEINDE|2\n", 4,
         .countMismatch(stated: 2, found: 1)),
        ("text after the end", "VERSLAG|1\nAANLEVERING|42\nEINDE|0\nEPISODE|E-1|GEACCEPTEERD\n", 4, .contentAfterEnd),
    ] as [(String, String, Int, LDOProcessingReport.ParseError.Problem)])
    func malformed(_ name: String, _ text: String, _ line: Int, _ problem: LDOProcessingReport.ParseError.Problem) {
        #expect(throws: LDOProcessingReport.ParseError(line: line, problem: problem), "\(name)") {
            try LDOProcessingReport.parse(text)
        }
    }

    @Test("Bytes that are not UTF-8") func notUTF8() {
        #expect(throws: LDOProcessingReport.ParseError(line: 0, problem: .notUTF8)) {
            try LDOProcessingReport.parse([0x56, 0xFF, 0xFE])
        }
    }

    @Test("Errors read in Dutch with the line number") func errorText() {
        let error = LDOProcessingReport.ParseError(line: 3, problem: .unknownRecordType("FOO"))

        #expect(error.description == "Verwerkingsverslag, regel 3: onbekend regeltype ‘FOO’")
    }
}
