import Foundation

/// Dumps a `Grammar` as readable EBNF-like text (for `genui schema compile --dump`):
///
///     start = R0
///     R0 "object" ::=
///       s0 : '{' -> s1
///       s1 : '"' -> s2 | R3 -> s4
///       s4 : accept
///     R1 "items{…}" ::= R2 (R5 R2)* ; 1..10 items
///
/// Byte edges print as quoted characters or hex ranges, calls as rule ids.
public enum GrammarPrinter {
    public static func dump(_ grammar: Grammar) -> String {
        var out = "start = R\(grammar.start)\n"
        for (i, rule) in grammar.rules.enumerated() {
            out += "R\(i) \(quoted(rule.name)) ::="
            switch rule.body {
            case .repetition(let item, let separator, let lo, let hi):
                let sep = separator.map { "R\($0) " } ?? ""
                out += " R\(item) (\(sep)R\(item))* ; \(lo)..\(hi.map(String.init) ?? "∞") items\n"
            case .automaton(let a):
                out += "\n"
                for (s, state) in a.states.enumerated() {
                    var parts: [String] = state.bytes.map { "\(range($0.lo, $0.hi)) -> s\($0.target)" }
                    parts += state.calls.map { "R\($0.rule) -> s\($0.target)" }
                    if state.accepting { parts.append("accept") }
                    out += "  s\(s) : " + (parts.isEmpty ? "(dead)" : parts.joined(separator: " | ")) + "\n"
                }
            }
        }
        return out
    }

    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }

    static func byte(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F && b != UInt8(ascii: "'") && b != UInt8(ascii: "\\") {
            return "'\(Character(Unicode.Scalar(b)))'"
        }
        let hex = String(b, radix: 16, uppercase: true)
        return "0x" + (hex.count == 1 ? "0" + hex : hex)
    }

    static func range(_ lo: UInt8, _ hi: UInt8) -> String {
        lo == hi ? byte(lo) : "[\(byte(lo))-\(byte(hi))]"
    }
}
