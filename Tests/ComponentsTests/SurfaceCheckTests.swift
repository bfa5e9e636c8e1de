import JSONSchema
import XCTest
@testable import Components

final class SurfaceCheckTests: XCTestCase {
    func testUsableExample() throws {
        let check = SurfaceCheck(text: try Repo.read(Repo.examples.appendingPathComponent("weather-outlook.json")))
        XCTAssertTrue(check.isUsable)
        XCTAssertEqual(check.diagnostics, [])
    }

    func testParseDecodeSemanticAndLintFindings() throws {
        XCTAssertEqual(SurfaceCheck(text: "{\"version\":").diagnostics.map(\.code), ["parse"])
        let decode = SurfaceCheck(text: DecodingTests.minimal.replacingOccurrences(of: #""mark":"bar""#, with: #""mark":"pie""#))
        XCTAssertEqual(decode.diagnostics.map { "\($0.code) \($0.pointer)" }, ["decode /root/children/1/children/1/mark"])
        XCTAssertFalse(decode.isUsable)

        var chart = Fixture.pie([5, 4, 3, 3, 2, 2, 1])
        chart.id = "dup"
        let surface = Fixture.surface([.chart(chart), .divider(Divider(id: "dup"))])
        let check = SurfaceCheck(surface.encode())
        XCTAssertEqual(check.diagnostics.map { "\($0.severity.rawValue) \($0.code) \($0.pointer)" },
                       ["error duplicate-id /root/children/1/id", "warning arc-too-many-slices /root/children/0/mark"])
        XCTAssertFalse(check.isUsable)
    }
}
