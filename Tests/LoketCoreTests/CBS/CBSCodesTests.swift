import Testing
@testable import LoketCore

extension CBSTests {
    /// spec/cbs-jeugdhulp.md §4 — the code lists.
    @Suite("Code lists")
    struct Codes {
        @Test("each list holds exactly the protocol's codes", arguments: [
            ("verwijzer 01–08", CBS.Codes.referrer, ["01", "02", "03", "04", "05", "06", "07", "08"]),
            ("hulpvorm 01–04 and 11–14", CBS.Codes.careType, ["01", "02", "03", "04", "11", "12", "13", "14"]),
            ("reden beëindiging 01–05", CBS.Codes.endReason, ["01", "02", "03", "04", "05"]),
            ("zonder hulp verder 01–04", CBS.Codes.withoutFurtherHelp, ["01", "02", "03", "04"]),
            ("perspectief 02–04 (legacy)", CBS.Codes.perspective, ["02", "03", "04"]),
            ("geslacht M, V, O", CBS.Codes.sex, ["M", "V", "O"]),
            ("gestart met crisis 01, 02", CBS.Codes.startedInCrisis, ["01", "02"]),
        ])
        func codes(_ name: String, _ list: CBS.CodeList, _ expected: [String]) {
            #expect(list.codes.map(\.code) == expected, "\(name)")
            #expect(list.codes.allSatisfy { !$0.label.isEmpty }, "\(name)")
        }

        @Test("labels are the Dutch texts a dropdown shows", arguments: [
            ("verwijzer 02", CBS.Codes.referrer, "02", "Huisarts"),
            ("verwijzer 06", CBS.Codes.referrer, "06", "Geen verwijzer"),
            ("hulpvorm 02", CBS.Codes.careType, "02", "Jeugdhulp zonder verblijf, ambulante jeugdhulp op locatie van de aanbieder"),
            ("reden beëindiging 01", CBS.Codes.endReason, "01", "Beëindigd volgens plan"),
            ("perspectief 04", CBS.Codes.perspective, "04", "Behandelen"),
        ])
        func labels(_ name: String, _ list: CBS.CodeList, _ code: String, _ label: String) {
            #expect(list.label(for: code) == label, "\(name)")
        }

        @Test("verwijzer 07 is offered only for care started before 2015", arguments: [
            ("care started 31 December 2014", day("2014-12-31"), true),
            ("care started 1 January 2015", day("2015-01-01"), false),
        ])
        func referrerUnknownOffered(_ name: String, _ start: LocalDate, _ offered: Bool) {
            let options = CBS.Codes.referrer.options(forCareStartedOn: start).map(\.code)
            #expect(options.contains("07") == offered, "\(name)")
            #expect(options.contains("08"), "\(name)")
        }

        @Test("an old episode keeps showing its stored verwijzer 07")
        func referrerUnknownKept() {
            let options = CBS.Codes.referrer.options(forCareStartedOn: day("2016-01-01"), keeping: "07")
            #expect(options.map(\.code).contains("07"))
        }

        @Test("perspectief is never written: no layout has a column for it")
        func perspectiveNotWritten() {
            #expect(!CBS.Field.allCases.map(\.rawValue).contains("perspective"))
            #expect(CBS.Codes.perspective.codes.allSatisfy { $0.inUseUntilYear == 2018 })
        }
    }
}
