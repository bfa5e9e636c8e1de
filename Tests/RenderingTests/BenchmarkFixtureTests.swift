import Components
import Foundation
import XCTest

@testable import Rendering

final class BenchmarkFixtureTests: XCTestCase {
    func testLargeDashboardShape() throws {
        let surface = BenchmarkFixtures.largeDashboard()
        XCTAssertEqual(BenchmarkFixtures.nodeCount(surface), 200)
        var charts: [Chart] = []
        func collect(_ node: Node) {
            if case .chart(let c) = node { charts.append(c) }
            node.childNodes.forEach { collect($0.node) }
        }
        surface.root.children.forEach(collect)
        XCTAssertEqual(charts.count, 10)
        XCTAssertTrue(charts.allSatisfy { $0.data.rows.count == 1000 })
        XCTAssertEqual(Set(charts.map(\.mark)).count, 6, "every mark kind except arc (a 1,000-slice pie is not a chart)")
        // Deterministic: same tree, same page.
        XCTAssertEqual(BenchmarkFixtures.largeDashboard(), surface)
    }

    /// Renders the large dashboard and prints the time per render (no assertion on speed;
    /// run with `swift test -c release --filter testLargeDashboardRenderTime` for real figures).
    func testLargeDashboardRenderTime() throws {
        let surface = BenchmarkFixtures.largeDashboard()
        let renderer = HTMLRenderer()
        let first = renderer.renderPage(surface)
        try MarkupScanner.check(renderer.renderFragment(surface))
        XCTAssertFalse(first.contains("class=\"chart-error"))
        var times: [Double] = []
        for _ in 0..<7 {
            let start = DispatchTime.now().uptimeNanoseconds
            let html = renderer.renderPage(surface)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            XCTAssertEqual(html.utf8.count, first.utf8.count)
        }
        times.sort()
        print("render large dashboard: median \(String(format: "%.2f", times[times.count / 2])) ms, min \(String(format: "%.2f", times[0])) ms, \(first.utf8.count) bytes")
        // The same page without the 10 × 1,000-row chart data tables, to show where time goes.
        var limits = RenderLimits()
        limits.maxChartTableRows = 0
        let lean = HTMLRenderer(limits: limits)
        var leanTimes: [Double] = []
        var leanBytes = 0
        for _ in 0..<7 {
            let start = DispatchTime.now().uptimeNanoseconds
            leanBytes = lean.renderPage(surface).utf8.count
            leanTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        leanTimes.sort()
        print("render large dashboard without chart data tables: median \(String(format: "%.2f", leanTimes[leanTimes.count / 2])) ms, \(leanBytes) bytes")
    }
}
