// `loket import FILE.json`: all-or-nothing import of an exchange document. Every
// structural error is printed with its JSON path; nothing is written unless all is well.

import Foundation
import LoketCore
import Vapor

struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The exchange document (loket-exchange/1), or - for standard input.")
        var file: String
        init() {}
    }

    var help: String { "Imports an exchange document (all or nothing)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        // A file is read where it lies; standard input goes to a temporary file first, so
        // both are parsed record by record and never held whole (UploadedDocument).
        var path = signature.file
        var piped: UploadedDocument?
        if signature.file == "-" {
            piped = try UploadedDocument.standardInput()
            path = piped!.path
        }
        defer { piped?.remove() }
        do {
            let summary: ExchangeImport.Summary
            do {
                summary = try await ExchangeImport.run(file: path, on: context.application.db, actor: commandLineActor())
            } catch let unreadable as MappedFile.OpenError {
                throw CommandFailure(unreadable.description)
            }
            context.console.print("imported \(summary)")
        } catch let errors as ExchangeErrors {
            let count = errors.errors.count
            throw CommandFailure("import rejected, nothing was changed: \(count) error\(count == 1 ? "" : "s")\n" + errors.description)
        }
    }
}
