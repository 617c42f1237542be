// A CBS file layout (Bestandsdefinitie) as a value: field order, widths, alignment,
// padding and the header record (spec/cbs-jeugdhulp.md §7 [design]). The exact positions
// are in CBS's yearly Bestandsdefinitie, which no public source we hold gives; so each
// version is one definition value (`CBSLayout+v5_4.swift`), and next year's is a new value
// beside it — correcting a width is a data change, not a code change. The ASCII writer and
// the spreadsheet columns both read from the same definition.

public struct CBSLayout: Hashable, Sendable {
    public enum Alignment: String, Hashable, Sendable {
        /// Value first, padding after (text).
        case left
        /// Padding first, value after (numbers).
        case right
    }

    /// Where a header column's value comes from.
    public enum HeaderSource: Hashable, Sendable {
        case field(CBS.HeaderField)
        /// A fixed text, such as a record type marker.
        case constant(String)
    }

    /// Where a record column's value comes from.
    public enum RecordSource: Hashable, Sendable {
        case field(CBS.Field)
        case constant(String)
    }

    /// One fixed-width column.
    public struct Column<Source: Hashable & Sendable>: Hashable, Sendable {
        public let source: Source
        /// The Dutch title: the spreadsheet column head, and the name in a writing problem.
        public let title: String
        public let width: Int
        public let alignment: Alignment
        /// The padding character for a non-empty value shorter than `width`. An empty value
        /// is always all spaces, so an open end date reads as blank, never as 00000000.
        public let pad: Character

        public init(_ source: Source, title: String, width: Int, alignment: Alignment, pad: Character) {
            precondition(width > 0, "a column has a width")
            self.source = source
            self.title = title
            self.width = width
            self.alignment = alignment
            self.pad = pad
        }

        /// Text: left-aligned, padded with spaces.
        public static func text(_ source: Source, title: String, width: Int) -> Column {
            Column(source, title: title, width: width, alignment: .left, pad: " ")
        }

        /// A number: right-aligned, padded with zeros ("7" in 2 positions is "07").
        public static func number(_ source: Source, title: String, width: Int) -> Column {
            Column(source, title: title, width: width, alignment: .right, pad: "0")
        }
    }

    /// The Bestandsdefinitie version ("5.4").
    public let version: String
    /// The delivery years this definition is for.
    public let years: ClosedRange<Int>
    /// The header record's columns, the first line of the file.
    public let header: [Column<HeaderSource>]
    /// A data record's columns, one line per record.
    public let record: [Column<RecordSource>]
    /// Line terminator, written after every line including the last.
    public let lineEnding: String

    public init(version: String, years: ClosedRange<Int>, header: [Column<HeaderSource>],
                record: [Column<RecordSource>], lineEnding: String) {
        self.version = version
        self.years = years
        self.header = header
        self.record = record
        self.lineEnding = lineEnding
    }

    public var headerWidth: Int { header.reduce(0) { $0 + $1.width } }
    public var recordWidth: Int { record.reduce(0) { $0 + $1.width } }
    /// Every line of the file is this wide (without the line ending): the header and the
    /// records are padded with spaces to the wider of the two, so that a reader of a fixed
    /// format sees one record length.
    public var lineWidth: Int { max(headerWidth, recordWidth) }

    /// Every definition we have, oldest first.
    public static let all: [CBSLayout] = [.v5_4]

    /// The definition for a delivery year: the one that covers it, else the newest that
    /// starts before it (until CBS publishes a new one, the last one stays in force).
    public static func forYear(_ year: Int) -> CBSLayout {
        all.first { $0.years.contains(year) }
            ?? all.last { $0.years.lowerBound <= year }
            ?? all[0]
    }
}

// The Standaard spreadsheet (§7): the same fields in the same order, unpadded.
extension CBSLayout {
    /// The spreadsheet's column titles: the record's field columns, in layout order
    /// (constants such as a record type marker belong to the fixed format only).
    public var spreadsheetColumns: [String] {
        record.compactMap { column in
            guard case .field = column.source else { return nil }
            return column.title
        }
    }

    /// A record's cells for the spreadsheet, matching `spreadsheetColumns`.
    public func spreadsheetCells(for r: CBS.Record) -> [String] {
        record.compactMap { column in
            guard case .field(let field) = column.source else { return nil }
            return r.value(for: field)
        }
    }

    /// The header values as (title, value) pairs, for the spreadsheet's header block.
    public func spreadsheetHeader(_ h: CBS.Header) -> [(title: String, value: String)] {
        header.compactMap { column in
            guard case .field(let field) = column.source else { return nil }
            return (column.title, h.value(for: field))
        }
    }
}
