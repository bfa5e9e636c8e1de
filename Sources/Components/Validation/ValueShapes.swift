/// Recognisers for the string shapes the checks need (ISO-8601 dates, URL schemes, ids).
/// Hand-written so the rules are exact and cheap.
enum ValueShapes {
    private static func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }

    /// `YYYY-MM-DD` with a month 01...12 and a day 01...31.
    static func isISODate(_ s: Substring) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy(digits), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return (1...12).contains(m) && (1...31).contains(d)
    }

    /// `YYYY-MM`.
    static func isISOMonth(_ s: Substring) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.allSatisfy(digits), let m = Int(parts[1]) else { return false }
        return (1...12).contains(m)
    }

    /// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`.
    static func isISODateTime(_ s: Substring) -> Bool {
        guard let t = s.firstIndex(where: { $0 == "T" || $0 == " " }), isISODate(s[..<t]) else { return false }
        var time = s[s.index(after: t)...]
        if time.hasSuffix("Z") {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = time[time.index(after: sign)...].split(separator: ":", omittingEmptySubsequences: false)
            guard zone.count == 2, zone.allSatisfy({ $0.count == 2 && digits($0) }) else { return false }
            time = time[..<sign]
        }
        let hms = time.split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 2 || hms.count == 3, hms[0].count == 2, hms[1].count == 2,
              digits(hms[0]), digits(hms[1]), let h = Int(hms[0]), let m = Int(hms[1]), h < 24, m < 60 else { return false }
        if hms.count == 3 {
            let sec = hms[2].split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(sec.count), sec[0].count == 2, sec.allSatisfy(digits) else { return false }
        }
        return true
    }

    /// A value a temporal chart field accepts: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a date-time.
    static func isTemporal(_ s: String) -> Bool {
        let sub = Substring(s)
        return (s.count == 4 && digits(sub)) || isISOMonth(sub) || isISODate(sub) || isISODateTime(sub)
    }

    /// A string that clearly reads as a date: `YYYY-MM`, `YYYY-MM-DD` or a date-time (bare years are not counted).
    static func looksTemporal(_ s: String) -> Bool {
        let sub = Substring(s)
        return isISOMonth(sub) || isISODate(sub) || isISODateTime(sub)
    }

    /// The lower-cased scheme of a URL (`https` in `https://x`), or `nil` when there is none.
    static func scheme(_ url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let s = url[..<colon]
        guard let first = s.first, first.isASCII, first.isLetter,
              s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else { return nil }
        return s.lowercased()
    }

    /// `^[a-z][a-z0-9-]{0,47}$`, the catalog's id pattern.
    static func isValidID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first), s.unicodeScalars.count <= 48 else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `^[A-Z]{3}$`.
    static func isCurrencyCode(_ s: String) -> Bool {
        s.unicodeScalars.count == 3 && s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }
}
