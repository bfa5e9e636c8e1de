import Components
import Foundation
import JSONSchema
import XCTest

@testable import Rendering

/// Fixture access for rendering tests (fixtures live in `Tests/Fixtures/rendering`).
enum RenderFixtures {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/rendering")
    }

    static func surface(_ name: String) throws -> Surface {
        let url = directory.appendingPathComponent(name + ".json")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try Surface.decode(from: try JSONParser.parse(text))
    }

    /// Parses a surface from JSON text.
    static func surface(json: String) throws -> Surface {
        try Surface.decode(from: try JSONParser.parse(json))
    }

    /// Writes `html` to `$GENUI_RENDER_OUT/<name>.html` when that variable is set (for screenshots).
    static func export(_ html: String, as name: String) {
        guard let dir = ProcessInfo.processInfo.environment["GENUI_RENDER_OUT"], !dir.isEmpty else { return }
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? html.write(toFile: dir + "/" + name + ".html", atomically: true, encoding: .utf8)
    }
}

/// A page around hand-assembled markup (fragments from the renderer plus layout wrappers).
func page(title: String, body: String) -> String {
    String(decoding: PageTemplate.document(title: title, body: SafeHTML(bytes: Array(body.utf8))), as: UTF8.self)
}

/// A minimal chart spec builder for engine tests.
func makeSpec(_ mark: ChartSpec.Mark, columns: [(String, ChartSpec.FieldType)], rows: [[ChartSpec.Value]],
              x: String? = nil, y: String? = nil, color: String? = nil, theta: String? = nil, size: String? = nil,
              id: String = "t") -> ChartSpec {
    let cols = columns.map { ChartSpec.Column(name: $0.0, type: $0.1) }
    func enc(_ name: String?) -> ChartSpec.Encoding? {
        guard let name, let c = cols.first(where: { $0.name == name }) else { return nil }
        return ChartSpec.Encoding(field: name, type: c.type)
    }
    return ChartSpec(id: id, mark: mark, title: "T", description: "D", columns: cols, rows: rows,
                     x: enc(x), y: enc(y), color: enc(color), size: enc(size), theta: enc(theta))
}

/// Counts non-overlapping occurrences of `needle`.
func occurrences(of needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}
