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
