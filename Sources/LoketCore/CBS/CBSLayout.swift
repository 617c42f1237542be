// A CBS file layout (Bestandsdefinitie) as a value: field order, widths, alignment,
// padding and the header record (spec/cbs-jeugdhulp.md §7 [design]). The exact positions
// are in CBS's yearly Bestandsdefinitie, which no public source we hold gives; so each
// version is a data file, `Resources/Layouts/cbs-<version>.json`, embedded in the binary
// (CBSLayout+File.swift reads it). Next year's layout is a new file beside it, and
// correcting a width is a data change, not a code change. The ASCII writer, its reader and
// the spreadsheet columns all read from the same definition.

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
    /// The first delivery year this definition is for; it serves every later year until a
    /// definition with a later first year exists.
    public let firstYear: Int
    /// The header record's columns, the first line of the file.
    public let header: [Column<HeaderSource>]
    /// A data record's columns, one line per record.
    public let record: [Column<RecordSource>]
    /// Line terminator, written after every line including the last.
    public let lineEnding: String

    public init(version: String, firstYear: Int, header: [Column<HeaderSource>],
                record: [Column<RecordSource>], lineEnding: String) {
        self.version = version
        self.firstYear = firstYear
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

    /// The definition for a delivery year: the newest that starts in or before it (until
    /// CBS publishes a new one, the last one stays in force); for a year before every
    /// definition, the oldest.
    public static func forYear(_ year: Int, among layouts: [CBSLayout] = all) -> CBSLayout {
        layouts.last { $0.firstYear <= year } ?? layouts[0]
    }

    /// The definition of a version ("5.4"), if we have it.
    public static func version(_ version: String) -> CBSLayout? {
        all.first { $0.version == version }
    }

    /// Bestandsdefinitie 5.4, the one in force since 2022.
    public static var v5_4: CBSLayout { version("5.4")! }
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
