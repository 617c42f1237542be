// The PVM folder stays inside the operator's PVM root (LOKET_PVM_ROOT): not /etc, not a
// symlink out of the root, not the app's own Public/ folder; checked when the folder is saved
// and again when a delivery would write into it (docs/web-app.md, "Security measures").

import Foundation
@testable import LoketApp
import LoketCore
import Testing
import Vapor

@Suite("PVM root")
struct PVMRootTests {
    /// A fresh root with a folder `a`, a `Public` folder standing for the app's static files,
    /// and a symlink `link` → /etc.
    static func root() throws -> (PVMRoot, String) {
        let path = NSTemporaryDirectory() + "loket-pvm-root-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: path + "/a/b", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: path + "/Public", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: path + "/link", withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: path + "/a/up", withDestinationPath: path + "/a")
        return (PVMRoot(path: path, appFolders: [path + "/Public"]), path)
    }

    @Test("Inside the root is allowed (resolved); outside, through a symlink, or the app's folders is not")
    func check() throws {
        let (pvm, path) = try Self.root()
        let real = try #require(PVMRoot.realPath(path))
        let files = LocalFileSystem()
        let cases: [(String, Result<String, PVMRoot.Problem>)] = [
            (path, .success(real)),
            (path + "/a", .success(real + "/a")),
            (path + "/a/b/..", .success(real + "/a")),
            (path + "/a/up", .success(real + "/a")),
            ("/etc", .failure(.outsideRoot(path))),
            ("/", .failure(.outsideRoot(path))),
            (path + "/link", .failure(.outsideRoot(path))),
            (path + "/a/../..", .failure(.outsideRoot(path))),
            (path + "/Public", .failure(.appFolder)),
            ("pvm", .failure(.notAbsolute)),
            (path + "/nope", .failure(.missing)),
        ]
        for (folder, expected) in cases {
            #expect(pvm.check(folder, files: files) == expected, "\(folder)")
        }
        let gone = PVMRoot(path: path + "/not-made", appFolders: [])
        #expect(gone.check(path + "/a", files: files) == .failure(.rootMissing(path + "/not-made")))
    }

    @Test("The settings refuse a folder outside the root; a delivery refuses one stored before", arguments: TestDatabase.available)
    func settingsAndDelivery(_ kind: TestDatabase) async throws {
        try await withPeople(kind) { app in
            let (pvm, path) = try Self.root()
            app.dependencies.pvmRoot = pvm
            let carol = WebSession(app)
            try await carol.signIn("carol@p1.test")
            _ = try await carol.get("/praktijken/p1/instellingen")
            for folder in ["/etc", path + "/link", path + "/Public"] {
                let res = try await carol.post("/praktijken/p1/instellingen", ["name": "Praktijk De Linde", "ldoPVMFolder": folder, "ldoOptIn": "on"])
                #expect(res.status == .unprocessableEntity, "\(folder)")
                #expect(res.body.string.contains("PVM-hoofdmap") || res.body.string.contains("hoort bij Loket zelf"), "\(folder)")
            }
            #expect(try await Practice.find("p1", on: app.db)?.ldoPVMFolder == nil, "nothing saved")
            let ok = try await carol.post("/praktijken/p1/instellingen", ["name": "Praktijk De Linde", "ldoPVMFolder": path + "/a/b/..", "ldoOptIn": "on"])
            #expect(ok.status == .seeOther)
            #expect(try await Practice.find("p1", on: app.db)?.ldoPVMFolder == PVMRoot.realPath(path + "/a"), "stored resolved")

            // A folder stored before the root was set (or by hand in the database).
            let practice = try #require(try await Practice.find("p1", on: app.db))
            practice.ldoPVMFolder = path + "/link"
            try await practice.save(on: app.db)
            let error = await #expect(throws: LDOMonthlyDelivery.Failure.self) {
                try await LDOMonthlyDelivery.make(practice: practice, deliveryDate: LDODeliveryTests.deliveryDate, in: app.useCase())
            }
            #expect(error?.description.contains("wordt niet gebruikt") == true, "\(error?.description ?? "")")
            #expect(try await LDODelivery.query(on: app.db).count() == 0)
            #expect(!FileManager.default.fileExists(atPath: "/etc/LDO_p1"), "nothing in /etc")
        }
    }
}
