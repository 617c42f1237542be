// Walks an exchange document's text one record at a time (issue 16): the root object's
// keys in document order and, inside each section's array, one record as a small
// JSONValue per call. Nothing else of the text is kept, so a reader built on it holds what
// it chooses to keep: everything (`ExchangeDocument.decode`), everything but the
// treatments and measurements (`decodeHead`), or one chunk of those (`ExchangeBulkReader`).
// A syntax error anywhere is thrown with its line and column, as by `JSONParser`.

struct ExchangeRecordCursor {
    typealias Section = ExchangeStreamWriter.Section

    enum Event {
        /// The text is one JSON value that is not an object (read whole first, so that a
        /// syntax error in it still wins).
        case notAnObject(JSONValue)
        case format(JSONValue)
        case unknownKey(String)
        /// A section whose value is not an array (`null` is an empty section and no event).
        case notAnArray(Section, JSONValue)
        /// The record at `index` of its section's array.
        case record(Section, index: Int, JSONValue)
    }

    private enum State {
        case start, key, afterValue, record(Section, Int), done
    }

    private var reader: JSONParser.Reader
    private var state = State.start
    private var keys: [String] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        reader = JSONParser.Reader(bytes: bytes)
    }

    /// How far the text has been read: the caller may give back the pages before it.
    var position: Int { reader.index }

    /// The next event, nil at the end of a well-formed document.
    mutating func next() throws(JSONSyntaxError) -> Event? {
        let bytes = reader.bytes
        while true {
            switch state {
            case .done:
                return nil
            case .start:
                if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.index = 3 }
                reader.skipWhitespace()
                guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "{") else {
                    let value = try reader.value(depth: 0)
                    try end()
                    return .notAnObject(value)
                }
                reader.index += 1
                reader.skipWhitespace()
                if reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "}") {
                    reader.index += 1
                    try end()
                    return nil
                }
                state = .key
            case .key:
                reader.skipWhitespace()
                guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "\"") else {
                    throw reader.error("expected a key in quotes")
                }
                let keyStart = reader.index
                let key = try reader.string()
                guard !keys.contains(key) else { reader.index = keyStart; throw reader.error("duplicate key \(TextLimit.quoted(key))") }
                keys.append(key)
                reader.skipWhitespace()
                guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: ":") else { throw reader.error("expected ':' after a key") }
                reader.index += 1
                reader.skipWhitespace()
                state = .afterValue
                if key == "format" { return .format(try reader.value(depth: 1)) }
                guard let section = Section(rawValue: key) else {
                    _ = try reader.value(depth: 1)
                    return .unknownKey(key)
                }
                guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "[") else {
                    let value = try reader.value(depth: 1)
                    if value != .null { return .notAnArray(section, value) }
                    continue
                }
                reader.index += 1
                reader.skipWhitespace()
                if reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "]") { reader.index += 1; continue }
                state = .record(section, 0)
            case .afterValue:
                reader.skipWhitespace()
                guard reader.index < bytes.count else { throw reader.error("unexpected end of the document") }
                if bytes[reader.index] == UInt8(ascii: ",") { reader.index += 1; state = .key; continue }
                if bytes[reader.index] == UInt8(ascii: "}") { reader.index += 1; try end(); return nil }
                throw reader.error("expected ',' or '}'")
            case .record(let section, let i):
                reader.skipWhitespace()
                let record = try reader.value(depth: 2)
                reader.skipWhitespace()
                guard reader.index < bytes.count else { throw reader.error("unexpected end of the document") }
                if bytes[reader.index] == UInt8(ascii: ",") {
                    reader.index += 1
                    state = .record(section, i + 1)
                } else if bytes[reader.index] == UInt8(ascii: "]") {
                    reader.index += 1
                    state = .afterValue
                } else {
                    throw reader.error("expected ',' or ']'")
                }
                return .record(section, index: i, record)
            }
        }
    }

    /// Only whitespace may follow the document.
    private mutating func end() throws(JSONSyntaxError) {
        state = .done
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.error("unexpected text after the document") }
    }
}
