// What a web session holds: the user's id, when they were last seen (for the idle
// time-out), the CSRF token of their forms, and between the password and the code of a
// two-factor sign-in who is signing in. Nothing else: no patient data.

import Foundation
import Vapor

enum SessionKeys {
    static let user = "user"
    static let seen = "seen"
    static let csrf = "csrf"
    /// Between the password and the second step of a sign-in: who, and where to go after.
    static let pendingUser = "pending-user"
    static let pendingReturn = "pending-return"
}

/// How long a signed-in session may stay unused before the user must sign in again.
/// LOKET_IDLE_MINUTES overrides the default of 30 minutes.
func idleTimeout() -> TimeInterval {
    if let text = Environment.get("LOKET_IDLE_MINUTES"), let minutes = Double(text), minutes > 0 { return minutes * 60 }
    return 30 * 60
}
