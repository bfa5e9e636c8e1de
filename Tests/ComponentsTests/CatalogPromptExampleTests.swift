import JSONSchema
import XCTest
@testable import Components

/// The prompt's worked example must itself be a valid answer, or the model learns a broken shape.
final class CatalogPromptExampleTests: XCTestCase {
    func testPromptExampleIsValid() throws {
        let result = try SurfaceCheck().check(bytes: Array(CatalogPromptExample.text.utf8))
        XCTAssertEqual(result.errors.map { "\($0.pointer): \($0.message)" }, [])
        XCTAssertEqual(result.warnings.map { "\($0.pointer): \($0.message)" }, [])
    }

    func testPromptExampleIsCompactJSON() throws {
        let value = try JSONParser.parse(CatalogPromptExample.text)
        XCTAssertEqual(JSONWriter().string(value), CatalogPromptExample.text)
    }
}
