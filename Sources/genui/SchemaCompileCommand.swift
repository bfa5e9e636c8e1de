import ArgumentParser
import Dispatch
import Foundation
import JSONSchema
import StructuredOutput

#if canImport(Glibc)
import Glibc
#endif

/// `genui schema compile SCHEMA.json --tokenizer FILE [--json] [--lenient] [--repeat N]`: compiles a
/// schema for a vocabulary and reports how long it took, how big the grammar is and what it costs in memory.
struct SchemaCompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a JSON Schema to a token-mask grammar for a vocabulary; print time, size and memory.",
        discussion: """
        Times the three steps of time to first mask (TTFM): schema → grammar, grammar × vocabulary tables,
        first token mask. Loading the tokenizer is timed separately and not part of TTFM. Grammar size is
        rules, automaton states and edges; memory is the compiled grammar's estimated bytes (tables and the
        mask entries computed so far) and the process's resident-set growth across the compilation.
        With --repeat N the schema is compiled N times in the same process: the first compile is cold, the
        others find the vocabulary-wide mask caches warm, as in a server (their median is reported too).

        A schema the compiler rejects prints `POINTER: message` on stderr and exits 1 (with --json, also
        one object {"error", "pointer"} on stdout). A schema or tokenizer file that cannot be read, or a
        schema that is not well-formed JSON, exits 2.
        """
    )

    @Argument(help: "The schema (a JSON file).")
    var schema: String

    @Option(help: "Tokenizer: a tokenizer.json, a tiktoken file or a GGUF.")
    var tokenizer: String

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    @Flag(help: "Allow unsupported keywords as warnings (lenient compile).")
    var lenient = false

    @Option(help: "Compile this many times in one process (the first is cold, the rest warm).")
    var `repeat` = 1

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    /// Times and sizes of one compilation.
    struct Measurement {
        var compileMs = 0.0, prepareMs = 0.0, firstMaskMs = 0.0
        var ttfmMs: Double { compileMs + prepareMs + firstMaskMs }
        var stats: CompiledSchema.Stats
        var warnings: [SchemaError]
        var footprint: GrammarFootprint
        var rssDelta: Int
    }

    func run() throws {
        let document = try parseSchema()
        let tok = try CommandTokenizer.load(tokenizer)
        var runs: [Measurement] = []
        for _ in 0..<`repeat` {
            do {
                runs.append(try measure(document, tok))
            } catch let e as SchemaError {
                printError(e.description)
                if json {
                    print(JSONWriter().string(.object(JSONObject([
                        ("error", .string(e.message)), ("pointer", .string(e.pointer.description)),
                    ]))))
                }
                throw Exit.invalid
            } catch {
                printError("error: \(error)")
                if json { print(JSONWriter().string(.object(JSONObject([("error", .string("\(error)"))])))) }
                throw Exit.invalid
            }
        }
        report(runs, tok)
    }

    /// The schema document, or exit 2 (unreadable, or not well-formed JSON with its line and column).
    func parseSchema() throws -> JSONValue {
        let bytes = try readFile(schema)
        do {
            return try JSONParser.parse(bytes: bytes)
        } catch let e as JSONParseError {
            printError("error: \(schema): line \(e.line), column \(e.column): \(e.message)")
            throw Exit.io
        }
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func ms(since t: UInt64) -> Double { Double(now() - t) / 1e6 }

    func measure(_ document: JSONValue, _ tok: CommandTokenizer) throws -> Measurement {
        let rssBefore = Self.residentBytes()
        var t = Self.now()
        let compiled = try SchemaCompiler(options: CompileOptions(lenient: lenient)).compile(document)
        let compileMs = Self.ms(since: t)
        t = Self.now()
        let grammar = try CompiledGrammar(grammar: compiled.grammar, tokenizer: tok.index)
        let prepareMs = Self.ms(since: t)
        t = Self.now()
        var mask = [UInt32](repeating: 0, count: tok.index.maskWordCount)
        GrammarMatcher(grammar).fillNextTokenBitmask(&mask)
        let firstMaskMs = Self.ms(since: t)
        return Measurement(
            compileMs: compileMs, prepareMs: prepareMs, firstMaskMs: firstMaskMs, stats: compiled.stats,
            warnings: compiled.warnings, footprint: grammar.footprint, rssDelta: Self.residentBytes() - rssBefore)
    }

    /// Resident-set size of this process (Linux `/proc/self/statm`), 0 where unavailable.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func report(_ runs: [Measurement], _ tok: CommandTokenizer) {
        let first = runs[0]
        let warm = runs.dropFirst()
        func median(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.sorted()[values.count / 2] }
        let warmTTFM = median(warm.map(\.ttfmMs)), warmCompile = median(warm.map(\.compileMs))
        let fp = first.footprint
        let vocab = tok.index
        if json {
            func r3(_ v: Double) -> JSONValue { .double((v * 1000).rounded() / 1000) }
            var fields: [(String, JSONValue)] = [
                ("schema", .string(schema)), ("tokenizer", .string(tokenizer)), ("vocabulary", .string(vocab.name)),
                ("vocab_size", .int(vocab.vocabularySize)), ("logits_size", .int(vocab.logitsSize)),
                ("tokenizer_load_ms", r3(tok.loadMs)),
                ("compile_ms", r3(first.compileMs)), ("prepare_ms", r3(first.prepareMs)),
                ("first_mask_ms", r3(first.firstMaskMs)), ("ttfm_ms", r3(first.ttfmMs)),
                ("rules", .int(fp.rules)), ("repetitions", .int(fp.repetitions)), ("states", .int(fp.states)),
                ("byte_edges", .int(fp.byteEdges)), ("call_edges", .int(fp.callEdges)),
                ("subschemas", .int(first.stats.subschemasVisited)), ("mask_entries", .int(fp.maskEntries)),
                ("table_bytes", .int(fp.tableBytes)), ("mask_entry_bytes", .int(fp.maskEntryBytes)),
                ("estimated_bytes", .int(fp.estimatedBytes)), ("rss_delta_bytes", .int(first.rssDelta)),
                ("warnings", .array(first.warnings.map {
                    .object(JSONObject([("pointer", .string($0.pointer.description)), ("message", .string($0.message))]))
                })),
            ]
            if !warm.isEmpty {
                fields += [("repeat", .int(runs.count)), ("compile_ms_warm_p50", r3(warmCompile)), ("ttfm_ms_warm_p50", r3(warmTTFM))]
            }
            print(JSONWriter().string(.object(JSONObject(fields))))
            return
        }
        func f(_ v: Double) -> String { String(format: "%.3f ms", v) }
        var lines = [
            ("schema", schema),
            ("tokenizer", "\(vocab.name): \(vocab.vocabularySize) tokens, logits \(vocab.logitsSize) (loaded in \(f(tok.loadMs)), not counted below)"),
            ("compile", f(first.compileMs) + "  schema → grammar"),
            ("prepare", f(first.prepareMs) + "  grammar × vocabulary tables"),
            ("first mask", f(first.firstMaskMs)),
            ("ttfm", f(first.ttfmMs) + "  time to first mask"),
        ]
        if !warm.isEmpty {
            lines.append(("warm", "ttfm \(f(warmTTFM)), compile \(f(warmCompile))  (median of \(warm.count) repeats)"))
        }
        lines += [
            ("grammar", "\(fp.rules) rules (\(fp.repetitions) repetitions), \(fp.states) states, \(fp.byteEdges) byte edges, "
                + "\(fp.callEdges) call edges; \(first.stats.subschemasVisited) subschemas visited"),
            ("memory", "~\(Self.bytes(fp.estimatedBytes)) estimated (tables \(Self.bytes(fp.tableBytes)), "
                + "mask entries \(Self.bytes(fp.maskEntryBytes)) for \(fp.maskEntries) positions); resident set +\(Self.bytes(first.rssDelta))"),
        ]
        for (k, v) in lines { print(k.padding(toLength: 11, withPad: " ", startingAt: 0) + v) }
        for w in first.warnings { printError("warning: \(w.description)") }
    }

    /// `1234` → `1.2 KB` (decimal units).
    static func bytes(_ n: Int) -> String {
        let v = Double(n)
        if abs(v) >= 1e6 { return String(format: "%.1f MB", v / 1e6) }
        if abs(v) >= 1e3 { return String(format: "%.1f KB", v / 1e3) }
        return "\(n) B"
    }
}
