import Testing
@testable import LoketCore

extension CBSTests {
    /// spec/cbs-jeugdhulp.md §6, §8 — the control, cell by cell (period JH-1 2024).
    @Suite("Control")
    struct Control {
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let episode: CBS.Episode
            let field: CBS.Field
            let state: CBS.Cell.State
            /// What the overview shows in the cell.
            let display: String
            var testDescription: String { name }

            init(_ name: String, _ field: CBS.Field, _ state: CBS.Cell.State, _ display: String,
                 from base: CBS.Episode = Fixture.ended, _ change: (inout CBS.Episode) -> Void = { _ in }) {
                self.name = name
                self.field = field
                self.state = state
                self.display = display
                self.episode = base.with(change)
            }
        }

        static let cases: [Case] = [
            // BSN
            Case("a valid BSN", .bsn, .ok, "123456782"),
            Case("a valid BSN with dots is delivered without them", .bsn, .ok, "123456782") { $0.bsn = "1234.56.782" },
            Case("a BSN failing the elfproef", .bsn, .invalid, "Burgerservicenummer voldoet niet aan de elfproef") { $0.bsn = "123456789" },
            Case("BSN 999999999 (unknown) is allowed", .bsn, .ok, "999999999") { $0.bsn = "999999999" },
            Case("BSN 000000000 (unborn) is allowed", .bsn, .ok, "000000000") { $0.bsn = "000000000" },
            Case("a BSN of 8 digits", .bsn, .invalid, "Burgerservicenummer bestaat niet uit 9 cijfers") { $0.bsn = "12345678" },
            Case("an empty BSN is missing", .bsn, .missing, "Ontbreekt") { $0.bsn = "" },
            Case("no BSN is missing", .bsn, .missing, "Ontbreekt") { $0.bsn = nil },
            // Geboortedatum
            Case("a birth date is written JJJJMMDD", .birthDate, .ok, "20120304"),
            Case("no birth date is missing", .birthDate, .missing, "Ontbreekt") { $0.birthDate = nil },
            // Geslacht
            Case("sex V", .sex, .ok, "V") { $0.sex = "V" },
            Case("sex o in lower case is O", .sex, .ok, "O") { $0.sex = "o" },
            Case("sex X is not in the list", .sex, .invalid, "Geslacht moet M, V of O zijn") { $0.sex = "X" },
            Case("no sex is missing", .sex, .missing, "Ontbreekt") { $0.sex = nil },
            // Postcode
            Case("a postcode with a space and lower case is normalised", .postcode, .ok, "3511AB"),
            Case("a postcode of five digits is invalid", .postcode, .invalid, "Postcode is geen geldige postcode (1234AB)") { $0.postcode = "35111AB" },
            Case("an empty postcode with a gemeentecode delivers the gemeentecode", .postcode, .ok, "0344") {
                $0.postcode = ""; $0.municipalityCode = "0344"
            },
            Case("an empty postcode without a gemeentecode is missing", .postcode, .missing, "Ontbreekt") {
                $0.postcode = ""; $0.municipalityCode = nil
            },
            Case("a gemeentecode of 3 digits is invalid", .postcode, .invalid, "Gemeentecode bestaat niet uit 4 cijfers") {
                $0.postcode = nil; $0.municipalityCode = "344"
            },
            Case("a given postcode wins over the gemeentecode", .postcode, .ok, "3511AB") { $0.municipalityCode = "0344" },
            // Verwijzer
            Case("verwijzer 02 huisarts", .referrer, .ok, "02"),
            Case("verwijzer 08 rechter", .referrer, .ok, "08") { $0.referrer = "08" },
            Case("no verwijzer is missing", .referrer, .missing, "Ontbreekt") { $0.referrer = nil },
            Case("verwijzer 07 on care started on 31 December 2014 is allowed", .referrer, .ok, "07") {
                $0.referrer = "07"; $0.start = day("2014-12-31"); $0.end = nil
            },
            Case("verwijzer 07 on care started on 1 January 2015 is invalid", .referrer, .invalid,
                 "Verwijstype 07 (Onbekend) mag alleen bij hulp die vóór 2015 is gestart") {
                $0.referrer = "07"; $0.start = day("2015-01-01"); $0.end = nil
            },
            Case("verwijzer 09 is not in the list", .referrer, .invalid, "Verwijstype ‘09’ komt niet voor in de codelijst") { $0.referrer = "09" },
            Case("hulpvorm 01 with verwijzer 06 is allowed", .referrer, .ok, "06") { $0.careType = "01"; $0.referrer = "06" },
            Case("hulpvorm 01 with verwijzer 02 is invalid", .referrer, .invalid,
                 "Bij hulpvorm 01 (wijk- of buurtteam) moet het verwijstype 06 (Geen verwijzer) zijn") { $0.careType = "01" },
            // Hulpvorm
            Case("hulpvorm 02 ambulant", .careType, .ok, "02"),
            Case("hulpvorm 14 verblijf", .careType, .ok, "14") { $0.careType = "14" },
            Case("hulpvorm 01 with verwijzer 06", .careType, .ok, "01") { $0.careType = "01"; $0.referrer = "06" },
            Case("hulpvorm 05 is not in the list", .careType, .invalid, "Hulpvorm ‘05’ komt niet voor in de codelijst") { $0.careType = "05" },
            Case("no hulpvorm is missing", .careType, .missing, "Ontbreekt") { $0.careType = "  " },
            // Gestart met crisis
            Case("started in crisis is 01", .startedInCrisis, .ok, "01") { $0.startedInCrisis = true },
            Case("not started in crisis is 02", .startedInCrisis, .ok, "02"),
            // Datum aanvang
            Case("the start date is written JJJJMMDD", .startDate, .ok, "20240201"),
            // Datum einde: state at the end of the period
            Case("ended within the period", .endDate, .ok, "20240515"),
            Case("ends on the first day of the period", .endDate, .ok, "20240101") {
                $0.start = day("2023-09-01"); $0.end = day("2024-01-01")
            },
            Case("ends on the last day of the period", .endDate, .ok, "20240630") { $0.end = day("2024-06-30") },
            Case("ends the day after the period: still running, Niet noodzakelijk", .endDate, .notRequired, "Niet noodzakelijk") {
                $0.end = day("2024-07-01")
            },
            Case("open episode: Niet noodzakelijk", .endDate, .notRequired, "Niet noodzakelijk", from: Fixture.running),
            Case("starts on the last day of the period, open", .startDate, .ok, "20240630", from: Fixture.running) {
                $0.start = day("2024-06-30")
            },
            Case("ends before it starts", .endDate, .invalid, "Datum einde ligt vóór datum aanvang") {
                $0.start = day("2024-03-10"); $0.end = day("2024-03-01")
            },
            Case("ends on the day it starts", .endDate, .ok, "20240201") { $0.end = day("2024-02-01") },
            // Reden beëindiging
            Case("end reason 01 on an ended episode", .endReason, .ok, "01"),
            Case("end reason missing on an ended episode", .endReason, .missing, "Ontbreekt") { $0.endReason = nil },
            Case("end reason missing on an episode ended the day before the period", .endReason, .missing, "Ontbreekt") {
                $0.start = day("2023-09-01"); $0.end = day("2023-12-31"); $0.endReason = ""
            },
            Case("end reason 06 is not in the list", .endReason, .invalid, "Reden beëindiging ‘06’ komt niet voor in de codelijst") {
                $0.endReason = "06"
            },
            Case("end reason on an open episode: Niet noodzakelijk", .endReason, .notRequired, "Niet noodzakelijk", from: Fixture.running),
            Case("end reason given, but the episode ends after the period: Niet noodzakelijk", .endReason, .notRequired, "Niet noodzakelijk") {
                $0.end = day("2024-07-01")
            },
            Case("an unknown end reason on a running episode is not judged yet", .endReason, .notRequired, "Niet noodzakelijk") {
                $0.end = nil; $0.endReason = "99"
            },
            // Outcome: satisfaction
            Case("youth satisfaction 0 is invalid", .youthSatisfaction, .invalid,
                 "Tevredenheid jeugdige moet een geheel getal van 1 tot en met 10 zijn") { $0.youthSatisfaction = 0 },
            Case("youth satisfaction 1 is the lowest", .youthSatisfaction, .ok, "1") { $0.youthSatisfaction = 1 },
            Case("youth satisfaction 10 is the highest", .youthSatisfaction, .ok, "10") { $0.youthSatisfaction = 10 },
            Case("youth satisfaction 11 is invalid", .youthSatisfaction, .invalid,
                 "Tevredenheid jeugdige moet een geheel getal van 1 tot en met 10 zijn") { $0.youthSatisfaction = 11 },
            Case("parent satisfaction 0 is invalid", .parentSatisfaction, .invalid,
                 "Tevredenheid ouder moet een geheel getal van 1 tot en met 10 zijn") { $0.parentSatisfaction = 0 },
            Case("no satisfaction is fine: the outcome is optional", .parentSatisfaction, .ok, "") { $0.parentSatisfaction = nil },
            Case("satisfaction 11 on an open episode: Niet noodzakelijk", .youthSatisfaction, .notRequired, "Niet noodzakelijk") {
                $0.end = nil; $0.youthSatisfaction = 11
            },
            // Outcome: zonder hulp verder
            Case("zonder hulp verder 00 is invalid", .youthWithoutFurtherHelp, .invalid,
                 "Zonder hulp verder jeugdige moet een code van 01 tot en met 04 zijn") { $0.youthWithoutFurtherHelp = "00" },
            Case("zonder hulp verder 01", .youthWithoutFurtherHelp, .ok, "01") { $0.youthWithoutFurtherHelp = "01" },
            Case("zonder hulp verder 04", .youthWithoutFurtherHelp, .ok, "04"),
            Case("zonder hulp verder 05 is invalid", .parentWithoutFurtherHelp, .invalid,
                 "Zonder hulp verder ouder moet een code van 01 tot en met 04 zijn") { $0.parentWithoutFurtherHelp = "05" },
            Case("no zonder hulp verder is fine: the outcome is optional", .parentWithoutFurtherHelp, .ok, "") {
                $0.parentWithoutFurtherHelp = nil
            },
            Case("outcome on an open episode: Niet noodzakelijk", .parentWithoutFurtherHelp, .notRequired, "Niet noodzakelijk",
                 from: Fixture.running),
        ]

        @Test("each cell states its value or what is wrong", arguments: cases)
        func cell(_ c: Case) {
            // Act
            let row = CBS.control(c.episode, period: Fixture.jh1_2024)
            let cell = row[c.field]
            // Assert
            #expect(cell.field == c.field)
            #expect(cell.state == c.state)
            #expect(cell.display == c.display)
            let findings = row.findings.filter { $0.field == c.field.rawValue }
            switch c.state {
            case .ok, .notRequired:
                #expect(findings.isEmpty)
            case .missing:
                #expect(findings.map(\.kind) == [.missing])
                #expect(!row.deliverable)
            case .invalid:
                #expect(findings.map(\.kind) == [.invalid])
                #expect(findings.first?.message == c.display)
                #expect(!row.deliverable)
            }
        }

        @Test("a fully valid ended episode is deliverable with its record")
        func validEnded() {
            let row = CBS.control(Fixture.ended, period: Fixture.jh1_2024)
            #expect(row.deliverable)
            #expect(row.findings.isEmpty)
            #expect(row.episodeId == "EP-1")
            #expect(row.patientNumber == "P-0001")
            #expect(row.patientName == "Jansen, Sam")
            #expect(row.record == CBS.Record(
                bsn: "123456782", birthDate: "20120304", sex: "M", postcode: "3511AB", referrer: "02",
                careType: "02", startedInCrisis: false, start: day("2024-02-01"), end: day("2024-05-15"),
                endReason: "01", youthSatisfaction: 8, youthWithoutFurtherHelp: "04",
                parentSatisfaction: 7, parentWithoutFurtherHelp: "03"))
        }

        @Test("a fully valid running episode is deliverable with an empty end")
        func validRunning() {
            let row = CBS.control(Fixture.running, period: Fixture.jh1_2024)
            #expect(row.deliverable)
            #expect(row.findings.isEmpty)
            #expect(row.record?.end == nil)
            #expect(row.record?.endReason == nil)
            #expect(row.cells.filter { $0.state == .notRequired }.map(\.field) == [
                .endDate, .endReason, .youthSatisfaction, .youthWithoutFurtherHelp,
                .parentSatisfaction, .parentWithoutFurtherHelp,
            ])
        }

        @Test("an episode ending after the period goes out still running: no end, no reason, no outcome")
        func endsAfterPeriod() {
            let episode = Fixture.ended.with { $0.end = day("2024-09-30") }
            let record = CBS.control(episode, period: Fixture.jh1_2024).record
            #expect(record?.end == nil)
            #expect(record?.endReason == nil)
            #expect(record?.youthSatisfaction == nil)
            #expect(record?.youthWithoutFurtherHelp == nil)
            #expect(record?.parentSatisfaction == nil)
            #expect(record?.parentWithoutFurtherHelp == nil)
        }

        @Test("the record holds exactly the values the overview shows", arguments: [Fixture.ended, Fixture.running])
        func recordMatchesCells(_ episode: CBS.Episode) throws {
            let row = CBS.control(episode, period: Fixture.jh1_2024)
            let record = try #require(row.record)
            for field in CBS.Field.allCases {
                #expect(record.value(for: field) == row[field].value, "\(field)")
            }
        }

        @Test("missing verwijzer and reden beëindiging: one finding each, row not deliverable")
        func seedExample() {
            // Arrange: the seed manual's figure 10.
            let episode = Fixture.ended.with { $0.referrer = nil; $0.endReason = nil }
            // Act
            let row = CBS.control(episode, period: Fixture.jh1_2024)
            // Assert
            #expect(!row.deliverable)
            #expect(row.record == nil)
            #expect(row.findings == [
                Finding(field: "referrer", kind: .missing, message: "Verwijstype ontbreekt"),
                Finding(field: "endReason", kind: .missing, message: "Reden beëindiging ontbreekt"),
            ])
            #expect(row.overviewCells.prefix(3) == ["Nee", "P-0001", "Jansen, Sam"])
            #expect(row.overviewCells[3 + CBS.Field.referrer.position] == "Ontbreekt")
        }

        @Test("the overview's columns: Aanleverbaar, Patiëntnummer, Patiënt, then every field")
        func overviewColumns() {
            #expect(CBS.ControlRow.overviewTitles == [
                "Aanleverbaar", "Patiëntnummer", "Patiënt",
                "Burgerservicenummer", "Geboortedatum", "Geslacht", "Postcode", "Verwijzer", "Hulpvorm",
                "Gestart met crisis", "Datum aanvang", "Datum einde", "Reden beëindiging",
                "Tevredenheid jeugdige", "Zonder hulp verder jeugdige", "Tevredenheid ouder",
                "Zonder hulp verder ouder",
            ])
            let row = CBS.control(Fixture.ended, period: Fixture.jh1_2024)
            #expect(row.overviewCells.count == CBS.ControlRow.overviewTitles.count)
            #expect(row.overviewCells.first == "Ja")
        }

        @Test("field keys are the API's JSON keys, in protocol order")
        func fieldKeys() {
            #expect(CBS.Field.allCases.map(\.rawValue) == [
                "bsn", "birthDate", "sex", "postcode", "referrer", "careType", "startedInCrisis",
                "startDate", "endDate", "endReason", "youthSatisfaction", "youthWithoutFurtherHelp",
                "parentSatisfaction", "parentWithoutFurtherHelp",
            ])
            #expect(CBS.Field.allCases.map(\.position) == Array(0..<14))
        }
    }
}
