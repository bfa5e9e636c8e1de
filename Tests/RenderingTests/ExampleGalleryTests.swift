import Components
import Foundation
import JSONSchema
import XCTest

@testable import Rendering

/// Renders every catalog example in `Examples/` (written by the catalog helper, so they are
/// independent test input for the renderer).
final class ExampleGalleryTests: XCTestCase {
    func testEveryExampleRendersSafelyAndDeterministically() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !files.isEmpty else { throw XCTSkip("no Examples directory") }
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            let surface = try Surface.decode(from: try JSONParser.parse(text))
            let renderer = HTMLRenderer()
            let fragment = renderer.renderFragment(surface)
            do { try MarkupScanner.check(fragment) } catch { XCTFail("\(file): \(error)") }
            XCTAssertFalse(fragment.contains("class=\"chart-error"), file)
            XCTAssertEqual(fragment, renderer.renderFragment(surface), file)
            RenderFixtures.export(renderer.renderPage(surface), as: "example-" + file.replacingOccurrences(of: ".json", with: ""))
        }
    }
}
