import XCTest
@testable import StructuredOutput

final class AutomataByteDFATests: XCTestCase {
    let limits = AutomataLimits()

    private func utf8(_ scalar: UInt32) -> [UInt8] {
        guard let value = Unicode.Scalar(scalar) else { return [] }
        return Array(String(Character(value)).utf8)
    }

    func testAnyScalarAcceptsEveryScalarAndRejectsInvalidUTF8() throws {
        let one = try ByteDFA.anyUTF8String(minChars: 1, maxChars: 1, limits: limits)
        var scalar: UInt32 = 0
        while scalar <= 0x10FFFF {
            if !(0xD800...0xDFFF).contains(scalar) {
                XCTAssertTrue(one.matches(utf8(scalar)), "U+\(String(scalar, radix: 16))")
            }
            scalar += scalar < 0x20000 ? 1 : 97
        }
        let invalid: [[UInt8]] = [
            [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
            [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xC2],
            [0xE2, 0x82], [0x41, 0x42],
        ]
        for bytes in invalid { XCTAssertFalse(one.matches(bytes), "\(bytes)") }
    }

    func testUTF8RangeSplitterOnRandomRanges() throws {
        var rng = SeededGenerator(seed: 7)
        let interesting: [UInt32] = [0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0x10FFFF]
        for round in 0..<150 {
            var a = round < 40 ? interesting.randomElement(using: &rng)! : UInt32.random(in: 0...0x10FFFF, using: &rng)
            var b = round % 3 == 0 ? interesting.randomElement(using: &rng)! : UInt32.random(in: 0...0x10FFFF, using: &rng)
            if round % 4 == 1 { b = min(0x10FFFF, a + UInt32.random(in: 0...300, using: &rng)) }
            if a > b { swap(&a, &b) }
            let set = CodePointSet([a...b])
            let dfa = try RegexNode.compileAnchored(.codePoints(set), limits: limits)
            var probes: [UInt32] = [a, b, a &- 1, b + 1, 0, 0x10FFFF]
            for _ in 0..<200 { probes.append(UInt32.random(in: 0...0x10FFFF, using: &rng)) }
            for _ in 0..<50 { probes.append(UInt32.random(in: a...b, using: &rng)) }
            for probe in probes where probe <= 0x10FFFF && !(0xD800...0xDFFF).contains(probe) {
                XCTAssertEqual(dfa.matches(utf8(probe)), (a...b).contains(probe), "range \(a)...\(b) probe \(probe)")
            }
        }
    }

    func testLiteralsTrie() {
        let words = ["", "a", "ab", "abc", "b", "héllo", "hello"].map { Array($0.utf8) }
        let dfa = ByteDFA.literals(words)
        for word in words { XCTAssertTrue(dfa.matches(word)) }
        for other in ["abcd", "c", "hell", "hélloo", "ba"] { XCTAssertFalse(dfa.matches(Array(other.utf8))) }
        XCTAssertTrue(ByteDFA.literals([]).isEmpty)
        XCTAssertFalse(ByteDFA.literals([[]]).isEmpty)
        // Minimal: "ab", "cb" share the final state.
        XCTAssertEqual(ByteDFA.literals([Array("ab".utf8), Array("cb".utf8)]).stateCount, 3)
    }

    /// The bottom-up merge of `literals` gives exactly what Hopcroft gives on the plain trie.
    func testLiteralsEqualMinimizedTrie() {
        var rng = SeededGenerator(seed: 11)
        let alphabet: [UInt8] = Array("abc\"\\é".utf8)
        for _ in 0..<200 {
            var words: [[UInt8]] = []
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                words.append((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            // The unminimized trie, minimized by partition refinement.
            var edges: [[ByteDFA.Edge]] = [[]]
            var accepting = [false]
            for word in words {
                var state = 0
                for byte in word {
                    if let e = edges[state].first(where: { $0.lo == byte }) {
                        state = Int(e.target)
                    } else {
                        edges.append([]); accepting.append(false)
                        edges[state].append(ByteDFA.Edge(lo: byte, hi: byte, target: Int32(edges.count - 1)))
                        edges[state].sort { $0.lo < $1.lo }
                        state = edges.count - 1
                    }
                }
                accepting[state] = true
            }
            XCTAssertEqual(ByteDFA.literals(words), ByteDFA(edges: edges, accepting: accepting).minimized(), "\(words)")
        }
    }

    /// Hopcroft on the partial transition function agrees with Moore's refinement (state count)
    /// and keeps the language, on random partial DFAs.
    func testMinimizationOfRandomPartialDFAs() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let n = Int.random(in: 1...9, using: &rng)
            var edges: [[ByteDFA.Edge]] = []
            for _ in 0..<n {
                var list: [ByteDFA.Edge] = []
                for b in UInt8(ascii: "a")...UInt8(ascii: "c") where Bool.random(using: &rng) {
                    list.append(ByteDFA.Edge(lo: b, hi: b, target: Int32.random(in: 0..<Int32(n), using: &rng)))
                }
                edges.append(list)
            }
            let dfa = ByteDFA(edges: edges, accepting: (0..<n).map { _ in Bool.random(using: &rng) })
            let m = dfa.minimized()
            XCTAssertEqual(m.minimized(), m)
            // Moore on the live part, with the dead sink explicit.
            let live = dfa.liveStates()
            guard live[0] else { XCTAssertEqual(m, .nothing); continue }
            var block = (0...n).map { $0 < n && live[$0] ? (dfa.accepting[$0] ? 1 : 0) : 2 }
            while true {
                var ids: [[Int]: Int] = [:]
                let next = (0...n).map { s -> Int in
                    var sig = [block[s]]
                    for b in UInt8(ascii: "a")...UInt8(ascii: "c") {
                        let t = s < n && live[s] ? (dfa.next(s, b).map { live[$0] ? $0 : n } ?? n) : n
                        sig.append(block[t])
                    }
                    if let id = ids[sig] { return id }
                    ids[sig] = ids.count
                    return ids.count - 1
                }
                if Set(next).count == Set(block).count { break }
                block = next
            }
            // States reachable from the start over live states, counted by block (the sink excluded).
            var seen: Set<Int> = [0], stack = [0], blocks: Set<Int> = []
            while let s = stack.popLast() {
                blocks.insert(block[s])
                for e in dfa.edges[s] where live[Int(e.target)] && seen.insert(Int(e.target)).inserted { stack.append(Int(e.target)) }
            }
            XCTAssertEqual(m.stateCount, blocks.count)
            var words: [[UInt8]] = [[]]
            for _ in 0..<4 { words += words.flatMap { w in (UInt8(ascii: "a")...UInt8(ascii: "c")).map { w + [$0] } } }
            for w in Set(words.map { $0 }) { XCTAssertEqual(m.matches(w), dfa.matches(w)) }
        }
    }

    func testMinimizationIsCanonical() throws {
        let pairs: [(String, String)] = [
            ("a|a", "a"), ("(a|b)*", "[ab]*"), ("a+", "aa*"), ("(?:x{2}){2,3}", "x{4}|x{6}"), ("[a-c]|[b-d]", "[a-d]"),
        ]
        for (left, right) in pairs {
            XCTAssertEqual(try RegexCompiler.compileWhole(left, limits: limits), try RegexCompiler.compileWhole(right, limits: limits), "\(left) vs \(right)")
        }
        XCTAssertNotEqual(try RegexCompiler.compileWhole("a*", limits: limits), try RegexCompiler.compileWhole("a+", limits: limits))
    }

    func testProductsAgreeWithBooleanCombinationsOnAllShortStrings() throws {
        let patterns = ["a*b", "(ab|c)*", "[ab]{2,3}", "c?a+", "", "b|ca", "[^a]*"]
        let dfas = try patterns.map { try RegexCompiler.compileWhole($0, limits: limits) }
        var strings: [[UInt8]] = [[]]
        var frontier: [[UInt8]] = [[]]
        for _ in 0..<5 {
            frontier = frontier.flatMap { prefix in [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c")].map { prefix + [$0] } }
            strings += frontier
        }
        for i in dfas.indices {
            for j in dfas.indices {
                let both = try dfas[i].intersection(dfas[j], limits: limits)
                let either = try dfas[i].union(dfas[j], limits: limits)
                let minus = try dfas[i].difference(dfas[j], limits: limits)
                for string in strings {
                    let x = dfas[i].matches(string)
                    let y = dfas[j].matches(string)
                    XCTAssertEqual(both.matches(string), x && y)
                    XCTAssertEqual(either.matches(string), x || y)
                    XCTAssertEqual(minus.matches(string), x && !y)
                }
                if i == j { XCTAssertTrue(minus.isEmpty) }
            }
        }
    }

    func testProductRespectsStateLimit() throws {
        var small = AutomataLimits()
        small.maxStates = 50
        let a = try RegexCompiler.compileWhole("(?:[0-9]{7})*", limits: limits)
        let b = try RegexCompiler.compileWhole("(?:[0-9]{11})*", limits: limits)
        XCTAssertThrowsError(try a.intersection(b, limits: small))
        XCTAssertEqual(try a.intersection(b, limits: limits).stateCount, 77)
    }

    func testAnyUTF8StringCountsCodePoints() throws {
        let dfa = try ByteDFA.anyUTF8String(minChars: 2, maxChars: 4, limits: limits)
        for text in ["ab", "é€", "a😀c", "abcd", "ééé😀"] { XCTAssertTrue(dfa.matches(Array(text.utf8)), text) }
        for text in ["", "a", "😀", "abcde", "ééééé"] { XCTAssertFalse(dfa.matches(Array(text.utf8)), text) }
        let unbounded = try ByteDFA.anyUTF8String(minChars: 1, maxChars: nil, limits: limits)
        XCTAssertTrue(unbounded.matches(Array(String(repeating: "x€", count: 500).utf8)))
        XCTAssertFalse(unbounded.matches([]))
        XCTAssertThrowsError(try ByteDFA.anyUTF8String(minChars: 0, maxChars: 5_000, limits: limits))
        XCTAssertThrowsError(try ByteDFA.anyUTF8String(minChars: 3, maxChars: 2, limits: limits))
    }

    /// The directly chained length automaton equals the compiled `.{min,max}`.
    func testAnyUTF8StringChainEqualsCompiledRepetition() throws {
        let bounds: [(Int, Int?)] = [(0, nil), (1, nil), (3, nil), (0, 0), (0, 1), (2, 5), (0, 40), (7, 7)]
        for (lo, hi) in bounds {
            let direct = try ByteDFA.anyUTF8String(minChars: lo, maxChars: hi, limits: limits)
            let compiled = try RegexNode.compileAnchored(.repetition(.codePoints(.anyScalar), min: lo, max: hi), limits: limits)
            XCTAssertEqual(direct, compiled, "\(lo)...\(String(describing: hi))")
        }
    }

    func testAutomatonConversionKeepsEdges() throws {
        let dfa = try RegexCompiler.compileWhole("ab+|c", limits: limits)
        let automaton = Automaton(dfa)
        XCTAssertEqual(automaton.states.count, dfa.stateCount)
        for (state, edges) in dfa.edges.enumerated() {
            XCTAssertEqual(automaton.states[state].bytes.map { [$0.lo, $0.hi] }, edges.map { [$0.lo, $0.hi] })
            XCTAssertEqual(automaton.states[state].bytes.map(\.target), edges.map(\.target))
            XCTAssertEqual(automaton.states[state].accepting, dfa.accepting[state])
            XCTAssertTrue(automaton.states[state].calls.isEmpty)
        }
    }
}
