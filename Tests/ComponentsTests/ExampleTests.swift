import Foundation
import JSONSchema
import XCTest
@testable import Components

/// Every `Examples/*.json` decodes, re-encodes byte-identically, passes the semantic checks and the
/// chart lint, and together the examples cover every component and every chart form.
final class ExampleTests: XCTestCase {
    func loadExamples() throws -> [(name: String, text: String, surface: Surface)] {
        try Repo.exampleFiles().map { url in
            let text = try Repo.read(url)
            let value = try JSONParser.parse(text)
            do {
                return (url.lastPathComponent, text, try Surface.decode(from: value))
            } catch {
                XCTFail("\(url.lastPathComponent): \(error)")
                throw error
            }
        }
    }

    func testAtLeastFifteenExamples() throws {
        XCTAssertGreaterThanOrEqual(try Repo.exampleFiles().count, 15)
    }

    func testRoundTripIsByteIdentical() throws {
        for ex in try loadExamples() {
            let written = JSONWriter(pretty: true).string(ex.surface.encode()) + "\n"
            XCTAssertEqual(written, ex.text, "\(ex.name) does not round-trip")
        }
    }

    func testExamplesPassSemanticChecksAndLint() throws {
        for ex in try loadExamples() {
            let findings = TreeValidator().validate(ex.surface) + ChartLinter().lint(ex.surface)
            XCTAssertEqual(findings.map(\.description), [], ex.name)
        }
    }

    func testExamplesCoverTheCatalog() throws {
        let examples = try loadExamples()
        var types = Set<String>()
        var forms = Set<String>()
        for ex in examples {
            for v in TreeWalk.nodes(of: ex.surface) {
                types.insert(type(of: v.component).typeName)
                guard let c = v.component as? Chart else { continue }
                forms.formUnion(Self.forms(of: c))
            }
        }
        XCTAssertEqual(types.sorted(), CatalogBundle.componentNames.sorted())
        let expected: Set<String> = ["bar-grouped", "bar-stacked", "bar-horizontal", "bar-normalized", "line-multi", "area-stacked",
                                     "point", "point-bubble", "arc-pie", "arc-donut", "rect", "histogram", "annotation-rule",
                                     "annotation-band", "log-scale", "negative-values", "null-gaps", "long-labels"]
        XCTAssertEqual(expected.subtracting(forms).sorted(), [])
    }

    /// The chart forms a chart exercises, for the coverage test.
    static func forms(of c: Chart) -> Set<String> {
        var f = Set<String>()
        let seriesColor = c.color.map { $0.type == .nominal || $0.type == .ordinal } ?? false
        switch c.mark {
        case .bar:
            if seriesColor && c.stack == .none { f.insert("bar-grouped") }
            if seriesColor && c.stack == .zero { f.insert("bar-stacked") }
            if c.stack == .normalize { f.insert("bar-normalized") }
            if c.orientation == .horizontal { f.insert("bar-horizontal") }
        case .line: if seriesColor { f.insert("line-multi") }
        case .area: if seriesColor && c.stack == .zero { f.insert("area-stacked") }
        case .point: f.insert(c.size == nil ? "point" : "point-bubble")
        case .arc: f.insert((c.innerRadius ?? 0) > 0 ? "arc-donut" : "arc-pie")
        case .rect: f.insert("rect")
        case .histogram: f.insert("histogram")
        }
        for a in c.annotations { f.insert("annotation-\(a.kind.rawValue)") }
        if c.encodings.contains(where: { $0.encoding.scale?.type == .log }) { f.insert("log-scale") }
        let cells = c.data.rows.joined()
        if cells.contains(where: { ($0.number ?? 0) < 0 }) { f.insert("negative-values") }
        if cells.contains(.null) { f.insert("null-gaps") }
        if cells.contains(where: { ($0.string?.count ?? 0) >= 30 }) { f.insert("long-labels") }
        return f
    }
}
