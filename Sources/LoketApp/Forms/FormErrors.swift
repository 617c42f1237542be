// Errors of a submitted form, per field, in Dutch, shown next to the field. A form with
// any error saves nothing and is shown again with what the user typed.

struct FormErrors: Encodable, Sendable {
    private(set) var fields: [String: String] = [:]

    var isEmpty: Bool { fields.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        if fields[field] == nil { fields[field] = message }
    }

    /// The date typed in `field` (already cleaned), or nil with the field's message: not a
    /// date, or a year outside the supported range (LocalDate.supportedYears).
    mutating func date(_ text: String, field: String) -> LocalDate? {
        switch LocalDate.input(text) {
        case .date(let d): return d
        case .notADate: add(field, "Vul een geldige datum in.")
        case .outOfRange:
            add(field, "Vul een datum in tussen \(LocalDate.supportedYears.lowerBound) en \(LocalDate.supportedYears.upperBound).")
        }
        return nil
    }

    /// The limits of the exchange format (TextLimit), the same in every form: each value
    /// that is too long, or a code with a control character, gets the Dutch message.
    mutating func limit(_ values: [(field: String, value: String?, kind: TextLimit)]) {
        for v in values {
            if let value = v.value, let problem = v.kind.problem(value) { add(v.field, problem.dutch) }
        }
    }

    func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }
}

/// Trimmed text, or nil when empty.
func clean(_ s: String?) -> String? {
    guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
    return t
}

import Foundation
import LoketCore
