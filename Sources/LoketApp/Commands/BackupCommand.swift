// `loket backup --output FILE`: a consistent copy of the SQLite database, also while
// `loket serve` runs on it (DatabaseBackup). A restore is the copy used as the database:
// stop Loket, put the file in place (or point DATABASE_URL at it), start Loket.

import Vapor

struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o", help: "The new file to write the copy to.")
        var output: String?
        init() {}
    }

    var help: String { "Copies the SQLite database, consistently, while Loket may be running." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output, !output.isEmpty else { throw CommandFailure("backup needs --output FILE") }
        let app = context.application
        do {
            let size = try await DatabaseBackup.make(to: output, database: app.loketOptions.database, in: app.useCase())
            context.console.print("backup written: \(URL(fileURLWithPath: output).standardizedFileURL.path) (\(size) bytes)")
        } catch let failure as DatabaseBackup.Failure {
            throw CommandFailure(failure.description)
        }
    }
}
