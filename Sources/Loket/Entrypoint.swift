// The `loket` binary: configure the app, then run the command (`serve` by default).
// Failures that a user can fix (a database that does not answer, a file that cannot be
// read, a rejected import) end with one clear message and a non-zero exit, not a trace.

import Foundation
import LoketApp
import Logging
import Vapor

@main
enum Entrypoint {
    static func main() async {
        // Everything Loket creates holds patient data or leads to it: the SQLite database and
        // its journal, exports, delivery files, folders. Only the account that runs Loket may
        // read them, whatever umask the service was started with (0600 files, 0700 folders).
        umask(0o077)
        var env: Environment
        let demo: Bool
        let command: String
        do {
            env = try Environment.detect()
            // `--demo` belongs to Loket, not to Vapor's serve command: take it out before
            // Vapor parses the arguments.
            demo = env.arguments.contains("--demo")
            env.arguments.removeAll { $0 == "--demo" }
            command = env.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "serve"
            // A command's own output is what a user of the CLI reads: the drivers' logs
            // stay quiet unless LOG_LEVEL or --log asks for them.
            if command != "serve", Environment.get("LOG_LEVEL") == nil, !env.arguments.contains("--log") {
                env.arguments += ["--log", "critical"]
            }
            try LoggingSystem.bootstrap(from: &env)
        } catch {
            fail("\(error)")
        }

        let app: Application
        do {
            app = try await Application.make(env)
        } catch {
            fail("\(error)")
        }
        do {
            let database = try DatabaseChoice.from(environment: Environment.get("DATABASE_URL"))
            try await configure(app, options: LoketOptions(demo: demo, database: database))
            if !["routes", "--help", "-h"].contains(command) {
                try await checkDatabase(app, command: command)
                try await prepare(app, command: command)
            }
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            fail(describe(error))
        }
        try? await app.asyncShutdown()
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("loket: " + message + "\n").utf8))
        exit(1)
    }
}
