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
        let bytes: [UInt8]
        if signature.file == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: signature.file) else {
                throw CommandFailure("cannot read \(signature.file): no such file, or not readable")
            }
            bytes = Array(data)
        }
        do {
            let summary = try await ExchangeImport.run(bytes, on: context.application.db, actor: commandLineActor())
            context.console.print("imported \(summary)")
        } catch let errors as ExchangeErrors {
            let count = errors.errors.count
            throw CommandFailure("import rejected, nothing was changed: \(count) error\(count == 1 ? "" : "s")\n" + errors.description)
        }
    }
}
