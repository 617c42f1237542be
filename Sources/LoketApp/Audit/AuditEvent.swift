// One audit log entry (NEN 7513): who, on behalf of which practice, what, which patient
// (by id, never a BSN or a name), when and from where.

import Foundation

struct AuditEvent: Sendable, Equatable {
    /// `user:<id>`, `token:<id>`, or `cli:<account>` for the command line.
    var actor: String
    var practiceID: String?
    var action: AuditAction
    var patientID: String?
    /// Counts or ids; never patient data.
    var detail: String?
    /// The client's network address, for requests.
    var address: String?
}

/// What was done. The raw values are what the log stores.
enum AuditAction: String, Sendable, CaseIterable {
    case importDocument = "import"
    case exportDocument = "export"
    case demoData = "demo.load"
    case signIn = "sign-in"
    case signOut = "sign-out"
    case patientSearch = "patient.search"
    case patientView = "patient.view"
    case patientCreate = "patient.create"
    case patientChange = "patient.change"
    case episodeView = "episode.view"
    case episodeChange = "episode.change"
    case treatmentChange = "treatment.change"
    case measurementChange = "measurement.change"
    case auditView = "audit.view"
    /// The chain is keyed from this entry on (AuditKey).
    case auditKey = "audit.key"
    case userCreate = "user.create"
    case userRemove = "user.remove"
    case passwordChange = "password.change"
    case passwordReset = "password.reset"
    case twoFactorEnable = "twofactor.enable"
    case twoFactorDisable = "twofactor.disable"
    /// A recovery code was used to sign in.
    case twoFactorRecovery = "twofactor.recovery"
    case practiceChange = "practice.change"
    case employeeChange = "employee.change"
    case tokenCreate = "token.create"
    case tokenRevoke = "token.revoke"
    case cbsControl = "cbs.control"
    case cbsFinal = "cbs.final"
    case cbsDownload = "cbs.download"
    case cbsWithdraw = "cbs.withdraw"
    /// A definitive delivery's changes against the one before it were read.
    case cbsView = "cbs.view"
    case ldoCheck = "ldo.check"
    case ldoDeliver = "ldo.deliver"
    case ldoReport = "ldo.report"
    case ldoView = "ldo.view"
    /// A copy of the whole database was made (`loket backup`).
    case backup = "backup"
}
