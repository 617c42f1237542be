import Foundation
import Testing
@testable import LoketCore

extension CBSTests {
    /// spec/cbs-jeugdhulp.md §1 (herlevering), §5 (the record key) — what a definitive
    /// delivery changes against the one before it, read back from the fixed-format files.
    @Suite("Changes between deliveries")
    struct Changes {
        static let ended = Writer.endedRecord
        static let running = Writer.runningRecord

        static func file(_ records: [CBS.Record]) throws -> Data {
            Data(try CBSASCIIWriter().file(header: Writer.header, records: records).utf8)
        }

        static func values(_ records: [CBS.Record]) throws -> [CBS.FileRecord] {
            try CBSASCIIReader(layout: .v5_4).records(in: file(records))
        }

        @Test("the reader gives back every field of what the writer wrote, unpadded")
        func roundTrip() throws {
            let read = try Self.values([Self.ended, Self.running])
            #expect(read.count == 2)
            #expect(read[0][.bsn] == "123456782" && read[0][.postcode] == "3511AB" && read[0][.referrer] == "02")
            #expect(read[0][.endDate] == "20240515" && read[0][.youthSatisfaction] == "08")
            #expect(read[1][.endDate] == "" && read[1][.endReason] == "", "a running record's end is blank")
            #expect(Set(read[0].keys) == Set(CBS.Field.allCases))
        }

        @Test("a file with only its header has no records; a cut line is refused")
        func edges() throws {
            #expect(try Self.values([]).isEmpty)
            var cut = try Self.file([Self.ended])
            cut.removeLast(60)
            #expect(throws: CBSASCIIReader.Problem.shortLine(line: 2)) { try CBSASCIIReader(layout: .v5_4).records(in: cut) }
        }

        static let other = ended.with { $0.bsn = "111222333"; $0.careType = "03" }

        @Test("changes by the key BSN + datum aanvang + hulpvorm", arguments: [
            ("the same file: nothing changed", [ended, other], [ended, other], 0, 0, [[CBS.Field]](), 2),
            ("a new record", [ended], [ended, other], 1, 0, [], 1),
            ("a record left out: CBS deletes it", [ended, other], [other], 0, 1, [], 1),
            ("a new postcode", [ended], [ended.with { $0.postcode = "1234AB" }], 0, 0, [[.postcode]], 0),
            ("the end and its outcome filled in", [running], [ended], 0, 0,
             [[.endDate, .endReason, .youthSatisfaction, .youthWithoutFurtherHelp, .parentSatisfaction, .parentWithoutFurtherHelp]], 0),
            ("another start date is another record", [ended], [ended.with { $0.start = LocalDate(year: 2024, month: 2, day: 2)! }], 1, 1, [], 0),
            ("another hulpvorm is another record", [ended], [ended.with { $0.careType = "03" }], 1, 1, [], 0),
        ] as [(String, [CBS.Record], [CBS.Record], Int, Int, [[CBS.Field]], Int)])
        func changes(_ name: String, _ before: [CBS.Record], _ after: [CBS.Record], _ added: Int, _ removed: Int,
                     _ changed: [[CBS.Field]], _ unchanged: Int) throws {
            let c = CBS.changes(from: try Self.values(before), to: try Self.values(after))
            #expect(c.added.count == added, "\(name)")
            #expect(c.removed.count == removed, "\(name)")
            #expect(c.changed.map(\.fields) == changed, "\(name)")
            #expect(c.unchanged == unchanged, "\(name)")
            #expect(c.isEmpty == (added + removed + changed.count == 0), "\(name)")
        }

        @Test("placeholder BSNs share a key: they are paired in file order, a third is new")
        func placeholders() throws {
            let a = Self.ended.with { $0.bsn = "999999999" }
            let b = a.with { $0.postcode = "9999ZZ" }
            let c = CBS.changes(from: try Self.values([a, b]), to: try Self.values([a, b, b]))
            #expect(c.unchanged == 2 && c.changed.isEmpty && c.removed.isEmpty)
            #expect(c.added.map { $0[.postcode] } == ["9999ZZ"])
        }
    }
}
