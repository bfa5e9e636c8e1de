/// Decoded-content DFAs for JSON Schema `format` values, written as anchored regexes over the
/// grammars of RFC 3339, RFC 1123, RFC 4291, RFC 4122, RFC 3986 and RFC 5321.
///
/// Exact: `date` (including leap years: Feb 29 only in years divisible by 4 and not by 100
/// unless by 400), `duration` (RFC 3339 Appendix A), `ipv4` (dotted quad, no leading zeros),
/// `ipv6` (RFC 4291 text forms incl. `::` compression and an embedded IPv4 tail; no zone id),
/// `uuid` (8-4-4-4-12 hex digits, any case).
///
/// Approximations:
/// - `time`/`date-time`: second `60` is accepted at any hour/minute (leap seconds depend on the
///   UTC offset); `T`/`Z` accepted in either case; fractional seconds of any length.
/// - `hostname`: dot-separated RFC 1123 labels of 1–63 letters/digits/hyphens (no leading or
///   trailing hyphen); the 253-character total is not enforced.
/// - `email`: dot-atom local part (no quoted strings, no comments) `@` a hostname or a bracketed
///   IPv4 literal.
/// - `uri`: a scheme, `:`, then RFC 3986 characters (unreserved, reserved, `%HH`), without checking
///   the authority/path structure; at most one `#`, and `[ ]` only around an IP-literal host
///   right after `//`. `uri-reference`: the same with the scheme optional (the empty
///   string included).
public enum FormatDFA {
    /// Decoded-content DFA for a JSON Schema format; nil for an unknown format.
    public static func dfa(for format: String, limits: AutomataLimits) throws -> ByteDFA? {
        guard let pattern = patterns[format] else { return nil }
        return try RegexCompiler.compileWhole(pattern, limits: limits)
    }

    /// The formats this type knows.
    public static var supportedFormats: [String] { patterns.keys.sorted() }

    /// Formats some JSON Schema draft defines (and validators may assert) that this type does not
    /// know: a schema using one cannot be compiled exactly. Any other unknown format is a pure
    /// annotation (JSON Schema: "implementations … SHOULD NOT" fail on unknown formats) and constrains
    /// nothing.
    public static let definedButUnsupported: Set<String> = [
        "idn-email", "idn-hostname", "iri", "iri-reference", "uri-template", "json-pointer",
        "relative-json-pointer", "regex",
        // draft 3
        "color", "style", "phone", "ip-address", "host-name", "utc-millisec",
    ]

    /// Whether `format` is an annotation only: neither known here nor defined by a draft.
    public static func isAnnotation(_ format: String) -> Bool {
        patterns[format] == nil && !definedButUnsupported.contains(format)
    }

    private static let monthDay =
        "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    private static let leapYear = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
    private static let date = "(?:[0-9]{4}-\(monthDay)|\(leapYear)-02-29)"
    private static let time =
        "(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
    private static let duration: String = {
        let second = "[0-9]+S"
        let minute = "[0-9]+M(?:\(second))?"
        let hour = "[0-9]+H(?:\(minute))?"
        let time = "T(?:\(hour)|\(minute)|\(second))"
        let day = "[0-9]+D"
        let month = "[0-9]+M(?:\(day))?"
        let year = "[0-9]+Y(?:\(month))?"
        return "P(?:(?:\(day)|\(month)|\(year))(?:\(time))?|\(time)|[0-9]+W)"
    }()
    private static let octet = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
    private static let ipv4 = "\(octet)(?:\\.\(octet)){3}"
    private static let ipv6: String = {
        let h = "[0-9A-Fa-f]{1,4}"
        let ls32 = "(?:\(h):\(h)|\(ipv4))"
        func group(_ count: Int) -> String { count == 0 ? "" : "(?:\(h):){\(count)}" }
        func upTo(_ count: Int) -> String { count < 0 ? "" : "(?:(?:\(h):){0,\(count)}\(h))?" }
        let forms = [
            "\(group(6))\(ls32)",
            "::\(group(5))\(ls32)",
            "(?:\(h))?::\(group(4))\(ls32)",
            "\(upTo(1))::\(group(3))\(ls32)",
            "\(upTo(2))::\(group(2))\(ls32)",
            "\(upTo(3))::\(h):\(ls32)",
            "\(upTo(4))::\(ls32)",
            "\(upTo(5))::\(h)",
            "\(upTo(6))::",
        ]
        return "(?:" + forms.joined(separator: "|") + ")"
    }()
    private static let label = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    private static let hostname = "\(label)(?:\\.\(label))*"
    private static let atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
    /// RFC 3986 characters except `#` (one fragment only) and `[ ]` (IP literal hosts only).
    private static let uriCharacter = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})"
    private static let uriTail = "(?://\\[[0-9A-Fa-f:.]+\\])?\(uriCharacter)*(?:#\(uriCharacter)*)?"
    private static let scheme = "[A-Za-z][A-Za-z0-9+.\\-]*"

    private static let patterns: [String: String] = [
        "date": date,
        "time": time,
        "date-time": "\(date)[Tt]\(time)",
        "duration": duration,
        "email": "\(atom)(?:\\.\(atom))*@(?:\(hostname)|\\[\(ipv4)\\])",
        "hostname": hostname,
        "ipv4": ipv4,
        "ipv6": ipv6,
        "uuid": "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}",
        "uri": "\(scheme):\(uriTail)",
        "uri-reference": "(?:\(scheme):)?\(uriTail)",
    ]
}
