// Use case: a consistent copy of the SQLite database while Loket runs (`loket backup`).
// VACUUM INTO reads one snapshot of the database, as any reader does under write-ahead
// logging, and writes it as a new, compact database file: the server goes on meanwhile and
// the copy never holds half a change. The copy holds every patient's data, so it is made
// private (0600) and the backup is an audit entry. PostgreSQL is backed up with its own
// tools (pg_dump; docs/deployment.md).

import Foundation
import SQLKit

enum DatabaseBackup {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes the copy to `output` (a new file) and returns its size in bytes.
    static func make(to output: String, database: DatabaseChoice, in context: UseCaseContext) async throws -> Int {
        guard database.isSQLite else {
            throw Failure(description: "loket backup copies a SQLite database; back up PostgreSQL with pg_dump -Fc (docs/deployment.md, \"Backups\")")
        }
        let path = URL(fileURLWithPath: output).standardizedFileURL.path
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure(description: "the folder \(folder) does not exist")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path) exists already; a backup never overwrites a file")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw Failure(description: "the folder \(folder) is not writable")
        }
        let sql = context.db as! any SQLDatabase
        do {
            try await sql.raw("VACUUM INTO \(bind: path)").run()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw Failure(description: "the backup could not be written: \(String(describing: error).prefix(200))")
        }
        chmod(path, 0o600)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try await context.audit(.backup, practice: nil, detail: "\(size) bytes")
        return size
    }
}
