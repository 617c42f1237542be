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

        LoketMetrics.bootstrap()
        let app: Application
        do {
            app = try await Application.make(env)
        } catch {
            fail("\(error)")
        }
        do {
            let database = try DatabaseChoice.from(environment: Environment.get("DATABASE_URL"))
            try await configure(app, options: LoketOptions(demo: demo, database: database))
            // `--help` and a wrong command line touch no database (CommandPreflight).
            switch CommandPreflight.check(app, arguments: env.arguments) {
            case .usage(let message):
                try? await app.asyncShutdown()
                fail(message, code: 2)
            case .help:
                break
            case .run(let command) where command == "routes":
                break
            case .run(let command):
                try await checkDatabase(app, command: command)
                try await prepare(app, command: command)
            }
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            fail(describe(error))
        }
        await stop(app)
    }

    /// After `serve` was told to stop (SIGTERM, SIGINT), or after any other command: the
    /// server stops taking connections and waits for the open ones, then the handlers still
    /// running get the rest of the time limit; only then are the pools closed, so no request
    /// finds its database gone. Past the limit the process ends with 1, leaving a delivery
    /// in flight unmade (its transaction rolls back), never half made.
    static func stop(_ app: Application) async {
        let deadline = ContinuousClock.now + .seconds(shutdownSeconds())
        await app.server.shutdown()
        guard await app.inFlightRequests.drained(before: deadline) else {
            app.logger.error("stopped with \(app.inFlightRequests.current) requests unfinished after \(shutdownSeconds()) s")
            exit(1)
        }
        try? await app.asyncShutdown()
    }

    static func fail(_ message: String, code: Int32 = 1) -> Never {
        FileHandle.standardError.write(Data(("loket: " + message + "\n").utf8))
        exit(code)
    }
}
