// What a web session holds: the user's id, when they were last seen (for the idle
// time-out), and the CSRF token of their forms. Nothing else: no patient data.

import Foundation
import Vapor

enum SessionKeys {
    static let user = "user"
    static let seen = "seen"
    static let csrf = "csrf"
}

/// How long a signed-in session may stay unused before the user must sign in again.
/// LOKET_IDLE_MINUTES overrides the default of 30 minutes.
func idleTimeout() -> TimeInterval {
    if let text = Environment.get("LOKET_IDLE_MINUTES"), let minutes = Double(text), minutes > 0 { return minutes * 60 }
    return 30 * 60
}
