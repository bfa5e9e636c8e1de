import Foundation
import JSONSchema
import XCTest
@testable import genui

/// `genui schema compile` and `genui conformance` as scripts call them. They run against the tiny
/// byte-level tokenizer committed in `Tests/Fixtures/tokenizers` (256 bytes, a few JSON-shaped merges,
/// `<|endoftext|>`), so they need no downloaded asset; one test also uses the Llama 3 128K vocabulary
/// from the cache when it is there.
final class SchemaCompileCommandTests: XCTestCase {
    static let tinyTokenizer = GenUIBinary.repo.appendingPathComponent("Tests/Fixtures/tokenizers/tiny.tokenizer.json").path
    static let catalog = GenUIBinary.repo.appendingPathComponent("Schemas/genui.schema.json").path

    static let reportKeys = [
        "schema", "tokenizer", "vocabulary", "vocab_size", "logits_size", "tokenizer_load_ms", "compile_ms", "prepare_ms",
        "first_mask_ms", "ttfm_ms", "rules", "repetitions", "states", "byte_edges", "call_edges", "subschemas",
        "mask_entries", "table_bytes", "mask_entry_bytes", "estimated_bytes", "rss_delta_bytes", "warnings",
    ]

    func write(_ files: [String: String], label: String) throws -> URL {
        let dir = try GenUIBinary.temporaryDirectory(label)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    func number(_ report: JSONValue, _ key: String) -> Double { report[key]?.doubleValue ?? -1 }

    func testCatalogCompilesAndReportsTimeSizeAndMemory() throws {
        let genui = try GenUIBinary(for: self)
        let r = try genui.run(["schema", "compile", Self.catalog, "--tokenizer", Self.tinyTokenizer, "--json", "--repeat", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try JSONParser.parse(r.stdout)
        XCTAssertEqual(report.objectValue.map { Array($0.keys) }.map { Array($0.prefix(Self.reportKeys.count)) }, Self.reportKeys)
        XCTAssertEqual(report["vocab_size"], .int(276))
        XCTAssertEqual(report["warnings"], .array([]))
        for key in ["rules", "states", "byte_edges", "call_edges", "mask_entries", "table_bytes", "estimated_bytes"] {
            XCTAssertGreaterThan(number(report, key), 0, key)
        }
        XCTAssertGreaterThan(number(report, "repetitions"), 0, "maxItems/maxLength are counted repetitions")
        XCTAssertEqual(number(report, "estimated_bytes"), number(report, "table_bytes") + number(report, "mask_entry_bytes"))
        let steps = number(report, "compile_ms") + number(report, "prepare_ms") + number(report, "first_mask_ms")
        XCTAssertEqual(number(report, "ttfm_ms"), steps, accuracy: 0.01)
        XCTAssertGreaterThan(number(report, "ttfm_ms_warm_p50"), 0)
        XCTAssertEqual(report["repeat"], .int(2))

        let text = try genui.run(["schema", "compile", Self.catalog, "--tokenizer", Self.tinyTokenizer])
        XCTAssertEqual(text.status, 0, text.stderr)
        let labels = text.stdout.split(separator: "\n").map { String($0.prefix(11)).trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(labels, ["schema", "tokenizer", "compile", "prepare", "first mask", "ttfm", "grammar", "memory"], text.stdout)
    }

    /// An unsupported keyword is a compile error at its pointer (exit 1); `--lenient` makes it a warning.
    func testCompileErrorNamesItsPointer() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try write(["s.json": #"{"type":"object","properties":{"tags":{"type":"array","contains":{"type":"string"}}}}"#], label: "compile-error")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.json").path
        let message = "keyword \"contains\" is not supported by the grammar compiler"

        let strict = try genui.run(["schema", "compile", path, "--tokenizer", Self.tinyTokenizer])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.stdout, "")
        XCTAssertEqual(strict.stderr, "/properties/tags/contains: \(message)\n")

        let json = try genui.run(["schema", "compile", path, "--tokenizer", Self.tinyTokenizer, "--json"])
        XCTAssertEqual(json.status, 1)
        XCTAssertEqual(try JSONParser.parse(json.stdout), .object(JSONObject([
            ("error", .string(message)), ("pointer", .string("/properties/tags/contains")),
        ])))

        let lenient = try genui.run(["schema", "compile", path, "--tokenizer", Self.tinyTokenizer, "--lenient", "--json"])
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        let warnings = try JSONParser.parse(lenient.stdout)["warnings"]?.arrayValue ?? []
        XCTAssertEqual(warnings.map { $0["pointer"] }, [.string("/properties/tags/contains")])
        let lenientText = try genui.run(["schema", "compile", path, "--tokenizer", Self.tinyTokenizer, "--lenient"])
        XCTAssertEqual(lenientText.status, 0)
        XCTAssertEqual(lenientText.stderr, "warning: /properties/tags/contains: \(message)\n")

        let dangling = try write(["r.json": ##"{"$ref":"#/$defs/missing"}"##], label: "dangling")
        defer { try? FileManager.default.removeItem(at: dangling) }
        let ref = try genui.run(["schema", "compile", dangling.appendingPathComponent("r.json").path, "--tokenizer", Self.tinyTokenizer])
        XCTAssertEqual(ref.status, 1)
        XCTAssertTrue(ref.stderr.hasPrefix("/$ref: "), ref.stderr)
    }

    /// Files that cannot be read (or are not JSON / not a tokenizer) exit 2 with a message naming them.
    func testUnreadableFilesExitTwo() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try write(["broken.json": #"{"type":"#, "ok.json": #"{"type":"string"}"#], label: "compile-io")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ok = dir.appendingPathComponent("ok.json").path, broken = dir.appendingPathComponent("broken.json").path
        let missing = dir.appendingPathComponent("missing.json").path
        let cases: [([String], String)] = [
            ([missing, "--tokenizer", Self.tinyTokenizer], missing),
            ([broken, "--tokenizer", Self.tinyTokenizer], "line 1, column 9"),
            ([ok, "--tokenizer", missing], missing),
            ([ok, "--tokenizer", broken], broken),
        ]
        for (arguments, expected) in cases {
            let r = try genui.run(["schema", "compile"] + arguments)
            XCTAssertEqual(r.status, 2, "\(arguments): \(r.stderr)")
            XCTAssertEqual(r.stdout, "")
            XCTAssertTrue(r.stderr.hasPrefix("error: ") && r.stderr.contains(expected), "\(arguments): \(r.stderr)")
        }
    }

    func testCommandLineParsing() throws {
        let parsed = try GenUI.parseAsRoot(["schema", "compile", "s.json", "--tokenizer", "t.json", "--json", "--lenient", "--repeat", "3"])
        let command = try XCTUnwrap(parsed as? SchemaCompileCommand)
        XCTAssertEqual(command.schema, "s.json")
        XCTAssertEqual(command.tokenizer, "t.json")
        XCTAssertTrue(command.json)
        XCTAssertTrue(command.lenient)
        XCTAssertEqual(command.repeat, 3)
        XCTAssertThrowsError(try GenUI.parseAsRoot(["schema", "compile", "s.json"]), "--tokenizer is required")
        XCTAssertThrowsError(try GenUI.parseAsRoot(["schema", "compile", "s.json", "--tokenizer", "t", "--repeat", "0"]))
    }

    /// `genui conformance` on a two-file MaskBench directory: the summary keys of the issue, exact
    /// counts, and the token dump the peer scripts read.
    func testConformanceSummaryAndTokenDump() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try write([
            "a.json": #"""
            {"schema":{"type":"object","properties":{"ok":{"type":"boolean"},"n":{"type":"integer","maximum":10}},"required":["ok"],"additionalProperties":false},
             "tests":[{"valid":true,"data":{"n":10,"ok":true}},{"valid":true,"data":{"ok":false}},{"valid":false,"data":{"ok":true,"n":11}},{"valid":false,"data":{"n":1}}]}
            """#,
            "b.json": #"{"schema":{"type":"array","items":{"type":"string","maxLength":2}},"tests":[{"valid":true,"data":["ab","a"]},{"valid":false,"data":["abc"]}]}"#,
            "c.json": #"{"schema":{"type":"array","contains":{"type":"string"}},"tests":[{"valid":true,"data":["x"]}]}"#,
        ], label: "conformance")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dump = dir.appendingPathComponent("tokens.jsonl").path
        let r = try genui.run(["conformance", dir.path, "--tokenizer", Self.tinyTokenizer, "--json", "--dump-tokens", dump])
        XCTAssertEqual(r.status, 0, r.stderr)
        let last = try XCTUnwrap(r.stdout.split(separator: "\n").last.map(String.init))
        let summary = try JSONParser.parse(last)
        XCTAssertEqual(summary.objectValue.map { Array($0.keys) }, [
            "schemas", "passing", "compile_error", "valid_rejected", "invalid_accepted", "crash", "timeout",
            "ttfm_ms_p50", "ttfm_ms_p90", "ttfm_ms_p99", "ttfm_ms_max",
            "masks", "tbm_us_mean", "tbm_us_p50", "tbm_us_p90", "tbm_us_p99", "tbm_us_max",
        ])
        for (key, value) in [("schemas", 3), ("passing", 2), ("compile_error", 1), ("valid_rejected", 0), ("invalid_accepted", 0), ("crash", 0), ("timeout", 0)] {
            XCTAssertEqual(summary[key], .int(value), key)
        }
        XCTAssertGreaterThan(number(summary, "masks"), 6)
        let records = try String(contentsOfFile: dump, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
        // Tests of a schema GenUI cannot compile are dumped too: the peers may compile it.
        XCTAssertEqual(records.map { $0["file"]?.stringValue ?? "" }, ["a.json", "a.json", "a.json", "a.json", "b.json", "b.json", "c.json"])
        // Instances are serialized in schema key order before tokenizing: `{"ok":true,"n":10}`, where
        // `{"` and `":` are single tokens of the fixture vocabulary.
        let first = records[0]["tokens"]?.arrayValue?.compactMap { $0.doubleValue.map(Int.init) } ?? []
        XCTAssertEqual(first.first, 256, "{\" is one token")
        XCTAssertEqual(first.count, 10, "\(first)")
    }

    /// The catalog at the Llama 3 128K vocabulary (skipped when the vocabulary is not cached, unless
    /// `GENUI_REQUIRE_ASSETS=1`).
    func testCatalogAtLlama3Vocabulary() throws {
        let genui = try GenUIBinary(for: self)
        let env = ProcessInfo.processInfo.environment
        let cache = env["GENUI_CACHE"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache/genui")
        let vocab = cache + "/vocab/llama3.tokenizer.json"
        guard FileManager.default.fileExists(atPath: vocab) else {
            if env["GENUI_REQUIRE_ASSETS"] == "1" { return XCTFail("missing \(vocab) (run scripts/fetch-vocabs.sh)") }
            throw XCTSkip("\(vocab) not cached; run scripts/fetch-vocabs.sh")
        }
        let r = try genui.run(["schema", "compile", Self.catalog, "--tokenizer", vocab, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let report = try JSONParser.parse(r.stdout)
        // 128,000 ranks plus special tokens (this Llama 3.2 file ends with <|image|> at 128,256).
        XCTAssertGreaterThanOrEqual(number(report, "vocab_size"), 128_256)
        XCTAssertGreaterThan(number(report, "mask_entry_bytes"), 0)
    }
}
