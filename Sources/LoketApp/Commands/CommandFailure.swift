// A command that cannot do what was asked ends with this: the entry point prints the
// message (no stack trace) and exits non-zero.

struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Who acts on the command line, for the audit log: the operating-system account.
func commandLineActor() -> String {
    "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown")
}

import Foundation
