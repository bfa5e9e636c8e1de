/// Escaping of text and attribute values.
///
/// Text escapes `& < > " '`, so the same routine is safe inside double-quoted attributes. Control
/// characters (other than tab/newline/return) and the bidirectional embedding/override/isolate
/// controls (U+202A–U+202E, U+2066–U+2069) are dropped: they can reorder surrounding text and make a
/// label or link lie about itself.
enum Escaping {
    /// Whether a scalar is removed from every emitted string.
    @inline(__always)
    static func isStripped(_ v: UInt32) -> Bool {
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        if v == 0x7F { return true }
        if v < 0x80 { return false }
        return (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Appends `text` to `out`, escaped for HTML text and double-quoted attribute values.
    static func append(_ text: String, to out: inout String) {
        // Fast path: nothing to escape (the common case for labels and numbers).
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte >= 0x7F {
            if byte >= 0x80 && byte != 0xC2 && byte != 0xE2 { continue }
            needsWork = true
            break
        }
        if !needsWork { out += text; return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isStripped(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// `text` escaped for HTML.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        append(text, to: &out)
        return out
    }
}
