// Text for XML 1.0 content and attributes, shared by every XML file Loket writes (the LDO
// delivery, the parts of an .xlsx). Characters XML 1.0 forbids (most C0 controls, U+FFFE,
// U+FFFF) are dropped: they cannot be written at all, and a stray one makes the whole file
// unreadable. A carriage return is kept as `&#13;`, which parsers do not fold into a newline.

public enum XMLText {
    public static func escape(_ text: String) -> String {
        // Most values (dates, codes, ids) need nothing: they are returned as they are, without
        // building a copy scalar by scalar. 0xEF may begin U+FFFE or U+FFFF: those go the slow way.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) {
            return text
        }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(s)
            default:
                if s.value < 0x20 || s.value == 0xFFFE || s.value == 0xFFFF { continue }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
