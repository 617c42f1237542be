// A control message (controlemelding): what a registry check found wrong with one field.
// Findings are data, produced once by a rule in LoketCore and shown unchanged by the web
// page, the API and the CLI, so every surface says the same thing in the same words.

public struct Finding: Hashable, Sendable, Codable {
    /// Ontbreekt: a required value is empty. Invalid: a value is there but not acceptable.
    public enum Kind: String, Hashable, Sendable, Codable {
        case missing
        case invalid
    }

    /// An error keeps the record out of the delivery; a warning is shown but does not.
    public enum Severity: String, Hashable, Sendable, Codable {
        case error
        case warning
    }

    /// The field's code name as used in the JSON API (`referrer`, `bsn`, `dcsph`, …).
    public let field: String
    public let kind: Kind
    public let severity: Severity
    /// The Dutch text shown to practice users.
    public let message: String

    public init(field: String, kind: Kind, severity: Severity = .error, message: String) {
        self.field = field
        self.kind = kind
        self.severity = severity
        self.message = message
    }
}
