import Foundation
import Testing
@testable import LoketCore

/// Breaks a valid document in one way.
struct LDODocumentBreaker: Sendable {
    let apply: @Sendable (String) -> String
    init(_ apply: @escaping @Sendable (String) -> String) { self.apply = apply }
}

@Suite("LDO delivery file v2, and v1 beside it (spec/ldo.md §4)")
struct LDOXMLWriterTests {
    /// 2026-11-22T10:15:30Z
    static let createdAt = Date(timeIntervalSince1970: 1_795_342_530)

    /// A whole document for these episodes, written in pieces as the app does.
    static func document(_ episodes: [LDO.Episode], practice: LDO.Practice = LDOFixture.practice,
                         layout: LDORecordLayout = .current) -> String {
        var selection = LDO.Selection()
        var writer = LDOXMLWriter(layout: layout)
        var xml = writer.begin(header: .init(practice: practice, window: LDOFixture.window, createdAt: createdAt))
        for e in episodes {
            if case .included(let r) = selection.add(e, practice: practice, window: LDOFixture.window) {
                xml += writer.record(r)
            }
        }
        return xml + writer.end(excludedForConsent: selection.excludedForConsent)
    }

    @Test("The record as \"Aangeleverde gegevens\" shows it: Dutch names, treatments one line each, no BSN")
    func readable() throws {
        let xml = Self.document([LDOFixture.episode()])
        let start = try #require(xml.range(of: "  <Episode>")), end = try #require(xml.range(of: "  </Episode>\n"))
        let record = String(xml[start.lowerBound..<end.upperBound])
        #expect(record.contains("<BSN>"), "the file has the BSN")
        let fields = LDORecordLayout.current.readableFields(of: record)
        #expect(!fields.contains { $0.label.contains("BSN") } && !fields.contains { $0.value == "123456782" })
        #expect(fields.first?.label == "AGB-code praktijk")
        #expect(fields.contains { $0.label == "Pseudoniem patiënt" } && fields.contains { $0.label == "Begindatum" })
        #expect(fields.filter { $0.label == "Behandeling" }.count == Int(fields.first { $0.label == "Aantal behandelingen" }?.value ?? "-1"))
        #expect(LDORecordLayout.unescape("a&amp;lt;b &lt; &#13;") == "a&lt;b < \r")
    }

    @Test("Escaping", arguments: [
        ("ampersand", "a&b", "a&amp;b"),
        ("angle brackets", "<x>", "&lt;x&gt;"),
        ("quotes", "\"'", "&quot;&apos;"),
        ("all five together", "&<>\"'", "&amp;&lt;&gt;&quot;&apos;"),
        ("plain text and accents unchanged", "Crème brûlée 12", "Crème brûlée 12"),
        ("control characters dropped", "a\u{0}b\u{1B}c", "abc"),
        ("carriage return kept as a reference", "a\r\nb", "a&#13;\nb"),
        ("tab and newline kept", "a\tb\nc", "a\tb\nc"),
        ("U+FFFE and U+FFFF dropped", "a\u{FFFE}b\u{FFFF}c", "abc"),
        ("other characters from U+F000 kept (UTF-8 lead byte 0xEF)", "a\u{FF21}\u{F8FF}", "a\u{FF21}\u{F8FF}"),
        ("empty", "", ""),
    ])
    func escaping(_ name: String, _ raw: String, _ escaped: String) {
        #expect(LDOXMLWriter.escape(raw) == escaped, "\(name)")
    }

    @Test("Timestamp in UTC", arguments: [
        ("the fixture moment", 1_795_342_530.0, "2026-11-22T10:15:30Z"),
        ("the epoch", 0, "1970-01-01T00:00:00Z"),
        ("before the epoch", -1, "1969-12-31T23:59:59Z"),
        ("a fraction is cut, not rounded", 59.9, "1970-01-01T00:00:59Z"),
    ])
    func timestamp(_ name: String, _ seconds: Double, _ expected: String) {
        #expect(LDOXMLWriter.utcTimestamp(Date(timeIntervalSince1970: seconds)) == expected, "\(name)")
    }

    @Test("Header, record and trailer") func wholeDocument() {
        var refused = LDOFixture.episode(id: "E-3")
        refused.consent = .refused

        let xml = Self.document([LDOFixture.episode(), refused, LDOFixture.endedEpisode()])

        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LDOAanlevering>\n  <Kop>\n"))
        #expect(xml.contains("""
                <Formaatversie>2</Formaatversie>
                <PraktijkAGB>07001234</PraktijkAGB>
                <PraktijkKvK>12345678</PraktijkKvK>
                <PeriodeBegin>2026-08-01</PeriodeBegin>
                <PeriodeEinde>2026-10-31</PeriodeEinde>
                <Aanmaakmoment>2026-11-22T10:15:30Z</Aanmaakmoment>
            """))
        #expect(xml.hasSuffix("""
              <Slot>
                <AantalEpisodes>2</AantalEpisodes>
                <NExclusie>1</NExclusie>
              </Slot>
            </LDOAanlevering>

            """))
        #expect(xml.components(separatedBy: "<Episode>").count == 3)
        #expect(xml.contains("<Toegang>verwijzing</Toegang>"))
        #expect(xml.contains("<Verwijzer>huisarts</Verwijzer>"))
        #expect(xml.contains("<Toegang>dto</Toegang>"))
        #expect(xml.contains("<DoelenBereikt>gedeeltelijk</DoelenBereikt>"))
        #expect(xml.contains("<RedenEinde>01</RedenEinde>"))
        #expect(xml.contains("<Meting>\n        <Instrument>998</Instrument>\n      </Meting>"), "no measurements → 998")
        #expect(!xml.contains("E-3"), "a refused episode is only counted")
    }

    @Test("Record text with every special character is escaped") func recordEscaping() {
        var e = LDOFixture.episode(id: "E&<1>\"'")
        e.patientPseudonym = "p&q"
        e.treatments[0].code = "<1000>"

        let xml = Self.document([e])

        #expect(xml.contains("<EpisodeID>E&amp;&lt;1&gt;&quot;&apos;</EpisodeID>"))
        #expect(xml.contains("<PatientPseudoniem>p&amp;q</PatientPseudoniem>"))
        #expect(xml.contains("<Prestatiecode>&lt;1000&gt;</Prestatiecode>"))
    }

    // MARK: XSD validation with xmllint (libxml2-utils; CI installs it)

    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// The schemas as the binary carries them, written out for xmllint (and checked to be
    /// the checkout's files).
    static let schemas: [String: URL] = Dictionary(uniqueKeysWithValues: [LDORecordLayout.v1, .v2].map { layout in
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loket-\(UUID().uuidString)-\(layout.schemaFile)")
        try? layout.schema?.write(to: file)
        return (layout.version, file)
    })

    @Test("The XSDs built into the binary are the checkout's Resources/Formats files", arguments: [LDORecordLayout.v1, .v2])
    func embeddedSchema(_ layout: LDORecordLayout) throws {
        let checkout = try Data(contentsOf: Self.repoRoot.appendingPathComponent("Resources/Formats/\(layout.schemaFile)"))
        #expect(layout.schema == checkout)
    }

    /// Runs xmllint against the layout's schema; returns its exit status and what it said.
    static func validate(_ xml: String, layout: LDORecordLayout = .current) throws -> (status: Int32, output: String) {
        let schema = try #require(schemas[layout.version])
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("ldo-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", schema.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("Valid documents pass the XSD", arguments: [
        ("a running and an ended episode", [LDOFixture.episode(), LDOFixture.endedEpisode()]),
        ("no episodes at all", []),
        ("special characters in free text", [{
            var e = LDOFixture.episode(id: "E&<1>\"'")
            e.patientPseudonym = "p&q<'\">"
            e.measurements = [LDO.Measurement(id: "m", instrument: "NRS&<pijn>", moment: .end, date: ldoDate("2026-09-01"), score: 3)]
            return e
        }()]),
        ("measurements of every moment, scores of every shape, on a referral and on DTO", [{
            var e = LDOFixture.episode(id: "E-m")
            e.referralDate = ldoDate("2026-06-28")
            e.chronic = true
            e.measurements = LDO.MeasurementMoment.allCases.enumerated().map { i, moment in
                LDO.Measurement(id: "m\(i)", instrument: ["PSK", "NPRS", "QBPDS"][i], moment: moment,
                                date: ldoDate("2026-07-0\(i + 1)"), score: [7.5, -3, 0.00001][i])
            }
            return e
        }()] + LDO.ScreeningConclusion.allCases.map { conclusion in
            var e = LDOFixture.endedEpisode(id: "E-\(conclusion.rawValue)")
            e.screeningConclusion = conclusion
            e.chronic = false
            return e
        }),
        ("every value of every code list", LDO.ReferrerType.allCases.indices.map { i in
            var e = LDOFixture.endedEpisode(id: "E-\(i)")
            e.accessRoute = .referral
            e.referrerType = LDO.ReferrerType.allCases[i].rawValue
            e.sex = LDO.Sex.allCases[i % LDO.Sex.allCases.count].rawValue
            e.endReason = LDO.EndReason.allCases[i % LDO.EndReason.allCases.count].rawValue
            e.goalsAchieved = LDO.GoalsAchieved.allCases[i % LDO.GoalsAchieved.allCases.count].rawValue
            return e
        } + [LDOFixture.endedEpisode(id: "E-direct")]),
    ] as [(String, [LDO.Episode])])
    func validDocument(_ name: String, _ episodes: [LDO.Episode]) throws {
        for layout in [LDORecordLayout.v2, .v1] {
            let xml = Self.document(episodes, layout: layout)

            let result = try Self.validate(xml, layout: layout)

            #expect(result.status == 0, "\(name), v\(layout.version): \(result.output)")
            #expect(xml.components(separatedBy: "<Episode>").count == episodes.count + 1, "\(name): all in the file")
        }
    }

    @Test("A document without a practice KvK or AGB in the header still validates") func headerWithoutPractice() throws {
        let practice = LDO.Practice(id: "p", kvk: "x", agb: nil, optIn: true)

        let result = try Self.validate(Self.document([LDOFixture.episode()], practice: practice))

        #expect(result.status == 0, "\(result.output)")
    }

    @Test("Broken documents fail the XSD", arguments: [
        ("trailer missing", LDODocumentBreaker { $0.replacingOccurrences(of: "<Slot>", with: "<Staart>")
            .replacingOccurrences(of: "</Slot>", with: "</Staart>") }),
        ("postcode with a space", LDODocumentBreaker { $0.replacingOccurrences(of: "1234AB", with: "1234 AB") }),
        ("unknown access route", LDODocumentBreaker { $0.replacingOccurrences(of: "verwijzing", with: "referral") }),
        ("two episodes with the same id", LDODocumentBreaker { $0.replacingOccurrences(of: "<EpisodeID>E-2</EpisodeID>",
                                                                  with: "<EpisodeID>E-1</EpisodeID>") }),
        ("not well-formed", LDODocumentBreaker { $0.replacingOccurrences(of: "</Kop>", with: "") }),
        ("a moment outside the list", LDODocumentBreaker { $0.replacingOccurrences(of: "<Moment>begin</Moment>", with: "<Moment>start</Moment>") }),
        ("a score that is not a number", LDODocumentBreaker { $0.replacingOccurrences(of: "<Score>7</Score>", with: "<Score>7,5</Score>") }),
        ("an instrument of 21 characters", LDODocumentBreaker { $0.replacingOccurrences(of: "<Instrument>PSK</Instrument>",
                                                                     with: "<Instrument>\(String(repeating: "P", count: 21))</Instrument>") }),
        ("a screening conclusion outside the list", LDODocumentBreaker { $0.replacingOccurrences(of: "<Screeningsconclusie>behandelen",
                                                                              with: "<Screeningsconclusie>treat") }),
    ] as [(String, LDODocumentBreaker)])
    func brokenDocument(_ name: String, _ breakIt: LDODocumentBreaker) throws {
        let good = Self.document([LDOFixture.episode(), LDOFixture.endedEpisode()])
        let broken = breakIt.apply(good)
        #expect(broken != good, "\(name): the change applies")

        let result = try Self.validate(broken)

        #expect(result.status != 0, "\(name)")
    }
}
