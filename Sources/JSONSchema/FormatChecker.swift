/// Checks the `format` values GenUI asserts. Unknown formats are not checked (they are annotations).
public enum FormatChecker {
    /// The formats `check` knows.
    public static let known: Set<String> = [
        "date", "time", "date-time", "duration", "email", "hostname", "ipv4", "ipv6", "uuid", "uri", "uri-reference",
        "iri", "iri-reference", "regex", "json-pointer",
    ]

    /// `true`/`false` for a known format, `nil` for one that is not checked.
    public static func check(_ format: String, _ value: String) -> Bool? {
        switch format {
        case "date": return isDate(Array(value.utf8)[...])
        case "time": return isTime(Array(value.utf8)[...])
        case "date-time": return isDateTime(value)
        case "duration": return isDuration(value)
        case "email": return isEmail(value)
        case "hostname": return isHostname(value)
        case "ipv4": return isIPv4(value)
        case "ipv6": return isIPv6(value)
        case "uuid": return isUUID(value)
        case "uri": return isURI(value, requireScheme: true)
        case "uri-reference": return isURI(value, requireScheme: false)
        case "iri": return isURI(value, requireScheme: true, international: true)
        case "iri-reference": return isURI(value, requireScheme: false, international: true)
        case "regex": return PatternCache.compiles(value)
        case "json-pointer": return value.isEmpty || (value.hasPrefix("/") && JSONPointer(parsing: value) != nil && !hasBadTilde(value))
        default: return nil
        }
    }

    private static func digits(_ s: ArraySlice<UInt8>) -> Int? {
        guard !s.isEmpty, s.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return s.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// RFC 3339 full-date: `YYYY-MM-DD` with a real calendar day.
    static func isDate(_ s: ArraySlice<UInt8>) -> Bool {
        let b = Array(s)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let y = digits(b[0..<4]), let m = digits(b[5..<7]), let d = digits(b[8..<10]) else { return false }
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }

    /// RFC 3339 full-time: `HH:MM:SS[.frac](Z|±HH:MM)`; a leap second (`60`) is accepted.
    static func isTime(_ s: ArraySlice<UInt8>) -> Bool {
        let b = Array(s)
        guard b.count >= 9, b[2] == 0x3A, b[5] == 0x3A,
              let h = digits(b[0..<2]), let m = digits(b[3..<5]), let sec = digits(b[6..<8]),
              h <= 23, m <= 59, sec <= 60 else { return false }
        var i = 8
        if b[i] == 0x2E {
            i += 1
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            guard i > start, i < b.count else { return false }
        }
        let rest = b[i...]
        if rest.count == 1, rest.first == 0x5A || rest.first == 0x7A { return true }
        guard rest.count == 6, rest.first == 0x2B || rest.first == 0x2D, b[i + 3] == 0x3A,
              let oh = digits(b[(i + 1)..<(i + 3)]), let om = digits(b[(i + 4)..<(i + 6)]) else { return false }
        return oh <= 23 && om <= 59
    }

    static func isDateTime(_ value: String) -> Bool {
        let b = Array(value.utf8)
        guard b.count > 11, b[10] == 0x54 || b[10] == 0x74 else { return false }
        return isDate(b[0..<10]) && isTime(b[11...])
    }

    /// ISO 8601 duration as in RFC 3339 appendix A: `P1Y2M3DT4H5M6S`, `PT0.5S`, `P3W`.
    static func isDuration(_ value: String) -> Bool {
        var chars = Array(value)[...]
        guard chars.popFirst() == "P", !chars.isEmpty else { return false }
        if chars.last == "W" {
            return chars.dropLast().allSatisfy { $0.isASCII && $0.isNumber } && chars.count > 1
        }
        var inTime = false
        var sawComponent = false
        var sawTimeComponent = false
        var order = ["Y", "M", "D"]
        var number = ""
        while let c = chars.popFirst() {
            if c == "T" {
                guard !inTime, number.isEmpty else { return false }
                inTime = true
                order = ["H", "M", "S"]
                continue
            }
            if c.isASCII && (c.isNumber || c == "." || c == ",") { number.append(c); continue }
            guard !number.isEmpty, let idx = order.firstIndex(of: String(c)) else { return false }
            let fraction = number.contains(".") || number.contains(",")
            if fraction && !(inTime && c == "S") { return false }
            order.removeFirst(idx + 1)
            number = ""
            sawComponent = true
            if inTime { sawTimeComponent = true }
        }
        return number.isEmpty && sawComponent && (!inTime || sawTimeComponent)
    }

    static func isHostname(_ value: String) -> Bool {
        var v = Substring(value)
        if v.hasSuffix(".") { v = v.dropLast() }
        guard !v.isEmpty, v.utf8.count <= 253 else { return false }
        for label in v.split(separator: ".", omittingEmptySubsequences: false) {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.utf8.allSatisfy({ isAlnum($0) || $0 == 0x2D }) else { return false }
        }
        return true
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func isEmail(_ value: String) -> Bool {
        guard let at = value.lastIndex(of: "@") else { return false }
        let local = value[..<at], domain = value[value.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, local.utf8.count <= 64 else { return false }
        if local.hasPrefix("\"") && local.hasSuffix("\"") && local.count >= 2 {
            // quoted local part: anything printable except unescaped quotes
        } else {
            let allowed = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
            guard local.first != ".", local.last != ".", !local.contains(".."),
                  local.utf8.allSatisfy({ isAlnum($0) || allowed.contains($0) || $0 >= 0x80 }) else { return false }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            let inner = domain.dropFirst().dropLast()
            if inner.lowercased().hasPrefix("ipv6:") { return isIPv6(String(inner.dropFirst(5))) }
            return isIPv4(String(inner))
        }
        return isHostname(String(domain)) || domain.unicodeScalars.contains(where: { $0.value >= 0x80 })
    }

    static func isIPv4(_ value: String) -> Bool {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard (1...3).contains(p.utf8.count), p.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let n = Int(p), n <= 255, !(p.count > 1 && p.first == "0") else { return false }
        }
        return true
    }

    static func isIPv6(_ value: String) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 45 else { return false }
        var text = Substring(value)
        var groupsNeeded = 8
        // A trailing dotted IPv4 takes the place of two groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(text[text.index(after: lastColon)...])) else { return false }
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
            groupsNeeded = 6
        }
        func validGroups(_ s: Substring) -> Int? {
            if s.isEmpty { return 0 }
            let groups = s.split(separator: ":", omittingEmptySubsequences: false)
            for g in groups {
                guard (1...4).contains(g.utf8.count), g.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
            }
            return groups.count
        }
        let halves = text.components(separatedBy: "::")
        switch halves.count {
        case 1:
            return validGroups(text) == groupsNeeded
        case 2:
            guard let a = validGroups(Substring(halves[0])), let b = validGroups(Substring(halves[1])) else { return false }
            return a + b < groupsNeeded
        default:
            return false
        }
    }

    /// `~` in a JSON Pointer must be followed by `0` or `1`.
    static func hasBadTilde(_ value: String) -> Bool {
        let b = Array(value.utf8)
        for (i, c) in b.enumerated() where c == 0x7E {
            if i + 1 >= b.count || (b[i + 1] != 0x30 && b[i + 1] != 0x31) { return true }
        }
        return false
    }

    static func isUUID(_ value: String) -> Bool {
        let b = Array(value.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(i) { guard c == 0x2D else { return false }; continue }
            guard isAlnum(c), Character(Unicode.Scalar(c)).isHexDigit else { return false }
        }
        return true
    }

    /// RFC 3986 URI (with a scheme) or URI-reference: only URI characters and well-formed `%XX` escapes.
    static func isURI(_ value: String, requireScheme: Bool, international: Bool = false) -> Bool {
        let b = Array(value.utf8)
        let allowed = Set("-._~:/?#[]@!$&'()*+,;=".utf8)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x25 {
                guard i + 2 < b.count, Character(Unicode.Scalar(b[i + 1])).isHexDigit,
                      Character(Unicode.Scalar(b[i + 2])).isHexDigit else { return false }
                i += 3
                continue
            }
            guard isAlnum(c) || allowed.contains(c) || (international && c >= 0x80) else { return false }
            i += 1
        }
        let ref = URIReference(parsing: value)
        if requireScheme {
            guard let scheme = ref.scheme, !scheme.isEmpty else { return false }
        }
        // `[` and `]` are only allowed around an IP literal host.
        if value.contains("[") || value.contains("]") {
            guard let authority = ref.authority, authority.contains("["),
                  !ref.path.contains("["), !ref.path.contains("]") else { return false }
        }
        if ref.fragment?.contains("#") == true { return false }
        return true
    }
}
