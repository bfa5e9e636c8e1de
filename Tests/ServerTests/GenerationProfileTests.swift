import Components
import Inference
import JSONSchema
import XCTest
@testable import Server

final class GenerationProfileTests: XCTestCase {
    func testFreeTextGetsBoundsAndTheDashboardAtLeastTwoChildren() throws {
        let catalog = try JSONParser.parse(EmbeddedCatalog.text)
        let bounded = GenerationProfile.bounded(catalog)
        XCTAssertEqual(bounded["properties"]?["answer"]?["maxLength"], .int(GenerationProfile.maxLengths["answer"]!))
        XCTAssertEqual(bounded["$defs"]?["Dashboard"]?["properties"]?["children"]?["minItems"], .int(2))
        // Strings with a shape of their own are left alone.
        let strict = try JSONParser.parse(#"{"type":"object","properties":{"d":{"type":"string","format":"date"},"e":{"enum":["a"]},"t":{"type":["string","null"]}}}"#)
        let b = GenerationProfile.bounded(strict)
        XCTAssertNil(b["properties"]?["d"]?["maxLength"])
        XCTAssertNil(b["properties"]?["e"]?["maxLength"])
        XCTAssertEqual(b["properties"]?["t"]?["maxLength"], .int(GenerationProfile.defaultMaxLength))
        // The core compiles the bounded catalog.
        XCTAssertNoThrow(try GenerationConstraint(schema: bounded))
    }
}
