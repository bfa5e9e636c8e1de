import Components
import Inference
import JSONSchema
import XCTest
@testable import Server

final class GenerationProfileTests: XCTestCase {
    func testFreeTextGetsBounds() throws {
        let catalog = try JSONParser.parse(EmbeddedCatalog.text)
        let bounded = GenerationProfile.bounded(catalog)
        XCTAssertEqual(bounded["properties"]?["answer"]?["maxLength"], .int(GenerationProfile.maxLengths["answer"]!))
        // Strings with a shape of their own are left alone.
        let strict = try JSONParser.parse(#"{"type":"object","properties":{"d":{"type":"string","format":"date"},"e":{"enum":["a"]},"t":{"type":["string","null"]}}}"#)
        let b = GenerationProfile.bounded(strict)
        XCTAssertNil(b["properties"]?["d"]?["maxLength"])
        XCTAssertNil(b["properties"]?["e"]?["maxLength"])
        XCTAssertEqual(b["properties"]?["t"]?["maxLength"], .int(GenerationProfile.defaultMaxLength))
        // Chart data and tables: one branch per column count, rows as long as the columns.
        let chart = try XCTUnwrap(bounded["$defs"]?["ChartData"]?["anyOf"]?.arrayValue)
        XCTAssertEqual(chart.count, GenerationProfile.chartColumnCounts.count)
        XCTAssertEqual(chart[2]["properties"]?["columns"]?["maxItems"], .int(3))
        XCTAssertEqual(chart[2]["properties"]?["rows"]?["items"]?["minItems"], .int(3))
        XCTAssertEqual(bounded["$defs"]?["Table"]?["anyOf"]?.arrayValue?.count, GenerationProfile.tableColumnCounts.count)
        // The core compiles the bounded catalog.
        XCTAssertNoThrow(try GenerationConstraint(schema: bounded))
    }
}

/// `Templates/` is the source of truth for the chat UI; the embedded copy must match it.
final class ChatAssetsTests: XCTestCase {
    func testEmbeddedChatAssetsMatchTemplateFiles() throws {
        let templates = GenUIRoutesTests.repo.appendingPathComponent("Templates")
        for (file, embedded) in [("chat.html", ChatAssets.html), ("chat.js", ChatAssets.script), ("chat.css", ChatAssets.stylesheet)] {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(text.trimmingCharacters(in: .newlines), embedded.trimmingCharacters(in: .newlines),
                           "\(file) changed: run Templates/embed-templates.sh")
        }
    }
}
