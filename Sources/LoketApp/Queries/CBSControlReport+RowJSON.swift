// A control row as JSON, written by hand: the same bytes as `LoketJSON.string(row)` (sorted
// keys, slashes not escaped, control characters as JSONEncoder writes them), several times
// faster. Why: a control keeps each of its rows as JSON (cbs_control_rows) and the JSON
// export writes them too; at bench-large's 35,000 rows JSONEncoder's generic containers were
// a sixth of a `cbs control`. `RowJSONTests` holds it to JSONEncoder's output.

import LoketCore

extension CBSControlReport.Row {
    /// The fields in the order of their JSON names, as sorted keys put them (by code point).
    private static let sortedFields = CBS.Field.allCases.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }

    /// `{"cells":{…},"deliverable":…,"episodeId":…,"findings":[…],"patientName":…,"patientNumber":…}`
    var json: String {
        var out = JSONBytes()
        out.raw(#"{"cells":{"#)
        for (i, field) in Self.sortedFields.enumerated() {
            if i > 0 { out.raw(",") }
            out.string(field.rawValue)
            out.raw(":")
            out.string(cells[field])
        }
        out.raw(#"},"deliverable":"#)
        out.raw(deliverable ? "true" : "false")
        out.raw(#","episodeId":"#)
        out.string(episodeId)
        out.raw(#","findings":["#)
        for (i, finding) in findings.enumerated() {
            out.raw(i > 0 ? #",{"field":"# : #"{"field":"#)
            out.string(finding.field)
            out.raw(#","kind":"#)
            out.string(finding.kind.rawValue)
            out.raw(#","message":"#)
            out.string(finding.message)
            out.raw(#","severity":"#)
            out.string(finding.severity.rawValue)
            out.raw("}")
        }
        out.raw(#"],"patientName":"#)
        out.string(patientName)
        out.raw(#","patientNumber":"#)
        out.string(patientNumber)
        out.raw("}")
        return out.text
    }
}

/// JSON text built up in one buffer; strings escaped as JSONEncoder escapes them with
/// `.withoutEscapingSlashes`: `"` and `\` with a backslash, \b \t \n \f \r by name, other
/// characters below U+0020 as \u00xx (lower-case hex), everything else as it is.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    private static let hex = Array("0123456789abcdef".utf8)

    init() { bytes.reserveCapacity(1024) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: utf8[start..<i])
                start = i + 1
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                default:
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0x0F)]])
                }
            }
            bytes.append(contentsOf: utf8[start...])
        }
        bytes.append(0x22)
    }
}
