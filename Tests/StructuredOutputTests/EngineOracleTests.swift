import XCTest
@testable import StructuredOutput
import Tokenizers
import JSONSchema
import Foundation

/// Masks of the engine against the brute-force `ReferenceMatcher`, at every step of random walks.
final class EngineOracleTests: XCTestCase {
    /// Walks `walks` random documents; at each step compares masks, then accepts a random allowed
    /// token (sometimes EOS, sometimes rolling back) in both matchers.
    func checkAgainstReference(_ grammar: Grammar, _ vocab: TokenVocabulary, walks: Int, steps: Int, seed: UInt64, byteSetMinSubtree: Int = 2,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let compiled = try CompiledGrammar(grammar: grammar, tokenizer: TokenizerIndex(vocab, byteSetMinSubtree: byteSetMinSubtree), limits: .default)
        var rng = SplitMix(seed: seed)
        var compared = 0
        for walk in 0..<walks {
            var matcher = GrammarMatcher(compiled)
            var reference = ReferenceMatcher(grammar)
            var history: [ReferenceMatcher] = []
            var text: [UInt8] = []
            for step in 0..<steps {
                let expected = reference.mask(vocab)
                let actual = matcher.nextTokenBitmask()
                compared += 1
                if expected != actual {
                    let missing = Set(allowedIDs(expected)).subtracting(allowedIDs(actual)).sorted().prefix(8)
                    let extra = Set(allowedIDs(actual)).subtracting(allowedIDs(expected)).sorted().prefix(8)
                    let show = { (ids: ArraySlice<Int32>) in ids.map { "\($0):\(String(decoding: vocab.tokens[Int($0)], as: UTF8.self).debugDescription)" } }
                    XCTFail("walk \(walk) step \(step) after \(String(decoding: text, as: UTF8.self).debugDescription): missing \(show(missing)) extra \(show(extra))", file: file, line: line)
                    return
                }
                XCTAssertEqual(matcher.isAccepting, reference.accepting, file: file, line: line)
                // Disallowed tokens are refused without changing the state.
                let allowed = allowedIDs(actual)
                if let bad = (0..<Int32(vocab.count)).first(where: { !allowed.contains($0) && vocab.tokens[Int($0)].count > 0 && !vocab.specialTokenIDs.contains($0) }) {
                    XCTAssertFalse(matcher.acceptToken(bad), file: file, line: line)
                }
                if allowed.isEmpty { break }
                if rng.next() % 9 == 0, !history.isEmpty {
                    let n = 1 + Int(rng.next() % UInt64(min(3, history.count)))
                    matcher.rollback(n)
                    reference = history[history.count - n]
                    history.removeLast(n)
                    text = []
                    continue
                }
                // Prefer longer tokens so walks get deep.
                let pick = (0..<3).map { _ in allowed[Int(rng.next() % UInt64(allowed.count))] }
                    .max { vocab.tokens[Int($0)].count < vocab.tokens[Int($1)].count }!
                if vocab.eosTokenIDs.contains(pick) {
                    XCTAssertTrue(matcher.acceptToken(pick), file: file, line: line)
                    XCTAssertTrue(matcher.isTerminated, file: file, line: line)
                    break
                }
                XCTAssertTrue(matcher.acceptToken(pick), "token \(pick) was in the mask", file: file, line: line)
                history.append(reference)
                guard let next = reference.accepts(vocab.tokens[Int(pick)]) else {
                    XCTFail("reference refused a token it allowed", file: file, line: line); return
                }
                reference = next
                text += vocab.tokens[Int(pick)]
            }
        }
        XCTAssertGreaterThan(compared, walks, file: file, line: line)
    }

    func testJSONLikeGrammarMatchesReference() throws {
        let vocab = EngineFixtures.vocabulary(alphabet: "{}[]\",: \n0123456789.-abtrueflsn\\x", extra: EngineFixtures.jsonExtras,
                                              randomCount: 300, seed: 1)
        try checkAgainstReference(EngineFixtures.jsonLike(), vocab, walks: 12, steps: 40, seed: 7)
        try checkAgainstReference(EngineFixtures.jsonLike(), vocab, walks: 6, steps: 40, seed: 17, byteSetMinSubtree: 1 << 30)
    }

    func testJSONLikeGrammarWithDenseStructureTokens() throws {
        let vocab = EngineFixtures.vocabulary(alphabet: "{}[]\",:", extra: EngineFixtures.jsonExtras, randomCount: 400, seed: 2)
        try checkAgainstReference(EngineFixtures.jsonLike(), vocab, walks: 10, steps: 40, seed: 8)
    }

    func testCountedRepetitionsMatchReference() throws {
        let vocab = EngineFixtures.vocabulary(alphabet: "[](),abx\"\\nz", extra: ["ab,", "a,(", "x)", ")]", "]aa", "aaa", "ab,ab,", "]\"ab", "abcd", "abcde", "abcdef", "\\n\"aa"],
                                              randomCount: 400, seed: 3)
        try checkAgainstReference(EngineFixtures.repetitions(), vocab, walks: 25, steps: 30, seed: 9)
        try checkAgainstReference(EngineFixtures.repetitions(), vocab, walks: 10, steps: 30, seed: 19, byteSetMinSubtree: 1 << 30)
    }

    /// Tokens longer than `TokenizerIndex.shortTokenBytes`: entries on counted repetitions are then
    /// one per part of the vocabulary's length partition, with distances capped per part.
    func testLengthPartitionMatchesReference() throws {
        var g = Grammar()
        let charID = g.add(Rule(name: "char", body: .automaton(EngineFixtures.escapedLetter())))
        let chars = g.add(Rule(name: "chars{3,40}", body: .repetition(item: charID, separator: nil, min: 3, max: 40)))
        let text = g.add(Rule(name: "text", body: .automaton(EngineFixtures.sequence([.text("\""), .call(chars), .text("\"")]))))
        let comma = g.add(Rule(name: "comma", body: .automaton(EngineFixtures.literal(","))))
        let list = g.add(Rule(name: "list", body: .repetition(item: text, separator: comma, min: 1, max: 3)))
        g.start = g.add(Rule(name: "doc", body: .automaton(EngineFixtures.sequence([.text("["), .call(list), .text("]")]))))
        let long = [
            "abcdefghijklmnopqrs", String(repeating: "a", count: 25), String(repeating: "ab", count: 12) + "\",\"",
            "abcdefghijklmnopq\"]", String(repeating: "z", count: 39) + "\"", String(repeating: "y", count: 41),
            "\\n\\\"" + String(repeating: "c", count: 20), String(repeating: "b", count: 17), String(repeating: "b", count: 18),
        ]
        let vocab = EngineFixtures.vocabulary(alphabet: "abcyz\"\\n,[]", extra: long, randomCount: 300, seed: 21)
        XCTAssertNotNil(TokenizerIndex(vocab).lengthPartition)
        try checkAgainstReference(g, vocab, walks: 20, steps: 40, seed: 23)
        try checkAgainstReference(g, vocab, walks: 8, steps: 40, seed: 29, byteSetMinSubtree: 1 << 30)
    }

    func testNondeterministicAndNullableRulesMatchReference() throws {
        let vocab = EngineFixtures.vocabulary(alphabet: "abcdz09+-|;", extra: ["abc", "abd", "ab|", "-a", "a+", "b;", "|-ab"],
                                              randomCount: 300, seed: 4)
        try checkAgainstReference(EngineFixtures.ambiguous(), vocab, walks: 20, steps: 30, seed: 10)
    }

    func testAcceptBytesAgreesWithReferenceOnPrefixes() throws {
        let grammar = EngineFixtures.jsonLike()
        let vocab = EngineFixtures.vocabulary(alphabet: "ab", extra: [], randomCount: 0, seed: 5)
        let compiled = try CompiledGrammar(grammar: grammar, tokenizer: TokenizerIndex(vocab), limits: .default)
        let samples = [" {\"a\": [1, 2.5, -0.25, {\"b\": null}], \"c\": \"x\\\"y\"} ", "[[[]]]", "[1,]", "{\"a\" 1}", "\"\u{e9}\"", "01", "-", "[ ]"]
        for text in samples {
            let bytes = Array(text.utf8)
            var matcher = GrammarMatcher(compiled)
            let expected = ReferenceMatcher(grammar).accepts(bytes)
            XCTAssertEqual(matcher.acceptBytes(bytes), expected != nil, text)
            if let expected { XCTAssertEqual(matcher.isAccepting, expected.accepting, text) }
        }
    }
}

extension EngineOracleTests {
    /// Grammars from the schema compiler (a few MaskBench schemas) against the reference, with a small
    /// JSON-flavoured vocabulary. Skipped when the corpus is absent.
    func testCompiledSchemasMatchReference() throws {
        guard let dir = EngineBenchmarkTests.corpusDirectory() else { throw XCTSkip("MaskBench corpus not found") }
        let names = ["BFCL_java_0.json", "BFCL_java_1.json", "BFCL_java_10.json"]
        let vocab = EngineFixtures.vocabulary(alphabet: "{}[]\",:0123456789.-abcdefghijklmnoprstuvwxyz_ ", extra: EngineFixtures.jsonExtras,
                                              randomCount: 500, seed: 21)
        var checked = 0
        for (k, name) in names.enumerated() {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                  let schema = try JSONParser.parse(bytes: [UInt8](data)).objectValue?["schema"],
                  let compiled = try? SchemaCompiler().compile(schema) else { continue }
            try checkAgainstReference(compiled.grammar, vocab, walks: 3, steps: 25, seed: 30 + UInt64(k))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }
}

extension EngineOracleTests {
    /// Strings, length-limited strings and free member names with multi-byte characters, split
    /// characters and invalid UTF-8 in the vocabulary: the wholesale acceptance of whole UTF-8
    /// characters in string bodies and counted strings must agree with the reference.
    func testUTF8StringBodiesMatchReference() throws {
        let schema = try JSONParser.parse(#"""
            {"type": "object", "properties": {
                "name": {"type": "string"},
                "code": {"type": "string", "maxLength": 4},
                "tags": {"type": "array", "items": {"type": "string", "minLength": 2, "maxLength": 6}},
                "word": {"type": "string", "pattern": "^[a-zé]+$"},
                "extra": {"type": "object"}},
             "required": ["name", "code"]}
            """#)
        let grammar = try SchemaCompiler().compile(schema).grammar
        let extras = EngineFixtures.jsonExtras + ["日本", "é\"", "aé", "\u{e9}\u{e9}\u{e9}", "\u{65e5}\u{672c}\u{8a9e}\",", "ab\u{e9}cd", "\"name\":\"", "\"code\":\"",
                                                  "\"tags\":[\"", "\"extra\":{\"", "\"word\":\"", "é😀", "\\u00e9"]
        let vocab = EngineFixtures.vocabulary(alphabet: "{}[]\",:ab \u{e9}\u{65e5}\u{1F600}\\u0", extra: extras, randomCount: 600, seed: 41)
        try checkAgainstReference(grammar, vocab, walks: 16, steps: 30, seed: 42)
        try checkAgainstReference(grammar, vocab, walks: 6, steps: 30, seed: 43, byteSetMinSubtree: 1)
    }
}
