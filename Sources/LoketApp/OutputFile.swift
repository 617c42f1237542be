// Output of a command or a delivery file, written as `NAME.partial` and renamed into place
// on commit (AtomicFile), or to standard output.

import Foundation

/// Buffered output to a file (written as `NAME.partial`, renamed on commit) or stdout.
final class OutputFile: @unchecked Sendable {
    private let path: String?
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        self.path = path
        if let path {
            let partial = path + ".partial"
            guard FileManager.default.createFile(atPath: partial, contents: nil),
                  let h = FileHandle(forWritingAtPath: partial) else {
                throw CommandFailure("cannot write \(path)")
            }
            handle = h
        } else {
            handle = .standardOutput
        }
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ data: Data) throws {
        try flush()
        try handle.write(contentsOf: data)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file: forces it to disk and renames it into place, so the name
    /// only ever shows a whole file.
    func commit() throws {
        try flush()
        guard let path else { return }
        try handle.synchronize()
        try handle.close()
        try AtomicFile.move(path + ".partial", over: path)
    }

    func discard() {
        guard let path else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path + ".partial")
    }
}
