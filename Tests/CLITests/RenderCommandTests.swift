import Foundation
import JSONSchema
import XCTest

/// `genui render`, `validate` and `snapshot` as scripts call them: exit codes, `POINTER: message`
/// lines on stderr, and the committed goldens of `Examples/`.
final class RenderCommandTests: XCTestCase {
    static let examples = GenUIBinary.repo.appendingPathComponent("Examples")

    func example(_ name: String) throws -> String {
        try String(contentsOf: Self.examples.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every example matches its committed golden; this is the snapshot test of the gallery.
    func testExamplesMatchTheirGoldens() throws {
        let genui = try GenUIBinary(for: self)
        let r = try genui.run(["snapshot", Self.examples.path])
        XCTAssertEqual(r.status, 0, "goldens differ (run `genui snapshot Examples --update` after a deliberate change):\n\(r.stdout.prefix(4000))\n\(r.stderr)")
        let trees = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).filter { $0.hasSuffix(".json") }
        XCTAssertGreaterThanOrEqual(trees.count, 15)
        XCTAssertTrue(r.stdout.contains("\(trees.count) trees, \(trees.count) match"), r.stdout)
    }

    func testSnapshotPrintsAUnifiedDiffAndFailsOnAMismatch() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try GenUIBinary.temporaryDirectory("snapshot")
        defer { try? FileManager.default.removeItem(at: dir) }
        try example("weather-outlook.json").write(to: dir.appendingPathComponent("w.json"), atomically: true, encoding: .utf8)

        let missing = try genui.run(["snapshot", dir.path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no golden file"), missing.stderr)

        let update = try genui.run(["snapshot", dir.path, "--update"])
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertEqual(try genui.run(["snapshot", dir.path]).status, 0)

        let golden = dir.appendingPathComponent("w.html")
        var html = try String(contentsOf: golden, encoding: .utf8)
        let title = try XCTUnwrap(html.range(of: "<title>"))
        html.replaceSubrange(title, with: "<title>Edited ")
        try html.write(to: golden, atomically: true, encoding: .utf8)
        let differ = try genui.run(["snapshot", dir.path])
        XCTAssertEqual(differ.status, 1)
        XCTAssertTrue(differ.stdout.contains("--- \(golden.path)"), differ.stdout)
        XCTAssertTrue(differ.stdout.contains("\n-<title>Edited "), differ.stdout)
        XCTAssertTrue(differ.stdout.contains("\n+<title>"), differ.stdout)
        XCTAssertTrue(differ.stdout.contains("@@ -"), differ.stdout)
    }

    func testRenderWritesAPageAndAFragment() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try GenUIBinary.temporaryDirectory("render")
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("page.html"), fragment = dir.appendingPathComponent("fragment.html")
        let tree = Self.examples.appendingPathComponent("sales-performance.json").path
        XCTAssertEqual(try genui.run(["render", tree, "-o", page.path]).status, 0)
        XCTAssertEqual(try genui.run(["render", tree, "-o", fragment.path, "--fragment"]).status, 0)
        let pageHTML = try String(contentsOf: page, encoding: .utf8)
        let fragmentHTML = try String(contentsOf: fragment, encoding: .utf8)
        XCTAssertTrue(pageHTML.hasPrefix("<!doctype html>") || pageHTML.hasPrefix("<!DOCTYPE html>"), String(pageHTML.prefix(80)))
        XCTAssertTrue(pageHTML.contains("<svg"))
        XCTAssertFalse(fragmentHTML.contains("<html"))
        XCTAssertTrue(fragmentHTML.contains("<svg"))
        // Without -o the page goes to stdout, byte-identical.
        let stdout = try genui.run(["render", tree])
        XCTAssertEqual(stdout.status, 0)
        XCTAssertEqual(stdout.stdout, pageHTML)
    }

    /// An invalid tree exits 1 and prints every error as `POINTER: message` on stderr, nothing on stdout.
    func testInvalidTreeExitsOneWithPointerLines() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try GenUIBinary.temporaryDirectory("invalid")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard case .object(var doc) = try JSONParser.parse(try example("sales-performance.json")),
              case .object(var root)? = doc["root"] else { return XCTFail("example has no root object") }
        root["type"] = .string("Carousel")
        doc["root"] = .object(root)
        var cases: [(String, String, String)] = [
            ("unknown-type.json", JSONWriter().string(.object(doc)), "/root"),
            ("malformed.json", #"{"version":"1","title":"t",#"#, ""),
            ("wrong-type.json", #"{"version":"1","title":7,"answer":null,"root":{"type":"Dashboard","id":"d","title":"x","description":null,"children":[]}}"#, "/title"),
        ]
        let (withScript, imagePointer) = try withImageSource("javascript:alert(1)")
        cases.append(("script-image.json", JSONWriter().string(withScript), imagePointer.description + "/src"))
        for (name, text, pointer) in cases {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try genui.run(["render", path])
            XCTAssertEqual(r.status, 1, "\(name): \(r.stderr)")
            XCTAssertEqual(r.stdout, "", name)
            let lines = r.stderr.split(separator: "\n").map(String.init)
            XCTAssertFalse(lines.isEmpty, name)
            for line in lines {
                XCTAssertNotNil(line.range(of: #"^(/[^:]*)?: \S"#, options: .regularExpression), "\(name): not 'POINTER: message': \(line)")
            }
            XCTAssertTrue(lines.contains { $0.hasPrefix(pointer) }, "\(name): expected an error at \(pointer): \(lines)")

            let v = try genui.run(["validate", path, "--json"])
            XCTAssertEqual(v.status, 1, name)
            let report = try JSONParser.parse(v.stdout)
            XCTAssertEqual(report["valid"], .bool(false), name)
        }
        XCTAssertEqual(try genui.run(["render", dir.appendingPathComponent("absent.json").path]).status, 2)
    }

    /// The weather example with its first Image's `src` replaced, and that Image's pointer.
    func withImageSource(_ src: String) throws -> (JSONValue, JSONPointer) {
        var found: JSONPointer?
        func walk(_ v: JSONValue, _ p: JSONPointer) -> JSONValue {
            switch v {
            case .object(var o):
                if found == nil, o["type"] == .string("Image") {
                    found = p
                    o["src"] = .string(src)
                    return .object(o)
                }
                for (k, child) in o { o[k] = walk(child, p / k) }
                return .object(o)
            case .array(let a):
                return .array(a.enumerated().map { walk($0.element, p / $0.offset) })
            default:
                return v
            }
        }
        let doc = walk(try JSONParser.parse(try example("weather-outlook.json")), .root)
        return (doc, try XCTUnwrap(found, "the weather example has no Image"))
    }

    func testValidateReportsValidExamples() throws {
        let genui = try GenUIBinary(for: self)
        let path = Self.examples.appendingPathComponent("incident-review.json").path
        let lines = try genui.run(["validate", path])
        XCTAssertEqual(lines.status, 0, lines.stderr)
        XCTAssertTrue(lines.stdout.hasSuffix("valid\n") || lines.stdout.contains(": valid"), lines.stdout)
        let json = try genui.run(["validate", path, "--json"])
        XCTAssertEqual(json.status, 0)
        let report = try JSONParser.parse(json.stdout)
        XCTAssertEqual(report["valid"], .bool(true))
        XCTAssertEqual(report["errors"], .array([]))
    }
}
