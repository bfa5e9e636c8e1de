import XCTest
@testable import StructuredOutput
import Tokenizers

/// Hand-built grammars, synthetic vocabularies and the brute-force reference matcher for the engine tests.
enum EngineFixtures {
    /// An automaton matching exactly `text`.
    static func literal(_ text: String) -> Automaton {
        var a = Automaton()
        var s: Int32 = 0
        for b in Array(text.utf8) {
            let n = a.addState()
            a.addBytes(from: s, b, b, to: n)
            s = n
        }
        a.states[Int(s)].accepting = true
        return a
    }

    /// An automaton calling one of `rules` and ending.
    static func choice(_ rules: [RuleID]) -> Automaton {
        var a = Automaton()
        let end = a.addState(accepting: true)
        for r in rules { a.addCall(from: 0, rule: r, to: end) }
        return a
    }

    /// A calls-then-bytes sequence: each element is either a literal byte string or a rule call.
    enum Part { case text(String), call(RuleID) }
    static func sequence(_ parts: [Part]) -> Automaton {
        var a = Automaton()
        var s: Int32 = 0
        for p in parts {
            switch p {
            case .text(let t):
                for b in Array(t.utf8) { let n = a.addState(); a.addBytes(from: s, b, b, to: n); s = n }
            case .call(let r):
                let n = a.addState(); a.addCall(from: s, rule: r, to: n); s = n
            }
        }
        a.states[Int(s)].accepting = true
        return a
    }

    /// A recursive JSON-like grammar: objects, arrays, strings with escapes and UTF-8 bytes, numbers,
    /// literals, optional whitespace (deliberately ambiguous around empty containers).
    static func jsonLike() -> Grammar {
        var g = Grammar()
        var ws = Automaton(states: [Automaton.State(accepting: true)])
        ws.addBytes(from: 0, 0x20, 0x20, to: 0)
        ws.addBytes(from: 0, 0x0A, 0x0A, to: 0)
        let wsID = g.add(Rule(name: "ws", body: .automaton(ws)))
        var str = Automaton()
        let body = str.addState(), esc = str.addState(), end = str.addState(accepting: true)
        str.addBytes(from: 0, 0x22, 0x22, to: body)
        str.addBytes(from: body, 0x20, 0x21, to: body)
        str.addBytes(from: body, 0x23, 0x5B, to: body)
        str.addBytes(from: body, 0x5D, 0xFF, to: body)
        str.addBytes(from: body, 0x5C, 0x5C, to: esc)
        for c in Array("\"\\/bnrt".utf8) { str.addBytes(from: esc, c, c, to: body) }
        str.addBytes(from: body, 0x22, 0x22, to: end)
        let strID = g.add(Rule(name: "string", body: .automaton(str)))
        var num = Automaton()
        let sign = num.addState(), zero = num.addState(accepting: true), digits = num.addState(accepting: true)
        let dot = num.addState(), frac = num.addState(accepting: true)
        num.addBytes(from: 0, 0x2D, 0x2D, to: sign)
        for from in [Int32(0), sign] {
            num.addBytes(from: from, 0x30, 0x30, to: zero)
            num.addBytes(from: from, 0x31, 0x39, to: digits)
        }
        num.addBytes(from: digits, 0x30, 0x39, to: digits)
        num.addBytes(from: zero, 0x2E, 0x2E, to: dot)
        num.addBytes(from: digits, 0x2E, 0x2E, to: dot)
        num.addBytes(from: dot, 0x30, 0x39, to: frac)
        num.addBytes(from: frac, 0x30, 0x39, to: frac)
        let numID = g.add(Rule(name: "number", body: .automaton(num)))
        let lits = ["true", "false", "null"].map { g.add(Rule(name: $0, body: .automaton(literal($0)))) }
        let valueID = g.add(Rule(name: "value", body: .automaton(Automaton())))   // filled below (recursion)
        let commaID = g.add(Rule(name: "comma", body: .automaton(sequence([.call(wsID), .text(","), .call(wsID)]))))
        let memberID = g.add(Rule(name: "member", body: .automaton(sequence([.call(strID), .call(wsID), .text(":"), .call(wsID), .call(valueID)]))))
        let membersID = g.add(Rule(name: "members", body: .repetition(item: memberID, separator: commaID, min: 0, max: nil)))
        let objectID = g.add(Rule(name: "object", body: .automaton(sequence([.text("{"), .call(wsID), .call(membersID), .call(wsID), .text("}")]))))
        let elementsID = g.add(Rule(name: "elements", body: .repetition(item: valueID, separator: commaID, min: 0, max: nil)))
        let arrayID = g.add(Rule(name: "array", body: .automaton(sequence([.text("["), .call(wsID), .call(elementsID), .call(wsID), .text("]")]))))
        g[valueID] = Rule(name: "value", body: .automaton(choice([objectID, arrayID, strID, numID] + lits)))
        g.start = g.add(Rule(name: "document", body: .automaton(sequence([.call(wsID), .call(valueID), .call(wsID)]))))
        return g
    }

    /// One JSON-string character as the compiler encodes a small class: `a`–`z`, `\n` or `\"`.
    static func escapedLetter() -> Automaton {
        var char = Automaton()
        let done = char.addState(accepting: true), esc = char.addState()
        char.addBytes(from: 0, 0x61, 0x7A, to: done)
        char.addBytes(from: 0, 0x5C, 0x5C, to: esc)
        char.addBytes(from: esc, 0x6E, 0x6E, to: done)
        char.addBytes(from: esc, 0x22, 0x22, to: done)
        return char
    }

    /// Counted repetitions: `[` 2..4 items separated by `,` `]` where an item is `a`+ (1..3 times `ab`|`a`) or a nested `(`0..2 `x``)`.
    static func repetitions() -> Grammar {
        var g = Grammar()
        let ab = g.add(Rule(name: "ab", body: .automaton(literal("ab"))))
        let a = g.add(Rule(name: "a", body: .automaton(literal("a"))))
        let piece = g.add(Rule(name: "piece", body: .automaton(choice([ab, a]))))
        let pieces = g.add(Rule(name: "pieces", body: .repetition(item: piece, separator: nil, min: 1, max: 3)))
        let x = g.add(Rule(name: "x", body: .automaton(literal("x"))))
        let xs = g.add(Rule(name: "xs", body: .repetition(item: x, separator: nil, min: 0, max: 2)))
        let group = g.add(Rule(name: "group", body: .automaton(sequence([.text("("), .call(xs), .text(")")]))))
        let item = g.add(Rule(name: "item", body: .automaton(choice([pieces, group]))))
        let comma = g.add(Rule(name: "comma", body: .automaton(literal(","))))
        let list = g.add(Rule(name: "list", body: .repetition(item: item, separator: comma, min: 2, max: 4)))
        let unbounded = g.add(Rule(name: "tail", body: .repetition(item: a, separator: nil, min: 2, max: nil)))
        // A length-limited string, shaped like the schema compiler's: `"` char{2,5} `"`.
        let charID = g.add(Rule(name: "char", body: .automaton(escapedLetter())))
        let chars = g.add(Rule(name: "chars{2,5}", body: .repetition(item: charID, separator: nil, min: 2, max: 5)))
        let text = g.add(Rule(name: "text", body: .automaton(sequence([.text("\""), .call(chars), .text("\"")]))))
        g.start = g.add(Rule(name: "doc", body: .automaton(sequence([.text("["), .call(list), .text("]"), .call(text), .call(unbounded)]))))
        return g
    }

    /// Nondeterministic branches (shared prefixes, ambiguous NFA edges) and nullable rules,
    /// including a state looping on itself through a nullable call.
    static func ambiguous() -> Grammar {
        var g = Grammar()
        var opt = Automaton(states: [Automaton.State(accepting: true)])
        let o1 = opt.addState(accepting: true)
        opt.addBytes(from: 0, 0x2D, 0x2D, to: o1)               // optional "-"
        let optional = g.add(Rule(name: "opt-dash", body: .automaton(opt)))
        let empty = g.add(Rule(name: "empty", body: .automaton(Automaton(states: [Automaton.State(accepting: true)]))))
        let nested = g.add(Rule(name: "nullable-chain", body: .automaton(sequence([.call(empty), .call(optional), .call(empty)]))))
        let abc = g.add(Rule(name: "abc", body: .automaton(literal("abc"))))
        let abd = g.add(Rule(name: "abd", body: .automaton(literal("abd"))))
        let ab = g.add(Rule(name: "ab", body: .automaton(literal("ab"))))
        var nfa = Automaton()
        let n1 = nfa.addState(), n2 = nfa.addState(), n3 = nfa.addState(accepting: true)
        nfa.addBytes(from: 0, 0x61, 0x7A, to: n1)                // [a-z] then
        nfa.addBytes(from: 0, 0x61, 0x61, to: n2)                // or "a" (overlapping edges)
        nfa.addBytes(from: n1, 0x30, 0x39, to: n3)
        nfa.addBytes(from: n2, 0x62, 0x62, to: n3)
        nfa.addCall(from: n3, rule: empty, to: n3)               // nullable self-loop
        nfa.addBytes(from: n3, 0x2B, 0x2B, to: 0)                // "+" starts over
        let nfaID = g.add(Rule(name: "nfa", body: .automaton(nfa)))
        let choice = g.add(Rule(name: "choice", body: .automaton(choice([abc, abd, ab, nfaID]))))
        let tail = g.add(Rule(name: "tail", body: .automaton(sequence([.call(nested), .call(choice)]))))
        let bar = g.add(Rule(name: "bar", body: .automaton(literal("|"))))
        let many = g.add(Rule(name: "many", body: .repetition(item: tail, separator: bar, min: 1, max: nil)))
        g.start = g.add(Rule(name: "doc", body: .automaton(sequence([.call(nested), .call(many), .call(nested), .text(";")]))))
        return g
    }

    /// A vocabulary: every single byte except a few, random multi-byte tokens over `alphabet`,
    /// hand-picked structure-spanning tokens, two special tokens, an EOS, a zero-length token and padding.
    static func vocabulary(alphabet: String, extra: [String], randomCount: Int, seed: UInt64, missingBytes: Set<UInt8> = [0x7F]) -> TokenVocabulary {
        var rng = SplitMix(seed: seed)
        var tokens: [[UInt8]] = []
        tokens.append(Array("<s>".utf8))                       // 0: special
        tokens.append(Array("</s>".utf8))                      // 1: EOS
        tokens.append([])                                      // 2: zero-length
        for b in 0...255 where !missingBytes.contains(UInt8(b)) { tokens.append([UInt8(b)]) }
        for e in extra { tokens.append(Array(e.utf8)) }
        let chars = Array(alphabet.utf8)
        for _ in 0..<randomCount {
            let n = 2 + Int(rng.next() % 5)
            tokens.append((0..<n).map { _ in chars[Int(rng.next() % UInt64(chars.count))] })
        }
        tokens.append(Array("\"}".utf8))                        // a duplicate of an extra token, if present
        tokens.append(Array("<|special|>".utf8))
        let special = Int32(tokens.count - 1)
        return TokenVocabulary(tokens: tokens, specialTokenIDs: [0, special], eosTokenIDs: [1], logitsSize: tokens.count + 37, name: "synthetic-\(seed)")
    }

    static let jsonExtras = ["\"},{\"", "\\\",", "\":\"", "\": ", "true", "null,", "false]", "[[", "]]", "\"}", "{\"", "\",\"",
                             "0.5", "-1", "12", "\\n", "\\u", " \"", "}]", "},", "], ", "\u{e9}t\u{e9}", "\u{1F600}"]
}

/// A tiny deterministic PRNG (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The brute-force reference: a set of explicit stacks of `(rule, state, count)` over the IR itself,
/// stepped one byte at a time. Small and obviously correct, and slow.
struct ReferenceMatcher {
    struct Frame: Hashable { var rule: Int; var state: Int; var count: Int }
    let grammar: Grammar
    var stacks: Set<[Frame]>
    var accepting: Bool

    init(_ grammar: Grammar) {
        self.grammar = grammar
        var out = Set<[Frame]>(), acc = false, seen = Set<[Frame]>()
        ReferenceMatcher.close(grammar, [Frame(rule: Int(grammar.start), state: 0, count: 0)], &out, &acc, &seen)
        stacks = out
        accepting = acc
    }

    /// Adds to `out` every stack reachable from `stack` without consuming input whose top can consume a byte.
    static func close(_ g: Grammar, _ stack: [Frame], _ out: inout Set<[Frame]>, _ accepting: inout Bool, _ seen: inout Set<[Frame]>) {
        guard seen.insert(stack).inserted else { return }
        guard let top = stack.last else { accepting = true; return }
        let rest = Array(stack.dropLast())
        switch g.rules[top.rule].body {
        case .automaton(let a):
            let st = a.states[top.state]
            if !st.bytes.isEmpty { out.insert(stack) }
            for c in st.calls {
                close(g, rest + [Frame(rule: top.rule, state: Int(c.target), count: 0), Frame(rule: Int(c.rule), state: 0, count: 0)], &out, &accepting, &seen)
            }
            if st.accepting { close(g, rest, &out, &accepting, &seen) }
        case .repetition(let item, let sep, let min, let max):
            let c = top.count
            let pushItem = { (n: Int) in rest + [Frame(rule: top.rule, state: 1, count: n), Frame(rule: Int(item), state: 0, count: 0)] }
            switch top.state {
            case 0:
                if min == 0 { close(g, rest, &out, &accepting, &seen) }
                if max != 0 { close(g, pushItem(1), &out, &accepting, &seen) }
            case 1:
                if c >= min { close(g, rest, &out, &accepting, &seen) }
                if max == nil || c < max! {
                    if let sep {
                        close(g, rest + [Frame(rule: top.rule, state: 2, count: c), Frame(rule: Int(sep), state: 0, count: 0)], &out, &accepting, &seen)
                    } else {
                        close(g, pushItem(c + 1), &out, &accepting, &seen)
                    }
                }
            default:
                close(g, pushItem(c + 1), &out, &accepting, &seen)
            }
        }
    }

    /// The state after `byte`, or nil when no stack can take it.
    func stepped(_ byte: UInt8) -> ReferenceMatcher {
        var out = Set<[Frame]>(), acc = false, seen = Set<[Frame]>()
        for s in stacks {
            let top = s.last!
            guard case .automaton(let a) = grammar.rules[top.rule].body else { continue }
            for e in a.states[top.state].bytes where e.lo <= byte && byte <= e.hi {
                var next = s
                next[next.count - 1].state = Int(e.target)
                ReferenceMatcher.close(grammar, next, &out, &acc, &seen)
            }
        }
        var r = self
        r.stacks = out
        r.accepting = acc
        return r
    }

    /// Whether `bytes` can be consumed from here (leaving a live or complete parse).
    func accepts(_ bytes: some Collection<UInt8>) -> ReferenceMatcher? {
        var cur = self
        for b in bytes {
            if cur.stacks.isEmpty { return nil }
            cur = cur.stepped(b)
            if cur.stacks.isEmpty && !cur.accepting { return nil }
        }
        return cur
    }

    /// The reference mask: normal tokens whose bytes `accepts`, EOS when accepting.
    func mask(_ vocab: TokenVocabulary) -> [UInt32] {
        var m = [UInt32](repeating: 0, count: (vocab.logitsSize + 31) / 32)
        for (i, t) in vocab.tokens.enumerated() {
            let id = Int32(i)
            let ok: Bool
            if vocab.eosTokenIDs.contains(id) { ok = accepting }
            else if vocab.specialTokenIDs.contains(id) || t.isEmpty { ok = false }
            else { ok = accepts(t) != nil }
            if ok { m[i >> 5] |= 1 << UInt32(i & 31) }
        }
        return m
    }
}

func allowedIDs(_ mask: [UInt32]) -> [Int32] {
    var ids: [Int32] = []
    for (w, word) in mask.enumerated() {
        var x = word
        while x != 0 { ids.append(Int32(w * 32 + x.trailingZeroBitCount)); x &= x - 1 }
    }
    return ids
}
