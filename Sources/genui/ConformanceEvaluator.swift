import Dispatch
import Foundation
import JSONSchema
import StructuredOutput
import Tokenizers

/// Runs one MaskBench-format file through the whole core: compile (time to first mask), then every
/// test instance serialized in schema key order, BPE-encoded and fed token by token, timing each mask.
struct ConformanceEvaluator {
    let tokenizer: TokenizerIndex
    let encoder: BPETokenizer
    let options: CompileOptions
    /// Where token sequences go for the peer engines (`--dump-tokens`), if anywhere.
    var dump: FileHandle?

    struct Outcome {
        var file: String
        var compileError: String?
        var ttfmMs: Double = 0
        /// Per test: (expected valid, accepted by the matcher).
        var tests: [(valid: Bool, accepted: Bool)] = []
        var tbmUs: [Float] = []

        var json: JSONValue {
            var o = JSONObject()
            o["file"] = .string(file)
            if let compileError { o["compile_error"] = .string(compileError) }
            o["ttfm_ms"] = .double(ttfmMs)
            o["tests"] = .array(tests.map { .array([.bool($0.valid), .bool($0.accepted)]) })
            o["tbm_us"] = .array(tbmUs.map { .double((Double($0) * 100).rounded() / 100) })
            return .object(o)
        }
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    func evaluate(path: String) -> Outcome {
        let name = (path as NSString).lastPathComponent
        var out = Outcome(file: name)
        guard let data = FileManager.default.contents(atPath: path),
              let doc = try? JSONParser.parse(bytes: [UInt8](data)),
              let schema = doc["schema"], case .array(let tests) = doc["tests"] ?? .null else {
            out.compileError = "unreadable test file"
            return out
        }
        var mask = [UInt32](repeating: 0, count: tokenizer.maskWordCount)
        let t0 = Self.now()
        let compiled: CompiledGrammar
        var matcher: GrammarMatcher
        do {
            let schemaGrammar = try SchemaCompiler(options: options).compile(schema)
            compiled = try CompiledGrammar(grammar: schemaGrammar.grammar, tokenizer: tokenizer)
            matcher = GrammarMatcher(compiled)
            matcher.fillNextTokenBitmask(&mask)
        } catch {
            out.compileError = "\(error)"
            // The peers still get this schema's tests: a schema we cannot compile is one they may.
            _ = encodeTests(tests, schema: schema, file: name)
            return out
        }
        out.ttfmMs = Double(Self.now() - t0) / 1e6
        let eos = tokenizer.eosTokenIDs
        for (valid, tokens) in encodeTests(tests, schema: schema, file: name) {
            guard let tokens else {
                out.tests.append((valid, false))
                continue
            }
            matcher.reset()
            var accepted = true
            for token in tokens {
                let t = Self.now()
                matcher.fillNextTokenBitmask(&mask)
                out.tbmUs.append(Float(Double(Self.now() - t) / 1e3))
                let allowed = Int(token) < tokenizer.logitsSize && mask[Int(token) >> 5] & (1 << (UInt32(token) & 31)) != 0
                if !allowed || !matcher.acceptToken(token) {
                    accepted = false
                    break
                }
            }
            if accepted {
                // The document must be complete: the final mask has to allow end-of-sequence.
                let t = Self.now()
                matcher.fillNextTokenBitmask(&mask)
                out.tbmUs.append(Float(Double(Self.now() - t) / 1e3))
                accepted = eos.contains { mask[Int($0) >> 5] & (1 << (UInt32($0) & 31)) != 0 }
            }
            out.tests.append((valid, accepted))
        }
        return out
    }

    /// Each test's expected validity and token ids (nil when the text cannot be encoded): the instance
    /// serialized compactly in schema key order, then encoded. Appended to the token dump, if any.
    func encodeTests(_ tests: [JSONValue], schema: JSONValue, file: String) -> [(valid: Bool, tokens: [Int32]?)] {
        let serializer = try? InstanceSerializer(schema: schema)
        var encoded: [(valid: Bool, tokens: [Int32]?)] = []
        for (i, test) in tests.enumerated() {
            guard let valid = test["valid"]?.boolValue, let data = test["data"] else { continue }
            let text = serializer.map { $0.string(data) } ?? JSONWriter().string(data)
            let tokens = try? encoder.encode(text)
            if let dump, let tokens {
                let line = JSONWriter().string(.object(JSONObject([
                    ("file", .string(file)), ("test", .int(i)), ("valid", .bool(valid)), ("tokens", .array(tokens.map { .int(Int($0)) })),
                ])))
                dump.write(Data((line + "\n").utf8))
            }
            encoded.append((valid, tokens))
        }
        return encoded
    }
}
