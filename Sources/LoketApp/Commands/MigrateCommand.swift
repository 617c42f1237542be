// `loket migrate [--yes] [--revert]`: creates or updates the tables. It lists what it will
// do and asks; with --yes (or -y) it does not ask. Without a terminal to ask on (a deploy
// script, systemd) and without --yes it changes nothing and says to add --yes (exit 1),
// where Fluent's own command crashed on the missing input.

import Fluent
import Foundation
import Vapor

struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert the last batch of migrations instead.")
        var revert: Bool
        init() {}
    }

    var help: String { "Creates or updates the tables (--yes: without asking)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let console = context.console
        let migrator = context.application.migrator
        try await migrator.setupIfNeeded().get()
        let names: [String]
        if signature.revert {
            names = try await migrator.previewRevertLastBatch().get().map { "- \($0.0.name)" }
        } else {
            names = try await migrator.previewPrepareBatch().get().map { "+ \($0.0.name)" }
        }
        guard !names.isEmpty else {
            console.print(signature.revert ? "No migrations to revert." : "No new migrations.")
            return
        }
        console.print(signature.revert ? "These migrations will be reverted:" : "These migrations will be prepared:")
        for name in names { console.print(name) }
        switch console.confirmOverride {
        case true?: break
        case false?: throw CommandFailure("migration cancelled (--no)")
        case nil:
            guard isatty(STDIN_FILENO) == 1 else {
                throw CommandFailure("no terminal to confirm on: run `loket migrate --yes` to migrate without asking")
            }
            guard console.confirm("Continue?") else { throw CommandFailure("migration cancelled") }
        }
        if signature.revert {
            try await migrator.revertLastBatch().get()
        } else {
            try await migrator.prepareBatch().get()
        }
        console.print("Migration successful.")
    }
}
