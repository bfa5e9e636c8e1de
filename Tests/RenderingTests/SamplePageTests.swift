import Components
import XCTest

@testable import Rendering

final class SamplePageTests: XCTestCase {
    func testSalesDashboardRendersEveryComponentWithoutScript() throws {
        let surface = try RenderFixtures.surface("sales-dashboard")
        let html = HTMLRenderer().renderPage(surface)
        RenderFixtures.export(html, as: "sales-dashboard")
        XCTAssertTrue(html.hasPrefix("<!doctype html>"))
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertNil(html.range(of: #"\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]))
        for mark in ["bar", "line", "area", "point", "arc", "rect", "histogram"] {
            XCTAssertTrue(html.contains("chart chart-\(mark)"), "missing \(mark) chart")
        }
        for cls in ["kpi-group", "kpi-delta good", "sparkline", "data-table", "tab-radio", "callout tone-warning", "facts", "tags", "progress", "sources", "suggestion", "divider"] {
            XCTAssertTrue(html.contains(cls), "missing \(cls)")
        }
        XCTAssertFalse(html.contains("class=\"chart-error"))
    }
}

final class ChartGalleryExportTests: XCTestCase {
    /// Renders every chart of the sample dashboard alone at two widths (exported for screenshots
    /// when GENUI_RENDER_OUT is set) and checks each is a complete, error-free figure.
    func testEveryChartRendersAloneAtNarrowAndWideWidths() throws {
        let surface = try RenderFixtures.surface("sales-dashboard")
        var charts: [Node] = []
        func collect(_ node: Node) {
            if case .chart = node { charts.append(node) }
            for child in node.childNodes { collect(child.node) }
        }
        surface.root.children.forEach(collect)
        XCTAssertEqual(charts.count, 9)
        for width in [380.0, 620.0] {
            var body = ""
            for chart in charts {
                let html = HTMLRenderer(contentWidth: width).renderNode(chart, path: .root)
                XCTAssertTrue(html.contains("</svg>"), chart.id)
                XCTAssertFalse(html.contains("class=\"chart-error"), chart.id)
                let box = "<div style=\"max-width:\(Int(width))px;margin-bottom:24px\">" + html + "</div>"
                body += box
                RenderFixtures.export(page(title: chart.id, body: box), as: "chart-\(Int(width))-\(chart.id)")
            }
            RenderFixtures.export(page(title: "Gallery", body: body), as: "gallery-\(Int(width))")
        }
        // Everything after the chart grid (tabs, table, text components) on its own page.
        let rest = surface.root.children.filter { node in
            if case .grid = node { return false }
            if case .kpiGroup = node { return false }
            return true
        }
        for (i, tab) in [0, 1].enumerated() {
            var parts = ""
            for node in rest {
                var node = node
                if case .tabs(var t) = node, tab == 1 { t.tabs = [t.tabs[1], t.tabs[0], t.tabs[2]]; node = .tabs(t) }
                parts += HTMLRenderer(contentWidth: 1160).renderNode(node, path: .root)
            }
            try MarkupScanner.check(parts)
            RenderFixtures.export(page(title: "Details", body: parts), as: "details-\(i)")
        }
    }
}
