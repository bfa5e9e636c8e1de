import ArgumentParser
import Foundation
import JSONSchema
import StructuredOutput
import Tokenizers

#if canImport(Glibc)
import Glibc
#endif

struct ConformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run the structured-output core over a MaskBench-format directory of schemas and instances.",
        discussion: """
        For each file {"schema", "tests": [{"valid", "data"}]} (sorted by name): compile the schema and fill
        the first mask (TTFM); then serialize each instance compactly in schema key order, encode it with
        the tokenizer and feed it token by token, timing every mask (TBM). A valid instance must be allowed
        token by token and end with end-of-sequence allowed; an invalid one must be refused at some token
        or end incomplete. A schema passes when it compiles and all its tests pass.

        Schemas run in a worker process: one that crashes is counted under `crash` and one that takes
        longer than --timeout-ms under `timeout`, and the run goes on with the next schema.
        With --json the last line is one JSON object: schemas, passing, compile_error, valid_rejected,
        invalid_accepted, crash, timeout, ttfm_ms_p50/p90/p99/max, masks, tbm_us_mean/p50/p90/p99/max.
        """
    )

    @Argument(help: "Directory of MaskBench-format JSON files.")
    var directory: String

    @Option(help: "Tokenizer: a tokenizer.json, a tiktoken file or a GGUF.")
    var tokenizer: String

    @Flag(help: "Print one JSON summary object as the last line.")
    var json = false

    @Option(help: "Per-schema time limit in milliseconds (compile and all its tests).")
    var timeoutMs = 20_000

    @Option(help: "Only the first N files (after sorting).")
    var limit: Int?

    @Option(help: "Only files whose name starts with this prefix.")
    var prefix: String?

    @Option(help: "Append each test's token ids as JSONL here (input for Benchmarks/peers).")
    var dumpTokens: String?

    @Flag(help: "Allow unsupported keywords as warnings (lenient compile).")
    var lenient = false

    @Flag(help: "List each failing schema on stderr.")
    var verbose = false

    @Option(help: .hidden)
    var workerFrom: Int?

    func files() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            printError("error: cannot read directory \(directory)")
            throw Exit.io
        }
        var list = names.filter { $0.hasSuffix(".json") }.sorted()
        if let prefix { list = list.filter { $0.hasPrefix(prefix) } }
        if let limit { list = Array(list.prefix(limit)) }
        return list
    }

    func run() throws {
        let list = try files()
        if let start = workerFrom { return try runWorker(files: list, from: start) }
        try runParent(files: list)
    }

    // MARK: worker

    func runWorker(files: [String], from start: Int) throws {
        let tok = try CommandTokenizer.load(tokenizer)
        var dump: FileHandle?
        if let dumpTokens {
            // The parent truncated the file; a worker started by hand creates it.
            guard FileManager.default.fileExists(atPath: dumpTokens) || FileManager.default.createFile(atPath: dumpTokens, contents: nil),
                  let handle = FileHandle(forWritingAtPath: dumpTokens) else {
                printError("error: cannot write the token dump \(dumpTokens)")
                throw Exit.io
            }
            handle.seekToEndOfFile()
            dump = handle
        }
        let evaluator = ConformanceEvaluator(
            tokenizer: tok.index, encoder: try tok.loaded.makeBPETokenizer(),
            options: CompileOptions(lenient: lenient), dump: dump)
        // FileHandle writes are unbuffered, so the parent sees each line as soon as it is written.
        writeStdout("READY\n")
        for i in start..<files.count {
            let outcome = evaluator.evaluate(path: (directory as NSString).appendingPathComponent(files[i]))
            writeStdout("R " + JSONWriter().string(outcome.json) + "\n")
        }
    }

    // MARK: parent

    struct Totals {
        var schemas = 0, passing = 0, compileError = 0, validRejected = 0, invalidAccepted = 0, crash = 0, timeout = 0
        var ttfm: [Double] = []
        var tbm: [Float] = []
        var compileErrors: [String: Int] = [:]
    }

    func runParent(files: [String]) throws {
        guard !files.isEmpty else {
            printError("error: no *.json files in \(directory)")
            throw Exit.invalid
        }
        if let dumpTokens, !FileManager.default.createFile(atPath: dumpTokens, contents: nil) {
            printError("error: cannot create the token dump \(dumpTokens)")
            throw Exit.io
        }
        var totals = Totals()
        var next = 0
        while next < files.count {
            let worker = try Worker(arguments: workerArguments(from: next))
            // The first wait also covers loading the tokenizer.
            var deadline = Double(timeoutMs) / 1000 + 120
            guard worker.readLine(timeout: deadline) == "READY" else {
                worker.kill()
                printError("error: the conformance worker did not start (tokenizer \(tokenizer))")
                throw Exit.invalid
            }
            deadline = Double(timeoutMs) / 1000
            while next < files.count {
                guard let line = worker.readLine(timeout: deadline) else {
                    let crashed = worker.hasExited
                    worker.kill()
                    totals.schemas += 1
                    if crashed { totals.crash += 1 } else { totals.timeout += 1 }
                    if verbose { printError("\(files[next]): \(crashed ? "crash" : "timeout")") }
                    next += 1
                    break
                }
                guard line.hasPrefix("R "), let result = try? JSONParser.parse(String(line.dropFirst(2))) else { continue }
                record(result, into: &totals)
                next += 1
            }
            worker.kill()
        }
        report(totals)
    }

    func workerArguments(from start: Int) -> [String] {
        var args = ["conformance", directory, "--tokenizer", tokenizer, "--worker-from", String(start), "--timeout-ms", String(timeoutMs)]
        if let limit { args += ["--limit", String(limit)] }
        if let prefix { args += ["--prefix", prefix] }
        if let dumpTokens { args += ["--dump-tokens", dumpTokens] }
        if lenient { args.append("--lenient") }
        return args
    }

    func record(_ r: JSONValue, into t: inout Totals) {
        t.schemas += 1
        let file = r["file"]?.stringValue ?? "?"
        if let err = r["compile_error"]?.stringValue {
            t.compileError += 1
            t.compileErrors[Self.errorCategory(err), default: 0] += 1
            if verbose { printError("\(file): compile error: \(err)") }
            return
        }
        t.ttfm.append(r["ttfm_ms"]?.doubleValue ?? 0)
        for v in r["tbm_us"]?.arrayValue ?? [] { t.tbm.append(Float(v.doubleValue ?? 0)) }
        var ok = true
        for case .array(let pair) in r["tests"]?.arrayValue ?? [] where pair.count == 2 {
            let valid = pair[0].boolValue ?? false, accepted = pair[1].boolValue ?? false
            if valid && !accepted { t.validRejected += 1; ok = false; if verbose { printError("\(file): valid instance rejected") } }
            if !valid && accepted { t.invalidAccepted += 1; ok = false; if verbose { printError("\(file): invalid instance accepted") } }
        }
        if ok { t.passing += 1 }
    }

    /// Groups compile errors by their message with pointers and quoted values removed.
    static func errorCategory(_ message: String) -> String {
        var m = message
        if let colon = m.range(of: ": "), m.hasPrefix("/") || m.hasPrefix("#") { m = String(m[colon.upperBound...]) }
        return String(m.prefix(80))
    }

    func report(_ t: Totals) {
        let tbm = t.tbm.sorted()
        let ttfm = t.ttfm.sorted()
        func pct<T: BinaryFloatingPoint>(_ s: [T], _ q: Double) -> Double {
            guard !s.isEmpty else { return 0 }
            return Double(s[min(s.count - 1, Int((q / 100 * Double(s.count - 1)).rounded()))])
        }
        let mean = tbm.isEmpty ? 0 : Double(tbm.reduce(0, +)) / Double(tbm.count)
        let fields: [(String, JSONValue)] = [
            ("schemas", .int(t.schemas)), ("passing", .int(t.passing)), ("compile_error", .int(t.compileError)),
            ("valid_rejected", .int(t.validRejected)), ("invalid_accepted", .int(t.invalidAccepted)),
            ("crash", .int(t.crash)), ("timeout", .int(t.timeout)),
            ("ttfm_ms_p50", round3(pct(ttfm, 50))), ("ttfm_ms_p90", round3(pct(ttfm, 90))),
            ("ttfm_ms_p99", round3(pct(ttfm, 99))), ("ttfm_ms_max", round3(ttfm.last ?? 0)),
            ("masks", .int(tbm.count)), ("tbm_us_mean", round3(mean)), ("tbm_us_p50", round3(pct(tbm, 50))),
            ("tbm_us_p90", round3(pct(tbm, 90))), ("tbm_us_p99", round3(pct(tbm, 99))), ("tbm_us_max", round3(Double(tbm.last ?? 0))),
        ]
        if !json || verbose {
            for (k, v) in fields { printError("\(k.padding(toLength: 18, withPad: " ", startingAt: 0)) \(v)") }
            if !t.compileErrors.isEmpty {
                printError("compile errors by kind:")
                for (k, n) in t.compileErrors.sorted(by: { $0.value > $1.value }).prefix(25) { printError(String(format: "%6d  ", n) + k) }
            }
        }
        if json { print(JSONWriter().string(.object(JSONObject(fields)))) }
    }

    func round3(_ v: Double) -> JSONValue { .double((v * 1000).rounded() / 1000) }
}

/// A `genui conformance` worker process whose stdout is read line by line with a deadline.
final class Worker {
    private let process = Process()
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        fd = pipe.fileHandleForReading.fileDescriptor
        pipeHandle = pipe.fileHandleForReading
    }

    private let pipeHandle: FileHandle

    var hasExited: Bool { !process.isRunning }

    /// The next line, or nil when the deadline passes or the worker exits first.
    func readLine(timeout seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return nil }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let r = poll(&pfd, 1, Int32(min(left, 1.0) * 1000))
            if r < 0 { return nil }
            if r == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    func kill() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? pipeHandle.close()
    }
}
