import XCTest
import Foundation
@testable import StructuredOutput
import Tokenizers
import JSONSchema

/// MaskBench-style figures on real schemas and a real 128K vocabulary (Llama 3): for each schema,
/// TTFM = compile the grammar for the vocabulary + first mask (the process-wide caches stay warm, as in
/// a server), TBM = mask + accept per token of each valid instance (serialized in schema order, BPE
/// tokenized). Printed, never asserted, except that every token of an instance the grammar accepts
/// (per the compiler's `ReferenceRecognizer`) must be allowed.
/// Run: `GENUI_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter EngineMaskBenchTests`
/// (`GENUI_BENCH_FILES=n` picks every k-th file so that about n are used; default 600).
final class EngineMaskBenchTests: XCTestCase {
    static func vocabularyPath() -> String? {
        let cache = ProcessInfo.processInfo.environment["GENUI_CACHE"] ?? (NSHomeDirectory() + "/.cache/genui")
        let path = cache + "/vocab/llama3.tokenizer.json"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    func testMaskBenchFigures() throws {
        let env = ProcessInfo.processInfo.environment
        guard env["GENUI_BENCH"] != nil else { throw XCTSkip("set GENUI_BENCH=1 (release build) to run") }
        guard let dir = EngineBenchmarkTests.corpusDirectory() else { throw XCTSkip("MaskBench corpus not found") }
        guard let vocabPath = Self.vocabularyPath() else { throw XCTSkip("llama3.tokenizer.json not in the cache") }
        var t0 = EngineBenchmarkTests.now()
        let loaded = try TokenizerLoader.load(path: vocabPath)
        let bpe = try loaded.makeBPETokenizer()
        let index = TokenizerIndex.shared(for: loaded.vocabulary)
        print(String(format: "vocab %@: %d tokens, logits %d, trie %d nodes; load + index %.0f ms", loaded.vocabulary.name,
                     loaded.vocabulary.count, loaded.vocabulary.logitsSize, index.trieNodeCount, Double(EngineBenchmarkTests.now() - t0) / 1e6))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        let wanted = Int(env["GENUI_BENCH_FILES"] ?? "") ?? 600
        let stride = max(1, files.count / wanted)
        var ttfm: [Double] = [], tbm: [Double] = [], maskOnly: [Double] = []
        var compiledCount = 0, compileErrors = 0, engineErrors = 0, instances = 0, rejected = 0, grammarRejects = 0, forcedTotal = 0
        var slowest: [(Double, String)] = []
        let cpuStart = cpuNanos(), wallStart = EngineBenchmarkTests.now()
        var mask = [UInt32](repeating: 0, count: index.maskWordCount)
        let only = env["GENUI_BENCH_ONLY"]
        for (i, name) in files.enumerated() where only.map({ name.hasPrefix($0) }) ?? (i % stride == 0) {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                  let file = try? JSONParser.parse(bytes: [UInt8](data)),
                  let schema = file.objectValue?["schema"], let tests = file.objectValue?["tests"]?.arrayValue else { continue }
            guard let compiledSchema = try? SchemaCompiler().compile(schema),
                  let serializer = try? InstanceSerializer(schema: schema) else { compileErrors += 1; continue }
            t0 = EngineBenchmarkTests.now()
            let grammar: CompiledGrammar
            do { grammar = try CompiledGrammar(grammar: compiledSchema.grammar, tokenizer: index) } catch {
                engineErrors += 1
                print("engine rejected grammar of \(name): \(error)")
                continue
            }
            var first = GrammarMatcher(grammar)
            first.fillNextTokenBitmask(&mask)
            let firstTime = Double(EngineBenchmarkTests.now() - t0) / 1e3
            ttfm.append(firstTime)
            forcedTotal += first.forcedBytes().count
            first.reset()
            compiledCount += 1
            for test in tests where test.objectValue?["valid"]?.boolValue == true {
                guard let instance = test.objectValue?["data"] else { continue }
                let bytes = serializer.serialize(instance)
                let text = String(decoding: bytes, as: UTF8.self)
                guard let ids = try? bpe.encode(text) else { continue }
                instances += 1
                var m = GrammarMatcher(grammar)
                var docMax = 0.0
                for id in ids {
                    let a = EngineBenchmarkTests.now()
                    m.fillNextTokenBitmask(&mask)
                    let b = EngineBenchmarkTests.now()
                    let allowed = mask[Int(id) >> 5] & (1 << UInt32(id & 31)) != 0
                    guard allowed, m.acceptToken(id) else {
                        // The compiler's own recognizer decides whose disagreement it is.
                        if !ReferenceRecognizer.accepts(grammar: compiledSchema.grammar, bytes: bytes) { grammarRejects += 1; break }
                        rejected += 1
                        if rejected <= 5 { print("valid instance of \(name) rejected at token \(id) (\(String(decoding: loaded.vocabulary.tokens[Int(id)], as: UTF8.self).debugDescription)), mask said \(allowed)") }
                        break
                    }
                    let c = EngineBenchmarkTests.now()
                    maskOnly.append(Double(b - a) / 1e3)
                    tbm.append(Double(c - a) / 1e3)
                    docMax = max(docMax, Double(c - a) / 1e3)
                }
                slowest.append((docMax, name))
            }
        }
        let cpu = Double(cpuNanos() - cpuStart) / 1e9, wall = Double(EngineBenchmarkTests.now() - wallStart) / 1e9
        func report(_ label: String, _ xs: [Double]) {
            let mean = xs.reduce(0, +) / Double(max(xs.count, 1))
            print(String(format: "%@: n=%d p50 %.1f µs, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f, mean %.1f", label, xs.count,
                         EngineBenchmarkTests.percentile(xs, 0.5), EngineBenchmarkTests.percentile(xs, 0.9), EngineBenchmarkTests.percentile(xs, 0.99),
                         EngineBenchmarkTests.percentile(xs, 0.999), xs.max() ?? 0, mean))
        }
        print("schemas compiled \(compiledCount) (compile errors \(compileErrors), engine errors \(engineErrors)), valid instances \(instances), rejected by the engine only \(rejected), by the grammar itself (ReferenceRecognizer agrees) \(grammarRejects), forced bytes at start \(forcedTotal)")
        report("TTFM (grammar for vocab + first mask)", ttfm)
        report("mask", maskOnly)
        report("TBM (mask + accept)", tbm)
        print(String(format: "cpu %.1f s / wall %.1f s (machine contention: wall > cpu means we were descheduled)", cpu, wall))
        print("slowest documents (max step µs): " + slowest.sorted { $0.0 > $1.0 }.prefix(5).map { String(format: "%@ %.0f", $0.1, $0.0) }.joined(separator: ", "))
        XCTAssertEqual(rejected, 0, "the engine rejected an instance its grammar accepts")
    }

    private func cpuNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
