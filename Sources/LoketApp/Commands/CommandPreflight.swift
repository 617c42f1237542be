// What the entry point knows of a command line before it opens the database: `--help`
// and a wrong command line (an unknown command, option or action, a missing argument)
// need no database, so they create no SQLite file, run no migration and write nothing.
// Exit codes (README, "Command line"): 0 done, 1 could not be done, 2 wrong usage.

import ConsoleKit
import Vapor

public enum CommandPreflight {
    public enum Outcome: Equatable, Sendable {
        /// Run `command` with the database prepared first.
        case run(command: String)
        /// Let the console answer (help, autocomplete) without a database.
        case help
        /// The command line cannot run: print this and exit 2.
        case usage(String)
    }

    public static func check(_ app: Application, arguments: [String]) -> Outcome {
        // --yes and --no answer the console's questions (`loket migrate --yes`); the console
        // takes them out before a command reads its arguments.
        let words = arguments.dropFirst().filter { !["--yes", "-y", "--no", "-n"].contains($0) }
        if words.contains(where: { ["--help", "-h", "--autocomplete"].contains($0) }) { return .help }
        let commands = app.asyncCommands.commands
        // As the console reads it: a first word that names a command, otherwise `serve`.
        var name = "serve"
        var rest = words
        if let first = words.first, !first.hasPrefix("-") {
            guard commands[first] != nil else { return .usage("unknown command \"\(first.prefix(40))\"; see loket --help") }
            name = first
            rest = Array(words.dropFirst())
        }
        var command = commands[name]!
        var path = name
        // A group (`loket ldo check`): its subcommand is the next word.
        while let group = command as? any AsyncCommandGroup {
            guard let sub = rest.first, !sub.hasPrefix("-") else { return .usage("loket \(path) needs one of: \(group.commands.keys.sorted().joined(separator: ", "))") }
            guard let next = group.commands[sub] else {
                return .usage("unknown command \"\(path) \(sub.prefix(40))\"; use one of: \(group.commands.keys.sorted().joined(separator: ", "))")
            }
            command = next
            path += " " + sub
            rest.removeFirst()
        }
        do {
            let input = CommandInput(arguments: ["loket"] + rest)
            if let checked = command as? any ArgumentCheck {
                try checked.checkArguments(input)
            } else if let plain = command as? any AsyncCommand {
                _ = try plain.parseArguments(input)
            }
        } catch {
            return .usage("\(path): \(error); see loket \(path) --help")
        }
        return .run(command: name)
    }
}

/// A command with more to check than its signature: an action word from a fixed list.
protocol ArgumentCheck {
    func checkArguments(_ input: CommandInput) throws
}

extension AsyncCommand {
    /// The signature as the console reads it, failing where the console would.
    func parseArguments(_ input: CommandInput) throws -> Signature {
        var input = input
        let signature = try Signature(from: &input)
        guard input.arguments.isEmpty else { throw CommandError.unknownInput(input.arguments.joined(separator: " ")) }
        return signature
    }
}

/// The action word of a command such as `loket cbs control`, checked before anything runs.
struct UnknownAction: Error, CustomStringConvertible {
    let command: String
    let action: String
    let actions: [String]
    var description: String {
        "unknown action \"\(action.prefix(40))\"; use one of: \(actions.joined(separator: ", "))"
    }
    static func check(_ action: String, of command: String, in actions: [String]) throws {
        guard actions.contains(action) else { throw UnknownAction(command: command, action: action, actions: actions) }
    }
}
