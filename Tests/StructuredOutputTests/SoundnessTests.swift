import Foundation
import JSONSchema
import StructuredOutput
import Tokenizers
import XCTest

/// Soundness by random walk: start a matcher, repeatedly pick a token uniformly among those the mask
/// allows, and stop at end-of-sequence. Every finished document must parse and validate against its
/// schema. A walk that exceeds its budget is dropped (not judged), and each schema must finish some.
final class SoundnessTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A small vocabulary where structure closes reasonably often: every single byte (so any document
    /// is reachable), frequent JSON fragments, and a few multi-part tokens that span structure.
    static let vocabulary: TokenVocabulary = {
        var tokens: [[UInt8]] = [Array("<eos>".utf8)]
        for b in 0...255 { tokens.append([UInt8(b)]) }
        let fragments = ["\":", "\",", "\"}", "\"]", "},", "}]", "],", "{\"", "[{", "[\"", "\":\"", "\",\"", "},{", "null", "true",
                         "false", "0", "1", "12", "-1", ".5", "e3", "\\n", "\\\"", "\\u00e9", "é", "😀", "type", "id", "children",
                         "\"type\":\"", "\"id\":\"", "Card", "Chart", "bar", "line", "2024-01-01", "T12:00:00Z", "https://", "abc"]
        for f in fragments { tokens.append(Array(f.utf8)) }
        return TokenVocabulary(tokens: tokens, specialTokenIDs: [0], eosTokenIDs: [0], logitsSize: tokens.count + 7, name: "soundness")
    }()

    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    /// Runs `walks` random walks; returns (finished, failures as messages).
    func walk(schema: JSONValue, walks: Int, budget: Int, seed: UInt64) throws -> (Int, [String]) {
        let compiled = try SchemaCompiler().compile(schema)
        let grammar = try CompiledGrammar(grammar: compiled.grammar, tokenizer: TokenizerIndex.shared(for: Self.vocabulary))
        let validator = try SchemaValidator(schema: schema)
        var rng = SplitMix(state: seed)
        var finished = 0
        var failures: [String] = []
        var mask = [UInt32](repeating: 0, count: (Self.vocabulary.logitsSize + 31) / 32)
        for _ in 0..<walks {
            var matcher = GrammarMatcher(grammar)
            var bytes: [UInt8] = []
            var done = false
            for _ in 0..<budget {
                matcher.fillNextTokenBitmask(&mask)
                var allowed: [Int32] = []
                for (w, word) in mask.enumerated() where word != 0 {
                    for bit in 0..<32 where word & (1 << UInt32(bit)) != 0 { allowed.append(Int32(w * 32 + bit)) }
                }
                if allowed.isEmpty {
                    failures.append("dead end after \(String(decoding: bytes, as: UTF8.self))")
                    break
                }
                let pick = allowed[Int(rng.next() % UInt64(allowed.count))]
                if pick == 0 { done = true; break }
                XCTAssertTrue(matcher.acceptToken(pick), "an allowed token was refused")
                bytes += Self.vocabulary.tokens[Int(pick)]
            }
            guard done else { continue }
            finished += 1
            do {
                let doc = try JSONParser().parse(bytes)
                let errors = validator.validate(doc)
                if !errors.isEmpty { failures.append("\(String(decoding: bytes, as: UTF8.self)): \(errors.prefix(3))") }
            } catch {
                failures.append("\(String(decoding: bytes, as: UTF8.self)): not JSON: \(error)")
            }
        }
        return (finished, failures)
    }

    func check(_ schemaText: String, walks: Int = 40, budget: Int = 3000, file: StaticString = #filePath, line: UInt = #line) throws {
        let schema = try JSONParser.parse(schemaText)
        let (finished, failures) = try walk(schema: schema, walks: walks, budget: budget, seed: UInt64(truncatingIfNeeded: schemaText.hashValue & 0xFFFF))
        XCTAssertEqual(failures, [], file: file, line: line)
        XCTAssertGreaterThan(finished, 0, "no walk finished within the budget", file: file, line: line)
    }

    func testHandwrittenSchemas() throws {
        try check(#"{"type":"object","properties":{"a":{"type":"integer","minimum":-5,"maximum":300},"b":{"type":"string","maxLength":4},"c":{"enum":["x","y",null,3]}},"required":["a"],"additionalProperties":false}"#)
        try check(#"{"type":"array","items":{"type":"number","exclusiveMinimum":0},"minItems":1,"maxItems":4}"#)
        try check(#"{"anyOf":[{"type":"string","pattern":"^[a-c]{2,3}$"},{"type":"boolean"},{"type":"object","properties":{"k":{"const":"v"}},"required":["k"],"additionalProperties":false}]}"#)
        try check(#"{"type":"string","format":"date"}"#)
        try check(#"{"type":"object","properties":{"when":{"type":"string","format":"date-time"},"id":{"type":"string","format":"uuid"}},"required":["when","id"],"additionalProperties":false}"#)
        try check(##"{"$defs":{"node":{"type":"object","properties":{"name":{"type":"string","maxLength":3},"children":{"type":"array","items":{"$ref":"#/$defs/node"},"maxItems":2}},"required":["name","children"],"additionalProperties":false}},"$ref":"#/$defs/node"}"##)
        try check(#"{"type":"object","properties":{"n":{"type":"integer","multipleOf":7}},"additionalProperties":{"type":"boolean"}}"#)
    }

    func testCatalogSchema() throws {
        let url = Self.repo.appendingPathComponent("Schemas/genui.schema.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        // The dashboard catalog is large: the walk finishes rarely, so allow a long budget.
        let schema = try JSONParser.parse(text)
        let (finished, failures) = try walk(schema: schema, walks: 12, budget: 6000, seed: 7)
        XCTAssertEqual(failures, [])
        print("catalog random walks finished: \(finished)/12")
    }

    func testMaskBenchSample() throws {
        // GENUI_MASKBENCH first, then the shared checkout beside the repository or a worktree.
        guard let dir = AutomataTestSupport.maskbenchDirectory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw XCTSkip("MaskBench corpus not found (set GENUI_MASKBENCH)")
        }
        let sample = names.filter { $0.hasSuffix(".json") }.sorted().enumerated().filter { $0.offset % 97 == 0 }.map(\.element)
        var judged = 0, finishedTotal = 0
        for name in sample {
            let doc = try JSONParser.parse(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent(name))))
            guard let schema = doc["schema"], (try? SchemaCompiler().compile(schema)) != nil else { continue }
            let (finished, failures) = try walk(schema: schema, walks: 8, budget: 1500, seed: UInt64(name.utf8.count))
            judged += 1
            finishedTotal += finished
            XCTAssertEqual(failures, [], name)
        }
        XCTAssertGreaterThan(judged, 50)
        XCTAssertGreaterThan(finishedTotal, judged)
    }
}
