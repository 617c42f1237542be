// The import reads a document record by record (ExchangeDocument+Stream.swift) where it
// used to build the whole JSON tree first. Both readings must agree on every text: the same
// document, or the same errors in the same order. Checked on hand-picked shapes and on a
// few thousand deterministic mutations of a valid document (bytes dropped, inserted,
// swapped), which reach the syntax errors, the structural ones and the odd root shapes.

import Foundation
import Testing
@testable import LoketCore

/// The tree reading, as `decode(_ bytes:)` was before it streamed.
func treeDecode(_ bytes: [UInt8]) -> Result<ExchangeDocument, ExchangeErrors> {
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
        return .failure(ExchangeErrors([ExchangeError(path: "", message: error.description)]))
    }
    do { return .success(try ExchangeDocument.decode(json)) } catch { return .failure(error) }
}

func streamDecode(_ bytes: [UInt8]) -> Result<ExchangeDocument, ExchangeErrors> {
    do { return .success(try ExchangeDocument.decode(bytes)) } catch { return .failure(error) }
}

/// The reading without the bulk, as the document it stands for.
func headDecode(_ bytes: [UInt8]) -> Result<ExchangeDocument, ExchangeErrors> {
    do {
        let head = try bytes.withUnsafeBufferPointer { buffer throws(ExchangeErrors) in try ExchangeDocument.decodeHead(buffer) }
        var doc = head.document
        guard doc.treatments.isEmpty, doc.measurements.isEmpty else {
            return .failure(ExchangeErrors([ExchangeError(path: "", message: "the head kept bulk records")]))
        }
        // The bulk read again in chunks of 2, as the import reads it.
        try bytes.withUnsafeBufferPointer { buffer throws(ExchangeErrors) in
            var reader = ExchangeBulkReader(buffer)
            while let chunk = try reader.next(limit: 2) {
                switch chunk {
                case .treatments(let first, let rows):
                    if first != doc.treatments.count { throw ExchangeErrors([ExchangeError(path: "", message: "treatments chunk at \(first)")]) }
                    doc.treatments += rows
                case .measurements(let first, let rows):
                    if first != doc.measurements.count { throw ExchangeErrors([ExchangeError(path: "", message: "measurements chunk at \(first)")]) }
                    doc.measurements += rows
                }
            }
        }
        guard doc.treatments.count == head.treatments, doc.measurements.count == head.measurements else {
            return .failure(ExchangeErrors([ExchangeError(path: "", message: "counts differ")]))
        }
        return .success(doc)
    } catch {
        return .failure(error)
    }
}

func sameReading(_ bytes: [UInt8]) -> Bool {
    let stream = streamDecode(bytes)
    for other in [treeDecode(bytes), headDecode(bytes)] {
        switch (other, stream) {
        case let (.success(a), .success(b)) where a == b: continue
        case let (.failure(a), .failure(b)) where a.errors == b.errors: continue
        default: return false
        }
    }
    return true
}

@Suite("Exchange format read record by record")
struct ExchangeStreamTests {
    @Test("The stream and the tree agree on these shapes", arguments: [
        ("the sample", sampleExchangeText),
        ("empty object", "{}"),
        ("an array at the root", "[1, 2]"),
        ("a string at the root", "\"x\""),
        ("nothing", ""),
        ("whitespace only", "  \n "),
        ("byte-order mark", "\u{FEFF}{\"format\": \"loket-exchange/1\"}"),
        ("sections null and empty", #"{"format": "loket-exchange/1", "practices": null, "treatments": []}"#),
        ("a section that is an object", #"{"format": "loket-exchange/1", "patients": {"id": "x"}}"#),
        ("unknown keys before and after", #"{"x": 1, "format": "loket-exchange/1", "y": [2]}"#),
        ("sections out of order with errors in each",
         #"{"treatments": [{"id": 1}], "format": "nope", "practices": [{"id": "p", "name": 3}], "extra": true}"#),
        ("duplicate root key", #"{"format": "loket-exchange/1", "format": "loket-exchange/1"}"#),
        ("duplicate record ids", #"{"format": "loket-exchange/1", "employees": [{"id": "e", "practiceId": "p", "name": "A"}, {"id": "e", "practiceId": "p", "name": "B"}]}"#),
        ("a record that is not an object", #"{"format": "loket-exchange/1", "episodes": [1, null, "x"]}"#),
        ("text after the document", #"{"format": "loket-exchange/1"} {}"#),
        ("nested too deep in a record", "{\"format\": \"loket-exchange/1\", \"patients\": [{\"id\": " + String(repeating: "[", count: 70) + "}]}"),
        ("measurements", #"{"format": "loket-exchange/1", "measurements": [{"id": "m", "episodeId": "e", "score": 7.5, "moment": "x"}]}"#),
        ("duplicate treatment and measurement ids, and a broken record between",
         #"{"format": "loket-exchange/1", "treatments": [\#(treatment("t1")), \#(treatment("t2")), {"id": 3}, \#(treatment("t1")), \#(treatment("t2")), \#(treatment("t1"))], "#
            + #""measurements": [{"id": "m", "episodeId": "e"}, {"id": "m", "episodeId": "e"}]}"#),
        ("measurements before treatments",
         #"{"measurements": [{"id": "m", "episodeId": "e"}, {"id": "n", "episodeId": "e"}], "treatments": [\#(treatment("t1"))], "format": "loket-exchange/1"}"#),
    ])
    func shapes(_ name: String, _ text: String) {
        #expect(sameReading(Array(text.utf8)), "\(name)")
    }

    @Test("The stream and the tree agree on 3,000 mutations of a valid document") func mutations() {
        let base = Array(sampleExchangeText.utf8)
        let alphabet = Array("{}[],:\"0-.e nulltrue\\x".utf8)
        var random = SplitMix(seed: 18)
        var disagreements: [String] = []
        for i in 0..<3_000 {
            var bytes = base
            for _ in 0...(i % 3) {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
                default: bytes.swapAt(at, Int(random.next() % UInt64(bytes.count)))
                }
            }
            if !sameReading(bytes), disagreements.count < 3 { disagreements.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    @Test("The bulk is read again in chunks of the asked size, each section's numbered from where it left off") func chunks() throws {
        let rows = (0..<2_500).map { treatment("t\($0)") }.joined(separator: ",")
        let text = #"{"format": "loket-exchange/1", "treatments": [\#(rows)], "measurements": [{"id": "m", "episodeId": "e"}]}"#
        let bytes = Array(text.utf8)
        let head = try bytes.withUnsafeBufferPointer { buffer throws(ExchangeErrors) in try ExchangeDocument.decodeHead(buffer) }
        #expect(head.treatments == 2_500 && head.measurements == 1)
        var seen: [String] = []
        try bytes.withUnsafeBufferPointer { buffer throws(ExchangeErrors) in
            var reader = ExchangeBulkReader(buffer)
            while let chunk = try reader.next(limit: 1_000) {
                switch chunk {
                case .treatments(let first, let rows): seen.append("t\(first)+\(rows.count)")
                case .measurements(let first, let rows): seen.append("m\(first)+\(rows.count)")
                }
            }
        }
        #expect(seen == ["t0+1000", "t1000+1000", "t2000+500", "m0+1"])
    }

    @Test("Progress is told as records are read, up to the end") func progress() throws {
        let records = (0..<10_000).map { #"{"id": "e\#($0)", "practiceId": "p", "name": "N"}"# }.joined(separator: ",")
        let text = #"{"format": "loket-exchange/1", "practices": [{"id": "p", "name": "P"}], "employees": [\#(records)]}"#
        var seen: [Int] = []
        let bytes = Array(text.utf8)
        let doc = try bytes.withUnsafeBufferPointer { buffer in
            try ExchangeDocument.decode(buffer) { seen.append($0) }
        }
        #expect(doc.employees.count == 10_000)
        #expect(seen == seen.sorted() && seen.count >= 3, "\(seen)")
        #expect(seen.last! <= bytes.count && seen.last! > bytes.count - 10)
    }
}

func treatment(_ id: String) -> String {
    #"{"id": "\#(id)", "episodeId": "e", "date": "2026-03-02", "status": "attended"}"#
}

/// SplitMix64, for mutations that are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
