import Components
import Foundation
import JSONSchema
import Rendering
import XCTest

/// Renders every example with hostile strings in every string field that stays valid, then loads the
/// pages in headless Chromium with a DevTools probe that reports any script compilation, dialog or
/// navigation. A control page with a script proves the probe can fail.
final class BrowserSafetyTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func loadPayloads() throws -> [String] {
        let url = Self.repo.appendingPathComponent("Tests/Fixtures/xss/payloads.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard case .string(let s) = try JSONParser.parse(String(line)) else { throw XCTSkip("bad payload line") }
            return s
        }
    }

    func loadExamples() throws -> [(String, JSONValue)] {
        let dir = Self.repo.appendingPathComponent("Examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { name in
            (name, try JSONParser.parse(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent(name)))))
        }
    }

    /// Pointers of every string leaf in a document.
    func stringLeaves(_ v: JSONValue, at p: JSONPointer = .root) -> [JSONPointer] {
        switch v {
        case .string: return [p]
        case .array(let a): return a.enumerated().flatMap { stringLeaves($0.element, at: p / $0.offset) }
        case .object(let o): return o.flatMap { stringLeaves($0.value, at: p / $0.key) }
        default: return []
        }
    }

    func replacing(_ v: JSONValue, at tokens: ArraySlice<String>, with s: String) -> JSONValue {
        guard let head = tokens.first else { return .string(s) }
        switch v {
        case .object(var o):
            if let child = o[head] { o[head] = replacing(child, at: tokens.dropFirst(), with: s) }
            return .object(o)
        case .array(var a):
            if let i = Int(head), a.indices.contains(i) { a[i] = replacing(a[i], at: tokens.dropFirst(), with: s) }
            return .array(a)
        default:
            return v
        }
    }

    /// String fields that accept a hostile string on their own; constrained fields (enums, ids, https
    /// URLs, dates, field references) reject it and keep their original value. One field per shape
    /// (the pointer with array indices blanked) is tried; `inject` sorts out the exceptions.
    func openLeaves(_ tree: JSONValue, check: SurfaceCheck) -> [JSONPointer] {
        let probe = "<img src=x onerror=alert(1)>\"'`"
        func shape(_ p: JSONPointer) -> String { p.tokens.map { Int($0) == nil ? $0 : "*" }.joined(separator: "/") }
        var verdict: [String: Bool] = [:]
        return stringLeaves(tree).filter { leaf in
            let key = shape(leaf)
            if let known = verdict[key] { return known }
            let open = check.check(replacing(tree, at: leaf.tokens[...], with: probe)).isValid
            verdict[key] = open
            return open
        }
    }

    /// Puts payloads into the open fields; a combination that breaks a cross-field rule (uniqueness,
    /// length) gives up the fields it names, one round at a time, until the document is valid.
    func inject(_ tree: JSONValue, leaves open: [JSONPointer], payloads: [String], offset: Int, check: SurfaceCheck) -> (JSONValue, Int)? {
        var leaves = open
        while !leaves.isEmpty {
            var candidate = tree
            for (i, leaf) in leaves.enumerated() {
                candidate = replacing(candidate, at: leaf.tokens[...], with: payloads[(offset + i) % payloads.count])
            }
            let result = check.check(candidate)
            if result.isValid { return (candidate, leaves.count) }
            let bad = result.errors.map(\.pointer)
            let before = leaves.count
            leaves.removeAll { leaf in bad.contains { $0 == leaf || leaf.tokens.starts(with: $0.tokens) || $0.tokens.starts(with: leaf.tokens) } }
            if leaves.count == before { leaves.removeLast() }
        }
        return nil
    }

    func testHostileStringsNeverRunScriptInChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            if ProcessInfo.processInfo.environment["GENUI_REQUIRE_BROWSER"] == "1" { XCTFail("chromium is required (GENUI_REQUIRE_BROWSER=1)") }
            throw XCTSkip("chromium not installed")
        }
        let payloads = try loadPayloads()
        XCTAssertGreaterThanOrEqual(payloads.count, 200)
        let examples = try loadExamples()
        XCTAssertGreaterThanOrEqual(examples.count, 15)
        let check = try SurfaceCheck()
        let renderer = HTMLRenderer()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-xss-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        var files: [String] = []
        var injected = 0
        var offset = 0
        for (name, tree) in examples {
            let open = openLeaves(tree, check: check)
            for variant in 0..<3 {
                guard let (doc, count) = inject(tree, leaves: open, payloads: payloads, offset: offset, check: check),
                      let surface = check.check(doc).surface else {
                    XCTFail("\(name): could not build a valid injected variant"); continue
                }
                offset += count
                injected += count
                let html = renderer.renderPage(surface)
                assertNoActiveContent(html, file: "\(name)#\(variant)")
                XCTAssertNoThrow(try MarkupScanner.check(renderer.renderFragment(surface)), "\(name)#\(variant)")
                let path = dir.appendingPathComponent("\(name)-\(variant).html").path
                try Data(html.utf8).write(to: URL(fileURLWithPath: path))
                files.append(path)
            }
        }
        XCTAssertGreaterThanOrEqual(injected, payloads.count, "every payload lands at least once")

        // Positive control: the probe must see this script.
        let control = dir.appendingPathComponent("control.html").path
        try Data("<!doctype html><p>x</p><img src=x onerror=\"console.log(1)\">".utf8).write(to: URL(fileURLWithPath: control))

        let (status, output) = try runProbe(chromium: chromium, files: files + [control])
        XCTAssertNotEqual(status, 2, "probe harness failed: \(output)")
        guard case .object(let report) = try JSONParser.parse(output.split(separator: "\n").last.map(String.init) ?? "") else {
            return XCTFail("probe printed no report: \(output)")
        }
        guard case .array(let results) = report["results"] ?? .null else { return XCTFail("no results") }
        for case .object(let r) in results {
            let file = r["file"]?.stringValue ?? "?"
            let findings = r["findings"]?.arrayValue ?? []
            if file == control {
                XCTAssertFalse(findings.isEmpty, "the probe did not notice the control page's script")
            } else {
                XCTAssertTrue(findings.isEmpty, "\(file) ran script: \(findings)")
            }
        }
        XCTAssertEqual(results.count, files.count + 1)
    }

    /// Static scan of the whole page: no script element and no script URL anywhere (the fragment
    /// also goes through `MarkupScanner`, which parses every tag and attribute).
    func assertNoActiveContent(_ html: String, file: String) {
        let lowered = html.lowercased()
        XCTAssertFalse(lowered.contains("<script"), "\(file): <script> in output")
        XCTAssertNil(lowered.range(of: #"(href|src|action|xlink:href)\s*=\s*"\s*javascript:"#, options: .regularExpression),
                     "\(file): javascript: URL in an attribute")
    }

    func runProbe(chromium: String, files: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Self.repo.appendingPathComponent("Tests/Browser/script_probe.py").path, "--json", "--settle-ms", "150"] + files
        var env = ProcessInfo.processInfo.environment
        env["CHROMIUM"] = chromium
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
