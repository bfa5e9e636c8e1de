import Foundation
import JSONSchema
import XCTest
@testable import Components

/// Paths and helpers shared by the Components tests.
enum Repo {
    /// The repository root, found from this file's location.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = root.appendingPathComponent("Schemas")
    static let examples = root.appendingPathComponent("Examples")
    static let bundle = schemas.appendingPathComponent(CatalogBundle.bundleFileName)

    static func read(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// Every `Examples/*.json`, sorted by name.
    static func exampleFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: examples, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// Parses JSON text written in a test.
func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
    try JSONParser.parse(text)
}
