// Who may do what in a practice. A user has one role per practice they belong to
// (issue: "a role per practice"); a user sees only those practices.

enum Role: String, Codable, CaseIterable, Sendable {
    /// Settings, users, API tokens, the audit log. No patient data: need to know.
    case beheerder
    /// Patients, episodes and treatments of the practice.
    case behandelaar
    /// Deliveries and settings; patient data read-only.
    case administratie

    var label: String {
        switch self {
        case .beheerder: "Beheerder"
        case .behandelaar: "Behandelaar"
        case .administratie: "Administratie"
        }
    }

    func allows(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.behandelaar, .readPatients), (.behandelaar, .writePatients): true
        case (.behandelaar, .fixRegistryData): true
        case (.administratie, .readPatients), (.administratie, .readSettings), (.administratie, .writeSettings),
             (.administratie, .deliver), (.administratie, .fixRegistryData): true
        case (.beheerder, .readSettings), (.beheerder, .writeSettings), (.beheerder, .manageUsers),
             (.beheerder, .readAuditLog): true
        default: false
        }
    }
}

enum Permission: Sendable {
    case readPatients
    case writePatients
    /// The episode form's sections Gegevens CBS and Gegevens LDO: the administratie fixes
    /// what a registry's control found, without changing the care record itself.
    case fixRegistryData
    case readSettings
    case writeSettings
    case deliver
    case manageUsers
    case readAuditLog
}
