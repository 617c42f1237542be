// The layout files (Resources/Layouts/cbs-*.json, embedded at build time by the
// EmbedResources plugin) read into CBSLayout values. docs/cbs.md ("Layouts as files") shows
// the format. A file that does not read is a build defect, not an input error: the tests
// read every embedded layout, so `all` stops the process with the file's name and problem.

import Foundation

extension CBSLayout {
    /// One layout file as written.
    struct File: Decodable {
        struct Column: Decodable {
            /// A field's raw value (`CBS.Field` or `CBS.HeaderField`), or nil with `constant`.
            var field: String?
            var constant: String?
            /// Defaults to the field's own title.
            var title: String?
            /// "text" (left-aligned, spaces) or "number" (right-aligned, zeros).
            var type: String
            var width: Int
        }
        var registry: String
        var version: String
        var firstYear: Int
        var lineEnding: String
        var header: [Column]
        var record: [Column]
    }

    enum FileProblem: Error, CustomStringConvertible {
        case invalid(String)
        var description: String { switch self { case .invalid(let message): message } }
    }

    /// Reads one layout file.
    static func read(_ data: Data) throws -> CBSLayout {
        let file = try JSONDecoder().decode(File.self, from: data)
        guard file.registry == "cbs-jeugdhulp" else { throw FileProblem.invalid("registry \(file.registry) is not cbs-jeugdhulp") }
        guard file.lineEnding == "\r\n" || file.lineEnding == "\n" else { throw FileProblem.invalid("lineEnding must be CRLF or LF") }
        /// A column from its entry: `field` names a value (with its own title unless the
        /// entry gives one), `constant` a fixed text (such as a record type marker).
        func column<Source>(_ c: File.Column, constant: (String) -> Source,
                            field: (String) -> (source: Source, title: String)?) throws -> Column<Source> {
            guard c.width > 0 else { throw FileProblem.invalid("a column of width \(c.width)") }
            let source: Source
            let title: String?
            switch (c.field, c.constant) {
            case (let name?, nil):
                guard let found = field(name) else { throw FileProblem.invalid("unknown field \(name)") }
                (source, title) = (found.source, c.title ?? found.title)
            case (nil, let text?):
                (source, title) = (constant(text), c.title)
            default:
                throw FileProblem.invalid("a column needs either field or constant")
            }
            guard let title else { throw FileProblem.invalid("a constant column needs a title") }
            switch c.type {
            case "text": return .text(source, title: title, width: c.width)
            case "number": return .number(source, title: title, width: c.width)
            default: throw FileProblem.invalid("type \(c.type) is not text or number")
            }
        }
        let header = try file.header.map {
            try column($0, constant: HeaderSource.constant) { name in
                CBS.HeaderField(rawValue: name).map { (HeaderSource.field($0), $0.title) }
            }
        }
        let record = try file.record.map {
            try column($0, constant: RecordSource.constant) { name in
                CBS.Field(rawValue: name).map { (RecordSource.field($0), $0.title) }
            }
        }
        let layout = CBSLayout(version: file.version, firstYear: file.firstYear, header: header,
                               record: record, lineEnding: file.lineEnding)
        let fields = layout.record.compactMap { if case .field(let f) = $0.source { f } else { nil } }
        guard Set(fields) == Set(CBS.Field.allCases), fields.count == CBS.Field.allCases.count else {
            throw FileProblem.invalid("the record must hold every field of §4 once")
        }
        return layout
    }

    /// Every embedded layout, oldest first year first.
    public static let all: [CBSLayout] = {
        let layouts = EmbeddedResources.paths(under: "Resources/Layouts/").map { path in
            do {
                return try read(EmbeddedResources.data(path)!)
            } catch {
                fatalError("layout file \(path) does not read: \(error)")
            }
        }
        precondition(!layouts.isEmpty, "no CBS layout files are embedded (Resources/Layouts)")
        return layouts.sorted { $0.firstYear < $1.firstYear }
    }()
}
