import Foundation
import JSONSchema
import XCTest
@testable import StructuredOutput

/// Compiles MaskBench schemas and checks their test instances (serialized in schema order) against
/// the grammar with the `ReferenceRecognizer`: valid instances must be accepted, invalid ones rejected.
///
/// The debug run uses a deterministic subset; `GENUI_MASKBENCH_FULL=1` runs the whole corpus (use a
/// release build) and prints the figures. Skipped when the corpus is absent.
final class CompilerConformanceTests: XCTestCase {
    struct Tally {
        var files = 0, compiled = 0, instances = 0, validRejected = 0, invalidAccepted = 0, validAccepted = 0, invalidRejected = 0
        var compileErrors: [String: Int] = [:]
        var invalidAcceptedFiles: [String] = []
        var validRejectedFiles: [String] = []
        var rules = 0, states = 0
        var slowFiles: [String] = []
    }

    static func corpusDirectory() -> URL? {
        if let env = ProcessInfo.processInfo.environment["GENUI_MASKBENCH"] { return URL(fileURLWithPath: env) }
        // `<repo>/../shared/maskbench/data`, also looking one or two levels further up (worktrees).
        var base = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for _ in 0..<3 {
            base = base.deletingLastPathComponent()
            let dir = base.appendingPathComponent("shared/maskbench/data")
            if FileManager.default.fileExists(atPath: dir.path) { return dir }
        }
        return nil
    }

    /// A short category for a compile error: the keyword it names, else the last pointer token.
    static func category(_ error: SchemaError) -> String {
        let m = error.message
        if m.hasPrefix("keyword \""), let end = m.dropFirst(9).firstIndex(of: "\"") { return String(m[m.index(m.startIndex, offsetBy: 9)..<end]) }
        if m.hasPrefix("format \"") { return "format:" + (m.split(separator: "\"").dropFirst().first.map(String.init) ?? "?") }
        if m.contains("oneOf branches") { return "oneOf (not disjoint)" }
        if m.contains("cannot be compiled") || m.contains("within limits") { return "automata: " + (error.pointer.tokens.last ?? "") + ": " + String(m.prefix(80)) }
        return String(m.prefix(70))
    }

    func run(files: [URL]) throws -> Tally {
        var t = Tally()
        for url in files {
            t.files += 1
            let started = Date()
            defer {
                let seconds = Date().timeIntervalSince(started)
                if seconds > 2 { t.slowFiles.append("\(url.lastPathComponent) \(Int(seconds))s") }
            }
            guard let data = try? Data(contentsOf: url), let doc = try? JSONParser.parse(bytes: data),
                  let schema = doc["schema"], let tests = doc["tests"]?.arrayValue else { continue }
            let compiled: CompiledSchema
            do {
                compiled = try SchemaCompiler().compile(schema)
            } catch let error as SchemaError {
                t.compileErrors[Self.category(error), default: 0] += 1
                continue
            }
            t.compiled += 1
            t.rules += compiled.stats.rules
            t.states += compiled.stats.automatonStates
            guard let serializer = try? InstanceSerializer(schema: schema) else { continue }
            for test in tests {
                guard let valid = test["valid"]?.boolValue, let instance = test["data"] else { continue }
                t.instances += 1
                let accepted = ReferenceRecognizer.accepts(grammar: compiled.grammar, bytes: serializer.serialize(instance))
                switch (valid, accepted) {
                case (true, true): t.validAccepted += 1
                case (true, false): t.validRejected += 1; t.validRejectedFiles.append(url.lastPathComponent)
                case (false, true): t.invalidAccepted += 1; t.invalidAcceptedFiles.append(url.lastPathComponent)
                case (false, false): t.invalidRejected += 1
                }
            }
        }
        return t
    }

    func report(_ t: Tally) -> String {
        var s = "files \(t.files) compiled \(t.compiled) instances \(t.instances) valid_accepted \(t.validAccepted) valid_rejected \(t.validRejected) invalid_rejected \(t.invalidRejected) invalid_accepted \(t.invalidAccepted) rules \(t.rules) states \(t.states)\n"
        s += "compile errors (\(t.compileErrors.values.reduce(0, +))):\n"
        for (k, v) in t.compileErrors.sorted(by: { $0.value > $1.value }) { s += "  \(v)\t\(k)\n" }
        s += "invalid_accepted files: \(Array(Set(t.invalidAcceptedFiles)).sorted().prefix(60))\n"
        s += "slow files (>2 s compile+check): \(t.slowFiles)\n"
        s += "valid_rejected files: \(Array(Set(t.validRejectedFiles)).sorted().prefix(60))\n"
        return s
    }

    func testMaskBenchConformance() throws {
        guard let dir = Self.corpusDirectory() else { throw XCTSkip("MaskBench corpus not found (set GENUI_MASKBENCH)") }
        var files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let full = ProcessInfo.processInfo.environment["GENUI_MASKBENCH_FULL"] == "1"
        if !full { files = files.enumerated().filter { $0.offset % 80 == 0 }.map(\.element) }
        let t = try run(files: files)
        print(report(t))
        if let out = ProcessInfo.processInfo.environment["GENUI_MASKBENCH_REPORT"] {
            try report(t).write(toFile: out, atomically: true, encoding: .utf8)
        }
        XCTAssertGreaterThan(t.compiled, 0)
        XCTAssertEqual(t.invalidAccepted, 0, "invalid instances accepted: \(t.invalidAcceptedFiles.prefix(10))")
    }
}
