// An exchange document sent to POST /api/v1/import, or piped to `loket import -`, written
// to a temporary file as it arrives (issue 16) instead of collected in memory (up to 1 GB).
// The file is the caller's: 0600 in the temporary folder, removed when the import is done.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore

final class UploadedDocument {
    /// The largest document taken in.
    static let limit = 1 << 30

    struct TooLarge: Error, CustomStringConvertible {
        var description: String { "the document is larger than 1 GB" }
    }

    let path: String
    private var fd: Int32
    private(set) var size = 0

    init() throws {
        path = NSTemporaryDirectory() + "/loket-import-" + UUID().uuidString + ".json"
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw MappedFile.OpenError(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        size += bytes.count
        guard size <= Self.limit else { throw TooLarge() }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard written > 0 else {
                if written < 0, errno == EINTR { continue }
                throw MappedFile.OpenError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { try append($0) }
    }

    /// Closes the file for reading (once; again does nothing); `remove()` when done.
    func finish() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    func remove() {
        finish()
        unlink(path)
    }

    deinit { finish() }

    /// Standard input, to the end.
    static func standardInput() throws -> UploadedDocument {
        let document = try UploadedDocument()
        do {
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try document.append($0) }
            }
        } catch {
            document.remove()
            throw error
        }
        document.finish()
        return document
    }
}
