// Reading an exchange document record by record (issue 16), on ExchangeRecordCursor: each
// record is parsed into a small JSONValue, decoded and dropped, so a 281 MB document never
// becomes a tree of a million JSONValues (1.5 GB). The rules are those of `decode(_ json:)`
// (ExchangeDocument+Decode.swift) and so are the errors, in the same order: unknown root
// keys, the format, then each section in the order of `ExchangeStreamWriter.Section`, then
// duplicate ids; a syntax error anywhere is the only error, as before. `progress` is told
// how far the text has been read, so the caller can give back the pages of a mapped file
// it will not read again.
//
// `decodeHead` is the same reading without keeping the treatments and measurements, the
// bulk of a document: they are checked and counted, and their ids are remembered by hash
// only. The import reads them a second time, a chunk at a time (ExchangeBulkReader), to
// check their references and write them, so its memory does not grow with them.

extension ExchangeDocument {
    public static func decode(_ buffer: UnsafeBufferPointer<UInt8>,
                              progress: ((Int) -> Void)? = nil) throws(ExchangeErrors) -> ExchangeDocument {
        try StreamDecoder.read(buffer, keepBulk: true, progress: progress).document
    }

    /// The document without its treatments and measurements, which are checked as `decode`
    /// checks them (the same errors, duplicate ids included) and counted.
    public static func decodeHead(_ buffer: UnsafeBufferPointer<UInt8>,
                                  progress: ((Int) -> Void)? = nil) throws(ExchangeErrors) -> ExchangeDocumentHead {
        try StreamDecoder.read(buffer, keepBulk: false, progress: progress)
    }
}

/// A document's small sections (practices, employees, patients, episodes) and the number
/// of its treatments and measurements, which are read again when needed.
public struct ExchangeDocumentHead: Sendable {
    /// The document with empty `treatments` and `measurements`.
    public var document: ExchangeDocument
    public var treatments: Int
    public var measurements: Int

    public init(document: ExchangeDocument, treatments: Int, measurements: Int) {
        self.document = document
        self.treatments = treatments
        self.measurements = measurements
    }
}

private struct StreamDecoder {
    typealias Section = ExchangeStreamWriter.Section
    /// Unknown root keys and the format, in document order; then one reader per section.
    var root = FieldReader()
    var sections = [FieldReader](repeating: FieldReader(), count: Section.allCases.count)
    var doc = ExchangeDocument()
    let keepBulk: Bool
    /// Without keepBulk: the treatments' and measurements' ids, by hash.
    var treatmentIDs = HashedIDs(), measurementIDs = HashedIDs()

    /// Records between two calls of `progress`: often enough to keep a mapped file's
    /// resident part small, rarely enough to cost nothing.
    static let progressEvery = 4096

    static func read(_ buffer: UnsafeBufferPointer<UInt8>, keepBulk: Bool,
                     progress: ((Int) -> Void)?) throws(ExchangeErrors) -> ExchangeDocumentHead {
        var decoder = StreamDecoder(keepBulk: keepBulk)
        var cursor = ExchangeRecordCursor(bytes: buffer)
        var format: JSONValue?
        var records = 0
        var notAnObject: JSONValue?
        do {
            while let event = try cursor.next() {
                switch event {
                case .notAnObject(let value): notAnObject = value
                case .format(let value): format = value
                case .unknownKey(let key): decoder.root.fail(String(TextLimit.quoted(key).dropFirst().dropLast()), "unknown key")
                case .notAnArray(let section, let value):
                    decoder.sections[section.number].fail(section.rawValue, "expected an array, found \(value.typeName)")
                case .record(let section, let i, let value):
                    decoder.add(value, to: section, path: section.rawValue + "[" + String(i) + "]")
                    records += 1
                    if records % progressEvery == 0 { progress?(cursor.position) }
                }
            }
        } catch let syntax {
            throw ExchangeErrors([ExchangeError(path: "", message: syntax.description)])
        }
        progress?(cursor.position)
        if let value = notAnObject {
            throw ExchangeErrors([ExchangeError(path: "", message: "expected an object, found \(value.typeName)")])
        }
        var errors = decoder.structuralErrors(format: format)
        if !decoder.treatmentIDs.collided.isEmpty || !decoder.measurementIDs.collided.isEmpty {
            errors += Self.bulkDuplicates(buffer, treatments: decoder.treatmentIDs.collided, measurements: decoder.measurementIDs.collided)
        }
        guard errors.isEmpty else { throw ExchangeErrors(errors) }
        let doc = decoder.doc
        return ExchangeDocumentHead(document: doc, treatments: keepBulk ? doc.treatments.count : decoder.treatmentIDs.count,
                                    measurements: keepBulk ? doc.measurements.count : decoder.measurementIDs.count)
    }

    mutating func add(_ v: JSONValue, to section: Section, path p: String) {
        switch section {
        case .practices: if let x = ExchangeDocument.decodePractice(&sections[0], v, p) { doc.practices.append(x) }
        case .employees: if let x = ExchangeDocument.decodeEmployee(&sections[1], v, p) { doc.employees.append(x) }
        case .patients: if let x = ExchangeDocument.decodePatient(&sections[2], v, p) { doc.patients.append(x) }
        case .episodes: if let x = ExchangeDocument.decodeEpisode(&sections[3], v, p) { doc.episodes.append(x) }
        case .treatments:
            guard let x = ExchangeDocument.decodeTreatment(&sections[4], v, p) else { return }
            if keepBulk { doc.treatments.append(x) } else { treatmentIDs.insert(x.id) }
        case .measurements:
            guard let x = ExchangeDocument.decodeMeasurement(&sections[5], v, p) else { return }
            if keepBulk { doc.measurements.append(x) } else { measurementIDs.insert(x.id) }
        }
    }

    /// Every error in `decode(_ json:)`'s order (the bulk's duplicate ids come after).
    func structuralErrors(format: JSONValue?) -> [ExchangeError] {
        var f = FieldReader()
        ExchangeDocument.checkFormat(format, into: &f)
        var errors = root.errors + f.errors
        for s in sections { errors += s.errors }
        return errors + doc.duplicateIDErrors()
    }

    /// The duplicate treatment and measurement ids among those whose hashes collided, found by
    /// reading the document again: the errors `duplicateIDErrors` gives for them. Numbered
    /// as there, by the decoded records (the same as the document's unless records failed).
    static func bulkDuplicates(_ buffer: UnsafeBufferPointer<UInt8>, treatments: Set<Int>, measurements: Set<Int>) -> [ExchangeError] {
        var cursor = ExchangeRecordCursor(bytes: buffer)
        var seen: [Section: [String: Int]] = [:], decoded: [Section: Int] = [:]
        var found: [Section: [ExchangeError]] = [:]
        var ignored = FieldReader()
        while let event = try? cursor.next() {
            guard case .record(let section, _, let value) = event, section == .treatments || section == .measurements else { continue }
            let id = section == .treatments ? ExchangeDocument.decodeTreatment(&ignored, value, "")?.id
                : ExchangeDocument.decodeMeasurement(&ignored, value, "")?.id
            guard let id else { continue }
            let i = decoded[section, default: 0]
            decoded[section] = i + 1
            guard (section == .treatments ? treatments : measurements).contains(HashedIDs.hash(id)) else { continue }
            if let j = seen[section]?[id] {
                found[section, default: []].append(ExchangeError(
                    path: "\(section.rawValue)[\(i)].id", message: "duplicate id \(TextLimit.quoted(id)) (also at \(section.rawValue)[\(j)])"))
            } else {
                seen[section, default: [:]][id] = i
            }
        }
        return found[.treatments, default: []] + found[.measurements, default: []]
    }
}

/// Ids remembered by a 64-bit hash: 8 bytes each instead of the string. Two ids with the
/// same hash are either the same id or, once in billions, two that collide; `collided`
/// holds those hashes, and only their ids are compared, in a second reading.
private struct HashedIDs {
    private var hashes = Set<Int>()
    private(set) var collided = Set<Int>()
    private(set) var count = 0

    static func hash(_ id: String) -> Int {
        var hasher = Hasher()
        hasher.combine(id)
        return hasher.finalize()
    }

    mutating func insert(_ id: String) {
        count += 1
        let h = Self.hash(id)
        if !hashes.insert(h).inserted { collided.insert(h) }
    }
}

extension ExchangeStreamWriter.Section {
    /// The section's place in the document's order.
    var number: Int { Self.allCases.firstIndex(of: self)! }
}

/// Reads a document's treatments and measurements a chunk at a time, for a document that
/// `decodeHead` has read without errors: the import's second reading, which checks their
/// references and writes them chunk by chunk. A record that no longer decodes (the file
/// changed in between) is an error, so nothing is written.
public struct ExchangeBulkReader {
    public enum Chunk: Sendable {
        /// Records of the section, the first at index `first`.
        case treatments(first: Int, [ExchangeDocument.Treatment])
        case measurements(first: Int, [ExchangeDocument.Measurement])
    }

    private var cursor: ExchangeRecordCursor
    private var pending: (ExchangeRecordCursor.Section, Int, JSONValue)?
    private let progress: ((Int) -> Void)?
    private var records = 0

    /// `progress` is told how far the text has been read, as by `decodeHead`: also while the
    /// reader passes the sections it does not return, which may be a quarter of the text.
    public init(_ buffer: UnsafeBufferPointer<UInt8>, progress: ((Int) -> Void)? = nil) {
        cursor = ExchangeRecordCursor(bytes: buffer)
        self.progress = progress
    }

    /// The next at most `limit` records of one section; nil after the last.
    public mutating func next(limit: Int) throws(ExchangeErrors) -> Chunk? {
        var treatments: [ExchangeDocument.Treatment] = [], measurements: [ExchangeDocument.Measurement] = []
        var chunkSection: ExchangeRecordCursor.Section?
        var first = 0
        var r = FieldReader()
        while treatments.count + measurements.count < limit {
            let record: (ExchangeRecordCursor.Section, Int, JSONValue)
            if let p = pending {
                record = p
                pending = nil
            } else {
                let event: ExchangeRecordCursor.Event?
                do { event = try cursor.next() } catch let syntax {
                    throw ExchangeErrors([ExchangeError(path: "", message: "the document changed while it was read: \(syntax.description)")])
                }
                guard let event else { break }
                guard case .record(let section, let i, let value) = event else { continue }
                records += 1
                if records % StreamDecoder.progressEvery == 0 { progress?(cursor.position) }
                guard section == .treatments || section == .measurements else { continue }
                record = (section, i, value)
            }
            let (section, i, value) = record
            if let chunkSection, chunkSection != section {
                pending = record
                break
            }
            if chunkSection == nil { chunkSection = section; first = i }
            let path = section.rawValue + "[" + String(i) + "]"
            if section == .treatments {
                if let t = ExchangeDocument.decodeTreatment(&r, value, path) { treatments.append(t) }
            } else if let m = ExchangeDocument.decodeMeasurement(&r, value, path) {
                measurements.append(m)
            }
            guard r.errors.isEmpty else { throw ExchangeErrors(r.errors) }
        }
        switch chunkSection {
        case .treatments?: return .treatments(first: first, treatments)
        case .measurements?: return .measurements(first: first, measurements)
        default: return nil
        }
    }
}
