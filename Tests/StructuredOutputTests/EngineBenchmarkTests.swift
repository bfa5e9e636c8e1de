import XCTest
import Foundation
@testable import StructuredOutput
import Tokenizers
import JSONSchema

/// Mask-time figures (printed, never asserted). Run with a release build:
/// `GENUI_BENCH=1 swift test -c release --filter EngineBenchmarkTests`.
/// Uses a synthetic 128K vocabulary, a full JSON grammar, and the valid instances of the MaskBench
/// corpus (skipped when absent) tokenized greedily, longest match first.
final class EngineBenchmarkTests: XCTestCase {
    static func corpusDirectory() -> URL? {
        if let env = ProcessInfo.processInfo.environment["GENUI_MASKBENCH"] { return URL(fileURLWithPath: env) }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = repo.deletingLastPathComponent().appendingPathComponent("shared/maskbench/data")
        if FileManager.default.fileExists(atPath: dir.path) { return dir }
        // Worktrees live one level deeper (/work/wt/<name>): try the grandparent too.
        let alt = repo.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/maskbench/data")
        return FileManager.default.fileExists(atPath: alt.path) ? alt : nil
    }

    /// Valid instances of the corpus (at most `limit` files), as JSON text, compact or pretty.
    static func documents(limit: Int) throws -> [[UInt8]] {
        guard let dir = corpusDirectory() else { throw XCTSkip("MaskBench corpus not found") }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        var docs: [[UInt8]] = []
        var stride = max(1, files.count / limit)
        if stride < 1 { stride = 1 }
        for (i, f) in files.enumerated() where i % stride == 0 {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(f).path),
                  let file = try? JSONParser.parse(bytes: [UInt8](data)),
                  let tests = file.objectValue?["tests"]?.arrayValue else { continue }
            for t in tests where t.objectValue?["valid"]?.boolValue == true {
                if let d = t.objectValue?["data"] { docs.append(JSONWriter(pretty: docs.count % 2 == 1).bytes(d)) }
            }
        }
        return docs
    }

    /// A synthetic 128K vocabulary of word-like, numeric, punctuation, whitespace and UTF-8 tokens plus all bytes.
    static func syntheticVocabulary(size: Int = 128_000) -> TokenVocabulary {
        var rng = SplitMix(seed: 42)
        var seen = Set<[UInt8]>()
        var tokens: [[UInt8]] = []
        func add(_ t: [UInt8]) { if !t.isEmpty && seen.insert(t).inserted { tokens.append(t) } }
        for b in 0...255 { add([UInt8(b)]) }
        let letters = Array("etaoinshrdlcumwfgypbvkjxqz".utf8)
        let punct = Array("{}[]\",:.-_/\\ ()'!?;=+*#@$%&<>|`~\n\t".utf8)
        func r(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        while tokens.count < size {
            let kind = r(100)
            var t: [UInt8] = []
            switch kind {
            case 0..<55:   // words, with a leading space half the time, sometimes capitalized
                if r(2) == 0 { t.append(0x20) }
                let n = 2 + r(9)
                for k in 0..<n { let c = letters[min(r(26), r(26))]; t.append(k == 0 && r(5) == 0 ? c - 32 : c) }
            case 55..<65:  // numbers
                if r(3) == 0 { t.append(0x20) }
                for _ in 0..<(1 + r(3)) { t.append(UInt8(0x30 + r(10))) }
            case 65..<80:  // punctuation runs, sometimes with letters
                for _ in 0..<(2 + r(3)) { t.append(r(4) == 0 ? letters[r(26)] : punct[r(punct.count)]) }
            case 80..<88:  // whitespace: spaces, newline + indentation
                if r(2) == 0 { t.append(0x0A) }
                t += [UInt8](repeating: 0x20, count: 1 + r(16))
            default:       // UTF-8 text: 2- and 3-byte characters
                for _ in 0..<(1 + r(3)) {
                    if r(2) == 0 { let u = 0x80 + r(0x780); t += [UInt8(0xC0 | (u >> 6)), UInt8(0x80 | (u & 0x3F))] }
                    else { let u = 0x800 + r(0xD000); t += [UInt8(0xE0 | (u >> 12)), UInt8(0x80 | ((u >> 6) & 0x3F)), UInt8(0x80 | (u & 0x3F))] }
                }
            }
            add(t)
        }
        let specials = (0..<256).map { Array("<|reserved_\($0)|>".utf8) }
        let first = Int32(tokens.count)
        tokens += specials
        return TokenVocabulary(tokens: tokens, specialTokenIDs: Set(first ..< first + 256), eosTokenIDs: [first + 1], name: "synthetic-128k")
    }

    /// Full JSON (RFC 8259): whitespace `[ \t\n\r]*`, all escapes, exponents.
    static func fullJSON() -> Grammar {
        var g = Grammar()
        var ws = Automaton(states: [Automaton.State(accepting: true)])
        for c in [0x20, 0x09, 0x0A, 0x0D] as [UInt8] { ws.addBytes(from: 0, c, c, to: 0) }
        let wsID = g.add(Rule(name: "ws", body: .automaton(ws)))
        var str = Automaton()
        let body = str.addState(), esc = str.addState(), end = str.addState(accepting: true)
        let u1 = str.addState(), u2 = str.addState(), u3 = str.addState(), u4 = str.addState()
        str.addBytes(from: 0, 0x22, 0x22, to: body)
        str.addBytes(from: body, 0x20, 0x21, to: body)
        str.addBytes(from: body, 0x23, 0x5B, to: body)
        str.addBytes(from: body, 0x5D, 0xFF, to: body)
        str.addBytes(from: body, 0x5C, 0x5C, to: esc)
        str.addBytes(from: body, 0x22, 0x22, to: end)
        for c in Array("\"\\/bfnrt".utf8) { str.addBytes(from: esc, c, c, to: body) }
        str.addBytes(from: esc, 0x75, 0x75, to: u1)
        for (a, b) in [(u1, u2), (u2, u3), (u3, u4), (u4, body)] {
            str.addBytes(from: a, 0x30, 0x39, to: b); str.addBytes(from: a, 0x41, 0x46, to: b); str.addBytes(from: a, 0x61, 0x66, to: b)
        }
        let strID = g.add(Rule(name: "string", body: .automaton(str)))
        var num = Automaton()
        let sign = num.addState(), zero = num.addState(accepting: true), digits = num.addState(accepting: true)
        let dot = num.addState(), frac = num.addState(accepting: true), e = num.addState(), esign = num.addState(), exp = num.addState(accepting: true)
        num.addBytes(from: 0, 0x2D, 0x2D, to: sign)
        for from in [Int32(0), sign] { num.addBytes(from: from, 0x30, 0x30, to: zero); num.addBytes(from: from, 0x31, 0x39, to: digits) }
        num.addBytes(from: digits, 0x30, 0x39, to: digits)
        for from in [zero, digits] { num.addBytes(from: from, 0x2E, 0x2E, to: dot) }
        num.addBytes(from: dot, 0x30, 0x39, to: frac)
        num.addBytes(from: frac, 0x30, 0x39, to: frac)
        for from in [zero, digits, frac] { num.addBytes(from: from, 0x45, 0x45, to: e); num.addBytes(from: from, 0x65, 0x65, to: e) }
        num.addBytes(from: e, 0x2B, 0x2B, to: esign); num.addBytes(from: e, 0x2D, 0x2D, to: esign)
        for from in [e, esign, exp] { num.addBytes(from: from, 0x30, 0x39, to: exp) }
        let numID = g.add(Rule(name: "number", body: .automaton(num)))
        let lits = ["true", "false", "null"].map { g.add(Rule(name: $0, body: .automaton(EngineFixtures.literal($0)))) }
        let valueID = g.add(Rule(name: "value", body: .automaton(Automaton())))
        let commaID = g.add(Rule(name: "comma", body: .automaton(EngineFixtures.sequence([.call(wsID), .text(","), .call(wsID)]))))
        let memberID = g.add(Rule(name: "member", body: .automaton(EngineFixtures.sequence([.call(strID), .call(wsID), .text(":"), .call(wsID), .call(valueID)]))))
        let membersID = g.add(Rule(name: "members", body: .repetition(item: memberID, separator: commaID, min: 0, max: nil)))
        let objectID = g.add(Rule(name: "object", body: .automaton(EngineFixtures.sequence([.text("{"), .call(wsID), .call(membersID), .call(wsID), .text("}")]))))
        let elementsID = g.add(Rule(name: "elements", body: .repetition(item: valueID, separator: commaID, min: 0, max: nil)))
        let arrayID = g.add(Rule(name: "array", body: .automaton(EngineFixtures.sequence([.text("["), .call(wsID), .call(elementsID), .call(wsID), .text("]")]))))
        g[valueID] = Rule(name: "value", body: .automaton(EngineFixtures.choice([objectID, arrayID, strID, numID] + lits)))
        g.start = g.add(Rule(name: "document", body: .automaton(EngineFixtures.sequence([.call(wsID), .call(valueID), .call(wsID)]))))
        return g
    }

    /// Greedy longest-match tokenization through the index's trie (a stand-in for BPE).
    static func tokenize(_ text: [UInt8], _ vocab: TokenVocabulary, _ lookup: [[UInt8]: Int32], maxLength: Int) -> [Int32] {
        var ids: [Int32] = []
        var i = 0
        while i < text.count {
            var n = min(maxLength, text.count - i)
            while n > 1, lookup[Array(text[i ..< i + n])] == nil { n -= 1 }
            ids.append(lookup[Array(text[i ..< i + n])]!)
            i += n
        }
        return ids
    }

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count - 1) * p))]
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func testMaskTimesOnJSONDocuments() throws {
        guard ProcessInfo.processInfo.environment["GENUI_BENCH"] != nil else { throw XCTSkip("set GENUI_BENCH=1 (release build) to run") }
        var t0 = Self.now()
        let vocab = Self.syntheticVocabulary()
        let index = TokenizerIndex(vocab)
        print(String(format: "vocab %d tokens, trie %d nodes, index built in %.1f ms", vocab.count, index.trieNodeCount, Double(Self.now() - t0) / 1e6))
        var lookup: [[UInt8]: Int32] = [:]
        for (i, t) in vocab.tokens.enumerated() where index.isNormal[i] { lookup[t] = Int32(i) }
        let docs = try Self.documents(limit: 400)
        t0 = Self.now()
        let compiled = try CompiledGrammar(grammar: Self.fullJSON(), tokenizer: index, limits: .default)
        let m = GrammarMatcher(compiled)
        var mask = [UInt32](repeating: 0, count: m.maskWordCount)
        m.fillNextTokenBitmask(&mask)
        print(String(format: "cold time to first mask %.3f ms", Double(Self.now() - t0) / 1e6))
        var maskTimes: [Double] = [], stepTimes: [Double] = [], firstMask: [Double] = []
        var tokens = 0
        for doc in docs {
            let ids = Self.tokenize(doc, vocab, lookup, maxLength: index.maxTokenLength)
            let s0 = Self.now()
            let c = try CompiledGrammar(grammar: Self.fullJSON(), tokenizer: index, limits: .default)
            var matcher = GrammarMatcher(c)
            matcher.fillNextTokenBitmask(&mask)
            firstMask.append(Double(Self.now() - s0) / 1e3)
            for id in ids {
                let a = Self.now()
                matcher.fillNextTokenBitmask(&mask)
                let b = Self.now()
                guard mask[Int(id) >> 5] & (1 << UInt32(id & 31)) != 0, matcher.acceptToken(id) else {
                    XCTFail("token \(id) of a valid document was rejected"); break
                }
                let c = Self.now()
                maskTimes.append(Double(b - a) / 1e3)
                stepTimes.append(Double(c - a) / 1e3)
                tokens += 1
            }
            XCTAssertTrue(matcher.isAccepting)
        }
        func report(_ name: String, _ xs: [Double]) {
            let mean = xs.reduce(0, +) / Double(max(xs.count, 1))
            print(String(format: "%@: n=%d p50 %.1f µs, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f, mean %.1f", name, xs.count,
                         Self.percentile(xs, 0.5), Self.percentile(xs, 0.9), Self.percentile(xs, 0.99), Self.percentile(xs, 0.999), xs.max() ?? 0, mean))
        }
        print("documents \(docs.count), tokens \(tokens), avg token \(String(format: "%.2f", Double(docs.reduce(0) { $0 + $1.count }) / Double(max(tokens, 1)))) bytes")
        report("mask", maskTimes)
        report("mask+accept (TBM)", stepTimes)
        report("warm compile + first mask (TTFM)", firstMask)
    }
}

extension EngineBenchmarkTests {
    /// Build time and size of every position's mask entry of the full JSON grammar (cold, then for a
    /// second grammar instance that reuses the shared call-free entries).
    func testEntryBuildTimes() throws {
        guard ProcessInfo.processInfo.environment["GENUI_BENCH"] != nil else { throw XCTSkip("set GENUI_BENCH=1 (release build) to run") }
        let index = TokenizerIndex.shared(for: Self.syntheticVocabulary())
        for round in 0..<2 {
            let c = try CompiledGrammar(grammar: Self.fullJSON(), tokenizer: index, limits: .default)
            var rows: [(Double, String)] = []
            for s in 0 ..< c.tables.stateCount where c.tables.byteStart[s] < c.tables.byteStart[s + 1] {
                let t0 = Self.now()
                let e = c.entry(Int32(s))
                let ms = Double(Self.now() - t0) / 1e6
                let rule = c.grammar.rules[Int(c.tables.flat.stateRule[s])].name
                rows.append((ms, "\(rule)@\(s): accepted \(e.acceptedCount), uncertain \(e.uncertainCount), suffix nodes \(e.suffixByte.count)"))
            }
            print("round \(round): total \(String(format: "%.2f", rows.reduce(0) { $0 + $1.0 })) ms")
            for r in rows.sorted(by: { $0.0 > $1.0 }).prefix(8) { print(String(format: "  %8.3f ms  ", r.0) + r.1) }
        }
    }
}
