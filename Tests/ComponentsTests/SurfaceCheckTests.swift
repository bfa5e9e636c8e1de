import JSONSchema
import XCTest
@testable import Components

final class SurfaceCheckTests: XCTestCase {
    func testUsableExample() throws {
        let result = try SurfaceCheck().check(bytes: Array(Repo.read(Repo.examples.appendingPathComponent("weather-outlook.json")).utf8))
        XCTAssertTrue(result.isValid)
        XCTAssertNotNil(result.surface)
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.warnings, [])
    }

    func testParseDecodeSemanticAndLintFindings() throws {
        let check = try SurfaceCheck()
        XCTAssertEqual(check.check(bytes: Array("{\"version\":".utf8)).errors.map(\.code), ["parse"])
        let decode = check.check(bytes: Array(DecodingTests.minimal.replacingOccurrences(of: #""mark":"bar""#, with: #""mark":"pie""#).utf8))
        XCTAssertEqual(decode.errors.map { "\($0.code) \($0.pointer)" }, ["decode /root/children/1/children/1/mark"])
        XCTAssertFalse(decode.isValid)
        XCTAssertNil(decode.surface)

        var chart = Fixture.pie([5, 4, 3, 3, 2, 2, 1])
        chart.id = "dup"
        let surface = Fixture.surface([.chart(chart), .divider(Divider(id: "dup"))])
        let result = check.check(surface.encode())
        XCTAssertEqual(result.errors.map { "\($0.severity.rawValue) \($0.code) \($0.pointer)" }, ["error duplicate-id /root/children/1/id"])
        XCTAssertEqual(result.warnings.map { "\($0.severity.rawValue) \($0.code) \($0.pointer)" }, ["warning arc-too-many-slices /root/children/0/mark"])
        XCTAssertFalse(result.isValid)
    }

    func testSchemaConstraintsTheDecoderDoesNotSee() throws {
        // The id pattern lives in the schema; the typed decoder accepts any string.
        let bad = DecodingTests.minimal.replacingOccurrences(of: #""id":"#, with: #""id":"#)
        let doc = try JSONParser.parse(bad)
        guard case .object(var root) = doc, case .object(var dash) = root["root"] ?? .null else { return XCTFail("fixture shape") }
        dash["id"] = .string("Not An Id!")
        root["root"] = .object(dash)
        let result = try SurfaceCheck().check(.object(root))
        XCTAssertFalse(result.isValid)
        XCTAssertTrue(result.errors.contains { $0.code == "schema" && $0.pointer.description == "/root/id" }, "\(result.errors)")
    }
}
