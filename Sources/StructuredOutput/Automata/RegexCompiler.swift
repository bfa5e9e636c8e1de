/// Compiles JSON Schema `pattern` regexes (ECMA-262 syntax) to byte DFAs.
///
/// Supported: literals, `.` (any code point but LF, CR, U+2028, U+2029), classes `[...]`/`[^...]`
/// with ranges and escapes, `\d \D \w \W \s \S` (ECMA definitions; `\s` includes the Unicode space
/// separators and U+FEFF), `\t \n \r \f \v \0 \cX \xHH \uHHHH` (surrogate pairs combine) `\u{H…}`,
/// identity escapes, quantifiers `* + ? {n} {n,} {n,m}` and their lazy forms (same language),
/// groups `( )`, `(?: )`, `(?<name> )`, alternation, and the anchors `^ $` anywhere (no multiline
/// flag: they match only at the ends of the string). Annex B leniencies: a `{` that does not
/// start a quantifier and lone `]`/`}` are literals.
///
/// Matching is over Unicode code points (like `u`-mode ECMA regexes and most JSON Schema
/// validators), not UTF-16 code units: `.` matches one astral character. Lone surrogates never
/// match, since the string is UTF-8.
///
/// Rejected with an `AutomataError` carrying the position: lookaround, backreferences, `\b`/`\B`,
/// `\p{…}`, inline flags, octal escapes, repetition counts above `limits.maxRepeat`, and automata
/// beyond `limits.maxStates`.
public enum RegexCompiler {
    /// ECMA-262 pattern (JSON Schema `pattern` semantics: unanchored search unless `^`/`$` anchor
    /// it) → minimized DFA over the UTF-8 bytes of the decoded string value.
    public static func compile(_ pattern: String, limits: AutomataLimits) throws -> ByteDFA {
        let node = try RegexParser.parse(pattern, limits: limits)
        return try RegexNode.compileSearch(node, limits: limits)
    }

    /// The same pattern matched against the whole string (as if wrapped in `^(?:…)$`).
    public static func compileWhole(_ pattern: String, limits: AutomataLimits) throws -> ByteDFA {
        let node = try RegexParser.parse(pattern, limits: limits)
        return try RegexNode.compileAnchored(node, limits: limits)
    }
}
