// Where a delivery file may go, checked before anything is recorded: an absolute path in
// a folder that exists and that Loket may write in, and not a folder or a device itself
// (a rename over /dev/null would replace the device with a file).

import Foundation

enum DeliveryOutput {
    /// `path` made absolute (against the working directory) and checked.
    static func resolve(_ path: String, files: any FileSystem) throws -> String {
        guard !path.isEmpty else { throw DeliveryRefused(description: "--output names no file") }
        let absolute = path.hasPrefix("/") ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        let folder = (standard as NSString).deletingLastPathComponent
        guard files.isDirectory(folder) else { throw DeliveryRefused(description: "the folder \(folder) does not exist") }
        guard files.isWritableDirectory(folder) else { throw DeliveryRefused(description: "the folder \(folder) cannot be written to") }
        if files.fileExists(standard) {
            var info = stat()
            guard stat(standard, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                throw DeliveryRefused(description: "\(standard) is not a regular file: a delivery is written as a file of its own")
            }
        }
        return standard
    }
}
