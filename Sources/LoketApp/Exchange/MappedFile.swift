// A file read through a read-only memory mapping, for the import (issue 16): the document is
// parsed where it lies instead of being copied into an array first, and the pages already
// read are given back as the parser moves on (`release(upTo:)`), so a 1 GB document costs
// the records decoded from it, not the gigabyte. The mapping is private and read-only: the
// file is never changed through it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Unchecked Sendable: the mapping is read-only and lives as long as the object; the one
/// mutable field, how far pages were given back, is used by the one import reading it.
final class MappedFile: @unchecked Sendable {
    struct OpenError: Error, CustomStringConvertible {
        let description: String
    }

    private let base: UnsafeMutableRawPointer?
    let count: Int
    private var released = 0
    private static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OpenError(description: "cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw OpenError(description: "cannot read \(path): not a regular file")
        }
        count = Int(info.st_size)
        guard count > 0 else { base = nil; return }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw OpenError(description: "cannot map \(path): \(String(cString: strerror(errno)))")
        }
        base = mapped
        // Read front to back: the kernel may read ahead and drop behind.
        _ = madvise(mapped, count, MADV_SEQUENTIAL)
    }

    deinit {
        if let base { munmap(base, count) }
    }

    /// The file's bytes, valid while `self` lives.
    var bytes: UnsafeBufferPointer<UInt8> {
        guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// For a new reading from the start: the pages given back are read again as needed.
    func startOver() {
        released = 0
    }

    /// Gives back the pages before `offset`: they are read again from the file if asked for
    /// (an error's line number counts from the start), and meanwhile take no memory.
    func release(upTo offset: Int) {
        guard let base else { return }
        let end = min(offset, count) / Self.page * Self.page
        guard end - released >= 16 << 20 else { return }
        _ = madvise(base + released, end - released, MADV_DONTNEED)
        released = end
    }
}
