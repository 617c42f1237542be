// The treatments and measurements of an import, the bulk of a document, handed out a chunk
// at a time (issue 16): from a document in memory (tests, the demo data, a byte array), or
// read again from the mapped file whose head `decodeHead` read, so that an import of a
// gigabyte never holds its million treatments at once. Both give the same chunks, so the
// import checks and writes them in one way.

import LoketCore

enum ImportBulk: Sendable {
    case memory([ExchangeDocument.Treatment], [ExchangeDocument.Measurement])
    case file(MappedFile)

    /// Records per chunk: large enough that a chunk's lookups, staging table and statements
    /// cost little each (10,000 made bench-large's import 25% slower on both databases), small
    /// enough that a chunk is about 10 MB. A task-local, so a test can make chunks small.
    @TaskLocal static var chunkSize = 50_000

    func chunks() -> Chunks { Chunks(source: self) }

    struct Chunks {
        let source: ImportBulk
        private var reader: ExchangeBulkReader?
        private var treatmentsDone = 0, measurementsDone = 0

        init(source: ImportBulk) {
            self.source = source
            if case .file(let file) = source {
                file.startOver()
                reader = ExchangeBulkReader(file.bytes) { file.release(upTo: $0) }
            }
        }

        mutating func next() throws -> ExchangeBulkReader.Chunk? {
            switch source {
            case .memory(let treatments, let measurements):
                if treatmentsDone < treatments.count {
                    let first = treatmentsDone
                    treatmentsDone = min(first + ImportBulk.chunkSize, treatments.count)
                    return .treatments(first: first, Array(treatments[first..<treatmentsDone]))
                }
                if measurementsDone < measurements.count {
                    let first = measurementsDone
                    measurementsDone = min(first + ImportBulk.chunkSize, measurements.count)
                    return .measurements(first: first, Array(measurements[first..<measurementsDone]))
                }
                return nil
            case .file:
                return try reader?.next(limit: ImportBulk.chunkSize)
            }
        }
    }
}
