// Reading an exchange document record by record (issue 16): the root object and its arrays
// are walked here, and each record is parsed into a small JSONValue, decoded and dropped,
// so a 281 MB document never becomes a tree of a million JSONValues (1.5 GB). The rules are
// those of `decode(_ json:)` (ExchangeDocument+Decode.swift) and so are the errors, in the
// same order: unknown root keys, the format, then each section in the order of
// `ExchangeStreamWriter.Section`, then duplicate ids; a syntax error anywhere is the only
// error, as before. `progress` is told how far the text has been read, so the caller can
// give back the pages of a mapped file it will not read again.

extension ExchangeDocument {
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>,
                              progress: ((Int) -> Void)? = nil) throws(ExchangeErrors) -> ExchangeDocument {
        var stream = StreamDecoder(reader: JSONParser.Reader(bytes: buffer), progress: progress)
        let errors: [ExchangeError]
        do {
            errors = try stream.document()
        } catch let syntax {
            throw ExchangeErrors([ExchangeError(path: "", message: syntax.description)])
        }
        guard errors.isEmpty else { throw ExchangeErrors(errors) }
        return stream.doc
    }
}

private struct StreamDecoder {
    var reader: JSONParser.Reader
    let progress: ((Int) -> Void)?
    /// Unknown root keys and the format, in document order; then one reader per section.
    var root = FieldReader()
    var sections = [FieldReader](repeating: FieldReader(), count: ExchangeStreamWriter.Section.allCases.count)
    var doc = ExchangeDocument()

    /// Records between two calls of `progress`: often enough to keep a mapped file's
    /// resident part small, rarely enough to cost nothing.
    static let progressEvery = 4096

    /// Reads the whole text into `doc`; returns the structural errors (none: a valid document).
    mutating func document() throws(JSONSyntaxError) -> [ExchangeError] {
        let bytes = reader.bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.index = 3 }
        reader.skipWhitespace()
        guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "{") else {
            // Not an object: parsed whole first, so a syntax error still wins.
            let value = try reader.value(depth: 0)
            try end()
            return [ExchangeError(path: "", message: "expected an object, found \(value.typeName)")]
        }
        reader.index += 1
        var keys: [String] = []
        var format: JSONValue?
        reader.skipWhitespace()
        if reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "}") {
            reader.index += 1
        } else {
            while true {
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
                if key == "format" {
                    format = try reader.value(depth: 1)
                } else if let section = ExchangeStreamWriter.Section(rawValue: key) {
                    try self.section(section)
                } else {
                    root.fail(String(TextLimit.quoted(key).dropFirst().dropLast()), "unknown key")
                    _ = try reader.value(depth: 1)
                }
                reader.skipWhitespace()
                guard reader.index < bytes.count else { throw reader.error("unexpected end of the document") }
                if bytes[reader.index] == UInt8(ascii: ",") { reader.index += 1; continue }
                if bytes[reader.index] == UInt8(ascii: "}") { reader.index += 1; break }
                throw reader.error("expected ',' or '}'")
            }
        }
        try end()
        return structuralErrors(format: format)
    }

    /// Only whitespace may follow the document.
    mutating func end() throws(JSONSyntaxError) {
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.error("unexpected text after the document") }
    }

    /// One section's array, record by record; `null` is an empty section.
    mutating func section(_ section: ExchangeStreamWriter.Section) throws(JSONSyntaxError) {
        let bytes = reader.bytes
        let n = ExchangeStreamWriter.Section.allCases.firstIndex(of: section)!
        guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "[") else {
            let value = try reader.value(depth: 1)
            if value != .null { sections[n].fail(section.rawValue, "expected an array, found \(value.typeName)") }
            return
        }
        reader.index += 1
        reader.skipWhitespace()
        if reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "]") { reader.index += 1; return }
        var i = 0
        while true {
            reader.skipWhitespace()
            let record = try reader.value(depth: 2)
            Self.add(record, to: section, path: section.rawValue + "[" + String(i) + "]", reader: &sections[n], doc: &doc)
            i += 1
            if i % Self.progressEvery == 0 { progress?(reader.index) }
            reader.skipWhitespace()
            guard reader.index < bytes.count else { throw reader.error("unexpected end of the document") }
            if bytes[reader.index] == UInt8(ascii: ",") { reader.index += 1; continue }
            if bytes[reader.index] == UInt8(ascii: "]") { reader.index += 1; progress?(reader.index); return }
            throw reader.error("expected ',' or ']'")
        }
    }

    static func add(_ v: JSONValue, to section: ExchangeStreamWriter.Section, path p: String, reader r: inout FieldReader,
                    doc: inout ExchangeDocument) {
        switch section {
        case .practices: if let x = ExchangeDocument.decodePractice(&r, v, p) { doc.practices.append(x) }
        case .employees: if let x = ExchangeDocument.decodeEmployee(&r, v, p) { doc.employees.append(x) }
        case .patients: if let x = ExchangeDocument.decodePatient(&r, v, p) { doc.patients.append(x) }
        case .episodes: if let x = ExchangeDocument.decodeEpisode(&r, v, p) { doc.episodes.append(x) }
        case .treatments: if let x = ExchangeDocument.decodeTreatment(&r, v, p) { doc.treatments.append(x) }
        case .measurements: if let x = ExchangeDocument.decodeMeasurement(&r, v, p) { doc.measurements.append(x) }
        }
    }

    /// Every error in `decode(_ json:)`'s order.
    func structuralErrors(format: JSONValue?) -> [ExchangeError] {
        var f = FieldReader()
        ExchangeDocument.checkFormat(format, into: &f)
        var errors = root.errors + f.errors
        for s in sections { errors += s.errors }
        return errors + doc.duplicateIDErrors()
    }
}
