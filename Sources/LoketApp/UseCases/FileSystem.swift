// The file system as the use cases see it. One real implementation; a test wraps it to
// make a write fail at a chosen moment. Files that hold patient data are made 0600: only
// the account that runs Loket reads them, whatever the umask.

import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

protocol FileSystem: Sendable {
    func isDirectory(_ path: String) -> Bool
    /// A folder this process may create files in.
    func isWritableDirectory(_ path: String) -> Bool
    func fileExists(_ path: String) -> Bool
    /// The SHA-256 of a regular file's bytes, or nil when there is none.
    func sha256(ofFileAt path: String) -> String?
    func contentsOfDirectory(_ path: String) -> [String]
    func contents(_ path: String) -> Data?
    func removeFile(_ path: String) throws
    /// Writes a file whole or not at all: `path.partial`, forced to disk, renamed over
    /// `path`, and the folder forced to disk, so the name stays after a power loss too.
    /// `produce` hands over the bytes in pieces; a throw removes the `.partial`.
    func writeDurably(_ path: String, _ produce: (DurableSink) async throws -> Void) async throws
}

/// Where `produce` writes its pieces.
final class DurableSink: @unchecked Sendable {
    fileprivate let fd: Int32
    fileprivate var buffer: [UInt8] = []

    fileprivate init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }
    func write(_ data: Data) throws { try write([UInt8](data)) }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    fileprivate func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(errno: errno, "write")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

struct FileSystemError: Error, CustomStringConvertible {
    let description: String

    init(errno code: Int32, _ what: String) {
        description = "\(what): \(String(cString: strerror(code)))"
    }
}

struct LocalFileSystem: FileSystem {
    func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    func isWritableDirectory(_ path: String) -> Bool {
        isDirectory(path) && access(path, W_OK | X_OK) == 0
    }

    func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func sha256(ofFileAt path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        return hash.finalize().hex
    }

    func contentsOfDirectory(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func removeFile(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw FileSystemError(errno: errno, "remove \(path)") }
    }

    func writeDurably(_ path: String, _ produce: (DurableSink) async throws -> Void) async throws {
        let partial = path + ".partial"
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystemError(errno: errno, "cannot write \(partial)") }
        // open() applies the umask to 0600 only to take bits away; fchmod makes sure.
        fchmod(fd, 0o600)
        do {
            let sink = DurableSink(fd: fd)
            try await produce(sink)
            try sink.flush()
            guard fsync(fd) == 0 else { throw FileSystemError(errno: errno, "fsync \(partial)") }
        } catch {
            close(fd)
            unlink(partial)
            throw error
        }
        close(fd)
        guard rename(partial, path) == 0 else {
            let error = FileSystemError(errno: errno, "rename \(partial) to \(path)")
            unlink(partial)
            throw error
        }
        // The rename is in the folder's data: without this fsync a power loss may undo it.
        let folder = (path as NSString).deletingLastPathComponent
        let dir = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }
}
