// Output of a command or a delivery file. A file appears whole or not at all: it is written
// as `NAME.partial` beside the target, forced to disk, then renamed over it (rename(2) is
// one step), so a reader (the practice's PVM watching its folder, a script waiting for an
// export) never sees half a file and a killed process leaves at most the .partial. A path
// that is not a regular file (/dev/null, a pipe) is written directly: renaming over it would
// replace the device with a file. Without a path: standard output.

import Foundation

final class OutputFile: @unchecked Sendable {
    private let path: String?
    /// Written in place: not a regular file, so nothing to rename.
    private let direct: Bool
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        self.path = path
        guard let path else {
            handle = .standardOutput
            direct = true
            return
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        if let type, type != .typeRegular, type != .typeDirectory {
            guard let h = FileHandle(forWritingAtPath: path) else { throw CommandFailure("cannot write \(path)") }
            handle = h
            direct = true
        } else {
            let partial = path + ".partial"
            // 0600 whatever the umask: an export or a control overview holds patient data.
            guard FileManager.default.createFile(atPath: partial, contents: nil),
                  chmod(partial, 0o600) == 0,
                  let h = FileHandle(forWritingAtPath: partial) else {
                throw CommandFailure("cannot write \(path)")
            }
            handle = h
            direct = false
        }
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ data: Data) throws {
        buffer.append(contentsOf: data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes; for a regular file, forces it to disk and renames it into place.
    func commit() throws {
        try flush()
        guard let path, !direct else { return }
        try handle.synchronize()
        try handle.close()
        guard rename(path + ".partial", path) == 0 else {
            throw CommandFailure("cannot rename \(path).partial to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Gives up: removes the .partial.
    func discard() {
        guard let path, !direct else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path + ".partial")
    }
}
