// The CBS layouts are data files embedded in the binary (Resources/Layouts); these tests read
// every embedded one and refuse malformed ones with a message naming the problem.

import Foundation
import Testing
@testable import LoketCore

@Suite("CBS layout files")
struct CBSLayoutFileTests {
    @Test("every embedded layout reads, and 5.4 serves from 2022 on")
    func embedded() throws {
        let paths = EmbeddedResources.paths(under: "Resources/Layouts/")
        #expect(paths.contains("Resources/Layouts/cbs-5.4.json"))
        #expect(CBSLayout.all.count == paths.count)
        let layout = try #require(CBSLayout.version("5.4"))
        #expect(layout.firstYear == 2022)
        #expect(layout.record.count == CBS.Field.allCases.count + 1)
        #expect(layout.header.first == .text(.constant("H"), title: "Recordtype", width: 1))
        #expect(layout.record[1] == .number(.field(.bsn), title: "Burgerservicenummer", width: 9))
    }

    @Test("the embedded file is the one in the repository, byte for byte")
    func sameAsRepository() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Resources/Layouts/cbs-5.4.json").standardized
        #expect(EmbeddedResources.data("Resources/Layouts/cbs-5.4.json") == (try Data(contentsOf: repository)))
    }

    static let good = """
        {"registry": "cbs-jeugdhulp", "version": "7.0", "firstYear": 2030, "lineEnding": "\\n",
         "header": [{"constant": "H", "title": "Recordtype", "type": "text", "width": 1}],
         "record": [FIELDS]}
        """

    static func document(record: String? = nil, replacing: (String, String)? = nil) -> Data {
        let fields = CBS.Field.allCases.map { #"{"field": "\#($0.rawValue)", "type": "number", "width": 2}"# }
        var text = good.replacingOccurrences(of: "FIELDS", with: record ?? fields.joined(separator: ", "))
        if let (a, b) = replacing { text = text.replacingOccurrences(of: a, with: b) }
        return Data(text.utf8)
    }

    @Test("a well-formed file reads, with titles from the fields")
    func wellFormed() throws {
        let layout = try CBSLayout.read(Self.document())
        #expect(layout.version == "7.0" && layout.firstYear == 2030 && layout.lineEnding == "\n")
        #expect(layout.record.map(\.title) == CBS.Field.allCases.map(\.title))
        #expect(layout.recordWidth == 28)
    }

    @Test("a malformed file is refused with what is wrong", arguments: [
        ("another registry", document(replacing: ("cbs-jeugdhulp", "ldo")), "registry"),
        ("an unknown field", document(replacing: ("\"sex\"", "\"gender\"")), "unknown field gender"),
        ("a width of 0", document(replacing: (#""width": 1}"#, #""width": 0}"#)), "width 0"),
        ("an unknown type", document(replacing: (#""type": "text""#, #""type": "date""#)), "not text or number"),
        ("a field missing", document(record: #"{"field": "bsn", "type": "number", "width": 9}"#), "every field"),
        ("a constant without a title", document(replacing: (#""title": "Recordtype", "#, "")), "needs a title"),
        ("CR line endings", document(replacing: (#""\n""#, #""\r""#)), "lineEnding"),
    ])
    func malformed(_ name: String, _ data: Data, _ problem: String) {
        do {
            _ = try CBSLayout.read(data)
            Issue.record("\(name) was read")
        } catch {
            #expect("\(error)".contains(problem), "\(name): \(error)")
        }
    }
}
