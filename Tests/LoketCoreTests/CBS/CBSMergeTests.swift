import Testing
@testable import LoketCore

extension CBSTests {
    /// spec/cbs-jeugdhulp.md §5 — merging overlapping records.
    @Suite("Merge")
    struct Merge {
        static func record(_ bsn: String, _ careType: String, _ start: String, _ end: String?,
                           reason: String? = "01", referrer: String = "02") -> CBS.Record {
            CBS.Record(bsn: bsn, birthDate: "20120304", sex: "V", postcode: "3511AB", referrer: referrer,
                       careType: careType, startedInCrisis: false, start: day(start), end: end.map(day),
                       endReason: end == nil ? nil : reason, youthSatisfaction: nil, youthWithoutFurtherHelp: nil,
                       parentSatisfaction: nil, parentWithoutFurtherHelp: nil)
        }

        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let input: [CBS.Record]
            let expected: [CBS.Record]
            var testDescription: String { name }
        }

        static let cases: [Case] = [
            Case(name: "overlapping, same BSN and hulpvorm: one record from first start to last end, last end's reason",
                 input: [record("123456782", "02", "2024-01-10", "2024-03-31", reason: "02"),
                         record("123456782", "02", "2024-03-01", "2024-05-31", reason: "01")],
                 expected: [record("123456782", "02", "2024-01-10", "2024-05-31", reason: "01")]),
            Case(name: "sharing just one day still overlaps",
                 input: [record("123456782", "02", "2024-01-10", "2024-03-31"),
                         record("123456782", "02", "2024-03-31", "2024-05-31")],
                 expected: [record("123456782", "02", "2024-01-10", "2024-05-31")]),
            Case(name: "adjacent, not overlapping: two records",
                 input: [record("123456782", "02", "2024-01-10", "2024-03-31"),
                         record("123456782", "02", "2024-04-01", "2024-05-31")],
                 expected: [record("123456782", "02", "2024-01-10", "2024-03-31"),
                            record("123456782", "02", "2024-04-01", "2024-05-31")]),
            Case(name: "overlapping with a different hulpvorm: two records",
                 input: [record("123456782", "02", "2024-01-10", "2024-03-31"),
                         record("123456782", "03", "2024-03-01", "2024-05-31")],
                 expected: [record("123456782", "02", "2024-01-10", "2024-03-31"),
                            record("123456782", "03", "2024-03-01", "2024-05-31")]),
            Case(name: "overlapping with a different BSN: two records",
                 input: [record("111222333", "02", "2024-01-10", "2024-03-31"),
                         record("123456782", "02", "2024-03-01", "2024-05-31")],
                 expected: [record("111222333", "02", "2024-01-10", "2024-03-31"),
                            record("123456782", "02", "2024-03-01", "2024-05-31")]),
            Case(name: "placeholder 999999999 is different children: never merged",
                 input: [record("999999999", "02", "2024-01-10", "2024-03-31"),
                         record("999999999", "02", "2024-03-01", "2024-05-31")],
                 expected: [record("999999999", "02", "2024-01-10", "2024-03-31"),
                            record("999999999", "02", "2024-03-01", "2024-05-31")]),
            Case(name: "placeholder 000000000 is different unborn children: never merged",
                 input: [record("000000000", "02", "2024-01-10", nil),
                         record("000000000", "02", "2024-01-10", nil)],
                 expected: [record("000000000", "02", "2024-01-10", nil),
                            record("000000000", "02", "2024-01-10", nil)]),
            Case(name: "a record within a longer one keeps the longer one's end and reason",
                 input: [record("123456782", "02", "2024-01-10", "2024-06-30", reason: "01"),
                         record("123456782", "02", "2024-02-01", "2024-02-28", reason: "03")],
                 expected: [record("123456782", "02", "2024-01-10", "2024-06-30", reason: "01")]),
            Case(name: "overlapping a running record: the merged record still runs, without a reason",
                 input: [record("123456782", "02", "2024-01-10", "2024-03-31", reason: "02"),
                         record("123456782", "02", "2024-03-01", nil)],
                 expected: [record("123456782", "02", "2024-01-10", nil)]),
            Case(name: "a chain of three overlapping records becomes one",
                 input: [record("123456782", "02", "2024-01-01", "2024-02-15"),
                         record("123456782", "02", "2024-02-01", "2024-03-15"),
                         record("123456782", "02", "2024-03-01", "2024-04-15", reason: "05")],
                 expected: [record("123456782", "02", "2024-01-01", "2024-04-15", reason: "05")]),
            Case(name: "the verwijzer is the first record's: it belongs to the start of care",
                 input: [record("123456782", "02", "2024-01-10", "2024-03-31", referrer: "03"),
                         record("123456782", "02", "2024-03-01", "2024-05-31", referrer: "02")],
                 expected: [record("123456782", "02", "2024-01-10", "2024-05-31", referrer: "03")]),
            Case(name: "unsorted input is sorted first",
                 input: [record("123456782", "02", "2024-03-01", "2024-05-31"),
                         record("111222333", "02", "2024-01-01", nil),
                         record("123456782", "02", "2024-01-10", "2024-03-31")],
                 expected: [record("111222333", "02", "2024-01-01", nil),
                            record("123456782", "02", "2024-01-10", "2024-05-31")]),
            Case(name: "no records, nothing out", input: [], expected: []),
        ]

        @Test("records of one plan are merged", arguments: cases)
        func merge(_ c: Case) {
            #expect(CBS.merge(c.input) == c.expected)
        }

        @Test("the streaming merger gives the same as merge on sorted input", arguments: cases)
        func streaming(_ c: Case) {
            // Arrange
            var merger = CBS.RecordMerger()
            var out: [CBS.Record] = []
            // Act
            for record in c.input.sorted(by: CBS.Record.mergeOrder) {
                if let done = merger.add(record) { out.append(done) }
            }
            if let last = merger.finish() { out.append(last) }
            // Assert
            #expect(out == c.expected)
            #expect(merger.finish() == nil)
        }

        @Test("the merged record keeps the outcome of the record that ends last")
        func outcomeFromLastEnd() {
            let first = Self.record("123456782", "02", "2024-01-10", "2024-03-31").with {
                $0.youthSatisfaction = 3; $0.parentWithoutFurtherHelp = "01"
            }
            let last = Self.record("123456782", "02", "2024-03-01", "2024-05-31").with {
                $0.youthSatisfaction = 9; $0.parentWithoutFurtherHelp = nil; $0.startedInCrisis = true
            }
            let merged = CBS.merge([first, last])
            #expect(merged.count == 1)
            #expect(merged.first?.youthSatisfaction == 9)
            #expect(merged.first?.parentWithoutFurtherHelp == nil)
            #expect(merged.first?.startedInCrisis == false)
        }
    }
}
