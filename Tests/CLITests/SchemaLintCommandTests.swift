import Foundation
import XCTest
import JSONSchema
@testable import genui

/// `genui schema lint`: output lines, `--json`, and exit codes 0/1/2.
final class SchemaLintCommandTests: XCTestCase {
    private func lint(_ text: String, json: Bool = false) -> SchemaLintCommand.Outcome {
        SchemaLintCommand.lint(bytes: Array(text.utf8), path: "s.json", json: json)
    }

    func testIssuesArePrintedAsSeverityPointerMessage() {
        let out = lint(#"{"type":"object","additionalProperties":false,"required":[],"properties":{"x":{"type":"string"}}}"#)
        XCTAssertEqual(out.stdout, [
            "error: /properties/x: property \"x\" must be listed in required (make it nullable with type [\"…\", \"null\"] if it is optional)",
            "warning: /properties/x: property \"x\" has no description",
        ])
        XCTAssertEqual(out.exitCode, 1)
        XCTAssertEqual(out.stderr, [])
    }

    func testWarningsOnlyExitZero() {
        let out = lint(#"{"type":"object","additionalProperties":false,"required":["x"],"properties":{"x":{"type":"string"}}}"#)
        XCTAssertEqual(out.stdout, ["warning: /properties/x: property \"x\" has no description"])
        XCTAssertEqual(out.exitCode, 0)
    }

    func testCleanSchemaPrintsNothing() {
        let out = lint(#"{"type":"object","additionalProperties":false,"required":["x"],"properties":{"x":{"type":"string","description":"d"}}}"#)
        XCTAssertEqual(out, SchemaLintCommand.Outcome(stdout: [], stderr: [], exitCode: 0))
    }

    func testMalformedJSONExitsTwoWithLineAndColumn() {
        let out = lint("{\"a\":\n  tru}")
        XCTAssertEqual(out.exitCode, 2)
        XCTAssertEqual(out.stderr, ["error: s.json: line 2, column 3: invalid literal"])
        XCTAssertEqual(out.stdout, [])
    }

    func testJSONOutput() throws {
        let out = lint(#"{"type":"string"}"#, json: true)
        XCTAssertEqual(out.exitCode, 1)
        XCTAssertEqual(out.stdout.count, 1)
        let report = try JSONParser.parse(out.stdout[0])
        XCTAssertEqual(report["valid"], .bool(false))
        XCTAssertEqual(report["errors"], .int(1))
        XCTAssertEqual(report["issues"]?.arrayValue?.first?["pointer"], .string(""))
        XCTAssertEqual(report["issues"]?.arrayValue?.first?["message"], .string("the root schema must have type \"object\""))
    }

    func testCommandLineParsing() throws {
        let parsed = try GenUI.parseAsRoot(["schema", "lint", "a.json", "--json"])
        let command = try XCTUnwrap(parsed as? SchemaLintCommand)
        XCTAssertEqual(command.schema, "a.json")
        XCTAssertTrue(command.json)
        XCTAssertThrowsError(try GenUI.parseAsRoot(["schema", "lint"]))
    }

    /// Runs the built binary end to end when it sits next to the test bundle.
    func testBinaryExitCodes() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try GenUIBinary.temporaryDirectory("lint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            "ok.json": #"{"type":"object","additionalProperties":false,"required":[],"properties":{}}"#,
            "bad.json": #"{"type":"object","properties":{}}"#,
            "broken.json": "{",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        func run(_ name: String) throws -> (Int32, String) {
            let r = try genui.run(["schema", "lint", dir.appendingPathComponent(name).path])
            return (r.status, r.stdout)
        }
        XCTAssertEqual(try run("ok.json").0, 0)
        let bad = try run("bad.json")
        XCTAssertEqual(bad.0, 1)
        XCTAssertEqual(bad.1, "error: /: object must set additionalProperties: false\n")
        XCTAssertEqual(try run("broken.json").0, 2)
        XCTAssertEqual(try run("missing.json").0, 2)
    }
}
