// "Is there a value?" for the registries' checks: text without surrounding white space, or
// nil when nothing is left. It runs on every field of every episode of a delivery, so the
// common case (clean ASCII at both ends) is decided on two bytes and returns the text as is.

/// The text without leading and trailing white space; nil for nil, empty or only spaces.
func presentText(_ raw: String?) -> String? {
    guard let raw, let first = raw.utf8.first, let last = raw.utf8.last else { return nil }
    if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return raw }
    let trimmed = raw.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
    return trimmed.isEmpty ? nil : String(trimmed)
}
