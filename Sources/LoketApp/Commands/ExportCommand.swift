// `loket export [--output FILE] [--practice ID]`: the data as an exchange document. The
// file is written under a temporary name and renamed when complete, so an interrupted
// export never leaves a file that looks whole.

import Foundation
import Vapor

struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o", help: "File to write; standard output when absent.")
        var output: String?
        @Option(name: "practice", help: "Only this practice (its exchange id).")
        var practice: String?
        init() {}
    }

    var help: String { "Exports the data as an exchange document (loket-exchange/1)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if let practice = signature.practice,
           try await Practice.find(practice, on: app.db) == nil {
            throw CommandFailure("no practice with id \"\(practice)\"")
        }
        let out = try OutputFile(path: signature.output)
        let counts: ExchangeExport.Counts
        do {
            counts = try await ExchangeExport.run(practice: signature.practice, in: app.useCase()) { try out.write($0) }
            try out.commit()
        } catch {
            out.discard()
            throw error
        }
        if signature.output != nil {
            context.console.print("exported \(counts.practices) practices, \(counts.employees) employees, \(counts.patients) patients, "
                + "\(counts.episodes) episodes, \(counts.treatments) treatments, \(counts.measurements) measurements to \(signature.output!)")
        }
    }
}
