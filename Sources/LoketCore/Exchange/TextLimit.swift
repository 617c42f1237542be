// How long a value may be, and which values may hold control characters
// (spec/exchange-format.md "Values", docs/exchange-format.md "Limits"). One set of limits for
// the import, the forms and the API, so a value one entry point accepts the others accept.
// Without them a NUL in an id gave an export with two equal ids (export → import broke), a
// 40 MB field was stored, and a 50 MB bad value was echoed back whole.

public enum TextLimit: Sendable {
    /// Record ids and references to them: 64 characters, no control characters.
    case id
    /// Codes and numbers (BSN, postcode, registry codes, patient number): 500, no control characters.
    case code
    /// Names and e-mail addresses: 200.
    case name
    /// Other text: 500.
    case text

    public var maxLength: Int {
        switch self {
        case .id: 64
        case .name: 200
        case .code, .text: 500
        }
    }

    /// Ids and codes end up in file names, fixed-width lines and keys: a control character
    /// (NUL, tab, newline) there is never meant, and a NUL made two ids equal.
    public var refusesControlCharacters: Bool { self == .id || self == .code }

    public enum Problem: Error, Hashable, Sendable {
        case tooLong(limit: Int)
        case controlCharacter

        /// English, for the import and the API.
        public var message: String {
            switch self {
            case .tooLong(let limit): "longer than \(limit) characters"
            case .controlCharacter: "holds a control character (such as NUL, tab or newline)"
            }
        }

        /// Dutch, for the forms.
        public var dutch: String {
            switch self {
            case .tooLong(let limit): "Hoogstens \(limit) tekens."
            case .controlCharacter: "Dit veld mag geen tab, regeleinde of ander stuurteken bevatten."
            }
        }
    }

    /// Why `value` is not accepted for this kind of field, or nil.
    public func problem(_ value: String) -> Problem? {
        // Counting characters costs a pass; bytes bound them first (a character is ≥ 1 byte).
        if value.utf8.count > maxLength, value.count > maxLength { return .tooLong(limit: maxLength) }
        if refusesControlCharacters, value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) {
            return .controlCharacter
        }
        return nil
    }

    /// A value as an error message shows it: in quotes, at most its first 40 characters
    /// (then "…"), control characters written as \u{…} so the message stays one line.
    public static func quoted(_ value: String) -> String {
        var shown = ""
        for (i, c) in value.enumerated() {
            if i == 40 { shown += "…"; break }
            for scalar in c.unicodeScalars {
                shown += scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }
        return "\"" + shown + "\""
    }
}
