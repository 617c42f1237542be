// The ASCII fixed format (spec/cbs-jeugdhulp.md §7): a header line, then one line per
// record, every line `layout.lineWidth` characters plus the layout's line ending (CRLF in
// v5.4), including after the last line. It writes line by line into any output stream, so
// the app can go from query to file one record at a time.

public struct CBSASCIIWriter: Sendable {
    /// A value that does not fit the layout. Validated records never cause one; header
    /// values typed in the practice settings (e-mail, phone) can.
    public enum Problem: Error, Hashable, Sendable {
        case tooLong(column: String, width: Int)
        /// Not printable ASCII: the format is ASCII, and a line break in a value would
        /// break the fixed layout.
        case notASCII(column: String)

        /// The Dutch text for the user.
        public var message: String {
            switch self {
            case .tooLong(let column, let width): CBS.Messages.valueTooLong(column, width: width)
            case .notASCII(let column): CBS.Messages.valueNotASCII(column)
            }
        }
    }

    public let layout: CBSLayout

    public init(layout: CBSLayout = .v5_4) {
        self.layout = layout
    }

    /// The header line, without line ending.
    public func headerLine(_ header: CBS.Header) throws(Problem) -> String {
        var line = ""
        for column in layout.header {
            let value = switch column.source {
            case .field(let field): header.value(for: field)
            case .constant(let text): text
            }
            try append(value, in: column, to: &line)
        }
        return padded(line)
    }

    /// A record's line, without line ending.
    public func recordLine(_ record: CBS.Record) throws(Problem) -> String {
        var line = ""
        for column in layout.record {
            let value = switch column.source {
            case .field(let field): record.value(for: field)
            case .constant(let text): text
            }
            try append(value, in: column, to: &line)
        }
        return padded(line)
    }

    /// Writes the header line with its line ending.
    public func writeHeader(_ header: CBS.Header, to output: inout some TextOutputStream) throws(Problem) {
        output.write(try headerLine(header))
        output.write(layout.lineEnding)
    }

    /// Writes one record's line with its line ending.
    public func write(_ record: CBS.Record, to output: inout some TextOutputStream) throws(Problem) {
        output.write(try recordLine(record))
        output.write(layout.lineEnding)
    }

    /// Appends the header line's bytes (ASCII) to a byte buffer.
    public func writeHeader(_ header: CBS.Header, to bytes: inout [UInt8]) throws(Problem) {
        bytes.append(contentsOf: try headerLine(header).utf8)
        bytes.append(contentsOf: layout.lineEnding.utf8)
    }

    /// Appends one record line's bytes (ASCII) to a byte buffer.
    public func write(_ record: CBS.Record, to bytes: inout [UInt8]) throws(Problem) {
        bytes.append(contentsOf: try recordLine(record).utf8)
        bytes.append(contentsOf: layout.lineEnding.utf8)
    }

    /// The whole file at once, for small deliveries and tests.
    public func file(header: CBS.Header, records: some Sequence<CBS.Record>) throws(Problem) -> String {
        var text = ""
        try writeHeader(header, to: &text)
        for record in records { try write(record, to: &text) }
        return text
    }

    /// Pads `value` into the column. Too long is an error rather than a silent cut: a
    /// truncated e-mail address would reach CBS wrong without anyone noticing.
    private func append<S>(_ value: String, in column: CBSLayout.Column<S>, to line: inout String) throws(Problem) {
        guard value.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw .notASCII(column: column.title)
        }
        let length = value.utf8.count
        guard length <= column.width else { throw .tooLong(column: column.title, width: column.width) }
        if length == 0 {
            line += String(repeating: " ", count: column.width)
            return
        }
        let padding = String(repeating: column.pad, count: column.width - length)
        line += column.alignment == .left ? value + padding : padding + value
    }

    private func padded(_ line: String) -> String {
        let missing = layout.lineWidth - line.utf8.count
        return missing > 0 ? line + String(repeating: " ", count: missing) : line
    }
}
