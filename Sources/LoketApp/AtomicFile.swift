// Files that appear whole or not at all: written under a temporary name beside the target,
// flushed to disk, then renamed over it. A reader (the practice's PVM watching its folder,
// a script waiting for an export) never sees half a file, and a killed process leaves at
// most the temporary one.

import Foundation

enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `data` to `path` atomically.
    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw Failure(description: "cannot write \(path)")
        }
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            try move(temporary, over: path)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// rename(2): replaces `target` in one step, unlike remove-then-move.
    static func move(_ source: String, over target: String) throws {
        guard rename(source, target) == 0 else {
            throw Failure(description: "cannot rename \(source) to \(target): \(String(cString: strerror(errno)))")
        }
    }
}
