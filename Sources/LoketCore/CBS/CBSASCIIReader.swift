// Reads a fixed-format CBS file back into its records' values, by the same layout that
// wrote it (CBSASCIIWriter). Loket reads only files it made itself: to compare a definitive
// delivery with the one it replaces by what CBS received (CBS+Changes.swift).

import Foundation

public struct CBSASCIIReader: Sendable {
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// A data line shorter than the layout's record.
        case shortLine(line: Int)
        public var description: String {
            switch self { case .shortLine(let line): "line \(line) is shorter than the layout's record" }
        }
    }

    public let layout: CBSLayout

    public init(layout: CBSLayout) {
        self.layout = layout
    }

    /// The records of a file (every line after the header), each as its fields' values with
    /// the padding spaces removed (a number keeps its zeros: "07").
    public func records(in file: Data) throws(Problem) -> [CBS.FileRecord] {
        let ending = Array(layout.lineEnding.utf8)
        let bytes = [UInt8](file)
        var records: [CBS.FileRecord] = []
        var start = 0
        var line = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, !bytes[end...].starts(with: ending) { end += 1 }
            if line > 0 { records.append(try record(bytes[start..<end], line: line + 1)) }
            line += 1
            start = end + ending.count
        }
        return records
    }

    private func record(_ line: ArraySlice<UInt8>, line number: Int) throws(Problem) -> CBS.FileRecord {
        guard line.count >= layout.recordWidth else { throw .shortLine(line: number) }
        var values = CBS.FileRecord()
        var at = line.startIndex
        for column in layout.record {
            let cell = line[at..<at + column.width]
            at += column.width
            guard case .field(let field) = column.source else { continue }
            let text = String(decoding: cell, as: UTF8.self)
            values[field] = text.trimmingCharacters(in: .whitespaces)
        }
        return values
    }
}
