// Where a practice's PVM folder may be. A beheerder types the folder in the settings; without
// a bound, it could be /etc, /root or the app's own Public/ folder, and with Public/ the next
// LDO delivery (BSNs, birth dates) would be served to anyone. So the operator sets a root,
// LOKET_PVM_ROOT (default ./pvm, relative to the working directory), and a practice's folder
// must resolve — symlinks too — to the root or a folder inside it, and never into the app's
// static files or templates. Checked when the folder is saved and again before every write
// or read in it: a folder stored before the root was set is refused then.

import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#endif

struct PVMRoot: Sendable {
    /// The root as configured (absolute); resolved on each check, so it may appear later.
    var path: String
    /// The app's own folders (Public/, Resources/): never a PVM folder, even under the root.
    var appFolders: [String]

    enum Problem: Error, Equatable {
        case notAbsolute
        case missing
        case rootMissing(String)
        case outsideRoot(String)
        case appFolder
        case notWritable

        /// The Dutch message for the form, the CLI and the API.
        var message: String {
            switch self {
            case .notAbsolute: "Vul het volledige pad van de map in, beginnend met /."
            case .missing: "Deze map bestaat niet op de server."
            case .rootMissing(let root): "De PVM-hoofdmap \(root) bestaat niet op de server: de beheerder van de server maakt hem aan (LOKET_PVM_ROOT)."
            case .outsideRoot(let root): "De map moet in de PVM-hoofdmap \(root) liggen (LOKET_PVM_ROOT)."
            case .appFolder: "Deze map hoort bij Loket zelf (bestanden die de webserver toont): kies een map voor PVM."
            case .notWritable: "Loket mag niet schrijven in deze map."
            }
        }
    }

    /// LOKET_PVM_ROOT, else `pvm` in the working directory.
    static func configured(_ directory: DirectoryConfiguration, environment: String? = Environment.get("LOKET_PVM_ROOT")) -> PVMRoot {
        let cwd = FileManager.default.currentDirectoryPath
        let raw = environment.flatMap { $0.isEmpty ? nil : $0 } ?? "pvm"
        let path = raw.hasPrefix("/") ? raw : (cwd as NSString).appendingPathComponent(raw)
        return PVMRoot(path: (path as NSString).standardizingPath,
                       appFolders: [directory.publicDirectory, directory.resourcesDirectory])
    }

    /// The folder's real path when it may hold PVM files; else why not.
    func check(_ folder: String, files: any FileSystem) -> Result<String, Problem> {
        guard folder.hasPrefix("/") else { return .failure(.notAbsolute) }
        guard let root = Self.realPath(path) else { return .failure(.rootMissing(path)) }
        guard files.isDirectory(folder), let real = Self.realPath(folder) else { return .failure(.missing) }
        guard Self.inside(real, root) else { return .failure(.outsideRoot(path)) }
        if appFolders.compactMap(Self.realPath).contains(where: { Self.inside(real, $0) }) { return .failure(.appFolder) }
        guard files.isWritableDirectory(real) else { return .failure(.notWritable) }
        return .success(real)
    }

    private static func inside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// The path with every symlink, `.` and `..` resolved (POSIX realpath); nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
