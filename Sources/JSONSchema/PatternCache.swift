import Foundation

/// Compiled ECMA-262 `pattern`/`patternProperties` regexes (through ICU's `NSRegularExpression`),
/// compiled once per pattern and shared by every validation that uses the schema.
final class PatternCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    /// The compiled regex, or `nil` when the pattern is not a regex ICU accepts.
    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let hit = compiled[pattern] { return hit }
        let re = try? NSRegularExpression(pattern: Self.translate(pattern), options: [])
        compiled[pattern] = re
        return re
    }

    /// Unanchored search, as ECMA-262 `RegExp.prototype.test` does. Uncompilable patterns match.
    func matches(_ pattern: String, _ string: String) -> Bool {
        guard let re = regex(pattern) else { return true }
        let ns = string as NSString
        return re.firstMatch(in: string, options: [], range: NSRange(location: 0, length: ns.length)) != nil
    }

    /// Whether `pattern` is a regular expression the validator can compile (the `regex` format).
    static func compiles(_ pattern: String) -> Bool {
        (try? NSRegularExpression(pattern: translate(pattern), options: [])) != nil
    }

    /// Rewrites ECMA-262 constructs ICU reads differently.
    static func translate(_ pattern: String) -> String {
        var out = ""
        var escaped = false
        var inClass = false
        var chars = Array(pattern)[...]
        while let c = chars.popFirst() {
            if escaped {
                escaped = false
                // `\d` and `\w` are ASCII-only in ECMA-262 (ICU would match any Unicode digit/letter).
                switch c {
                case "d": out += inClass ? "0-9" : "[0-9]"
                case "D": out += inClass ? "\\D" : "[^0-9]"
                case "w": out += inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
                case "W": out += inClass ? "\\W" : "[^a-zA-Z0-9_]"
                default: out.append("\\"); out.append(c)
                }
                continue
            }
            switch c {
            case "\\": escaped = true
            case "[":
                if !inClass, chars.first == "^", chars.dropFirst().first == "]" {
                    // `[^]` matches any character in ECMA-262.
                    out += "[\\s\\S]"; chars = chars.dropFirst(2); continue
                }
                if inClass { out += "\\[" } else { inClass = true; out.append(c) }
            case "]": inClass = false; out.append(c)
            case "$" where !inClass:
                // ECMA `$` (no multiline flag) matches only at the very end of the input.
                out += "\\z"
            default: out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return out
    }
}
