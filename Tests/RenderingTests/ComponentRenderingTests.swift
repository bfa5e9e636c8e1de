import Components
import Foundation
import JSONSchema
import XCTest

@testable import Rendering

final class ComponentRenderingTests: XCTestCase {
    private func fragment(_ children: [Node]) throws -> String {
        let html = HTMLRenderer().renderFragment(Surface(title: "t", answer: nil, root: Dashboard(id: "d", title: "Dash", children: children)))
        try MarkupScanner.check(html)
        return html
    }

    func testGridSpansAndColumns() throws {
        let html = try fragment([.grid(Grid(id: "g", columns: 12, gap: .lg, children: [
            .text(Text(id: "a", span: 4, text: "a")), .text(Text(id: "b", span: 8, text: "b")), .text(Text(id: "c", text: "c")), .text(Text(id: "e", span: 20, text: "e")),
        ]))])
        XCTAssertTrue(html.contains("<div id=\"n-g\" class=\"grid cols-12 gap-lg\">"))
        XCTAssertTrue(html.contains("id=\"n-a\" class=\"text size-md span-4\""))
        XCTAssertTrue(html.contains("id=\"n-b\" class=\"text size-md span-8\""))
        XCTAssertTrue(html.contains("id=\"n-c\" class=\"text size-md span-12\""), "null span = full row")
        XCTAssertTrue(html.contains("id=\"n-e\" class=\"text size-md span-12\""), "span clamped to the grid")
    }

    func testChartWidthFollowsGridSpan() throws {
        let data = ChartData(columns: [ChartColumn(name: "k", type: .nominal), ChartColumn(name: "v", type: .quantitative)], rows: [[.string("a"), .number(1)]])
        let chart = { (id: String, span: Int) in Node.chart(Chart(id: id, span: span, mark: .bar, title: nil, description: "d", data: data,
                                                                   x: Encoding(field: "k", type: .nominal), y: Encoding(field: "v", type: .quantitative))) }
        let html = try fragment([.grid(Grid(id: "g", columns: 12, children: [chart("wide", 8), chart("narrow", 4)]))])
        let widths = try NSRegularExpression(pattern: #"viewBox="0 0 (\d+) "#).matches(in: html, range: NSRange(html.startIndex..., in: html))
            .compactMap { Int(html[Range($0.range(at: 1), in: html)!]) }
        XCTAssertEqual(widths.count, 2)
        XCTAssertGreaterThan(widths[0], widths[1] * 2 - 40)
    }

    func testKPIDeltaColourFollowsGoodDirection() throws {
        func kpi(_ v: Double, _ good: KPIDelta.GoodDirection, _ kind: KPIDelta.Kind = .percent) -> Node {
            .kpi(KPI(id: "k", label: "L", value: 1234.5, format: .currency0, delta: KPIDelta(value: v, kind: kind, goodDirection: good, label: "vs LY")))
        }
        XCTAssertTrue(try fragment([kpi(0.12, .up)]).contains("<div class=\"kpi-delta good\"><span aria-hidden=\"true\">▲ </span><span class=\"visually-hidden\">Up </span>+12.0%<span class=\"delta-label\">vs LY</span></div>"))
        XCTAssertTrue(try fragment([kpi(0.12, .down)]).contains("kpi-delta bad"))
        XCTAssertTrue(try fragment([kpi(-0.05, .down)]).contains("kpi-delta good"))
        XCTAssertTrue(try fragment([kpi(-0.05, .none)]).contains("kpi-delta neutral"))
        XCTAssertTrue(try fragment([kpi(1.5, .up, .pp)]).contains("+1.5 pp"))
        XCTAssertTrue(try fragment([kpi(-200, .up, .absolute)]).contains("\u{2212}$200"))
        XCTAssertTrue(try fragment([kpi(0, .up)]).contains("kpi-delta neutral"))
    }

    func testKPIValueComparisonSparkline() throws {
        let html = try fragment([.kpi(KPI(id: "rev", label: "Revenue", value: 4_823_000, format: .compact, unit: "USD",
                                         comparison: KPIComparison(value: 5e6, label: "Target"), sparkline: [1, 3, 2, 5], footnote: "Q2"))])
        XCTAssertTrue(html.contains("<div class=\"kpi-value\">4.8M<span class=\"kpi-unit\">USD</span></div>"))
        XCTAssertTrue(html.contains("<div class=\"kpi-comparison\">Target: 5M</div>"))
        XCTAssertTrue(html.contains("class=\"sparkline\""))
        XCTAssertTrue(html.contains("aria-label=\"Trend of Revenue: 4 points from 1 to 5, low 1, high 5.\""))
        XCTAssertTrue(html.contains("<div class=\"kpi-footnote\">Q2</div>"))
    }

    func testTableStructureAlignmentAndTotals() throws {
        let table = Table(id: "t", caption: "Accounts", columns: [
            TableColumn(field: "name", label: "Name", type: .string), TableColumn(field: "arr", label: "ARR", type: .number, format: .currency0),
            TableColumn(field: "seats", label: "Seats", type: .integer), TableColumn(field: "ok", label: "Active", type: .boolean, align: .center),
            TableColumn(field: "when", label: "Renewal", type: .date),
        ], rows: [[.string("Acme"), .number(1000), .number(10), .bool(true), .string("2025-09-30")],
                  [.string("Globex"), .number(500.4), .null, .bool(false), .null]],
           totals: [TableTotal(field: "arr", agg: .sum), TableTotal(field: "seats", agg: .avg)])
        let html = try fragment([.table(table)])
        XCTAssertTrue(html.contains("<caption>Accounts</caption>"))
        XCTAssertTrue(html.contains("<th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">ARR</th><th scope=\"col\" class=\"num\">Seats</th><th scope=\"col\" class=\"center\">Active</th>"))
        XCTAssertTrue(html.contains("<th scope=\"row\">Acme</th><td class=\"num\">$1,000</td><td class=\"num\">10</td><td class=\"center\">Yes</td><td>Sep 30, 2025</td>"))
        XCTAssertTrue(html.contains("<td class=\"num null\">–</td>"))
        XCTAssertTrue(html.contains("<tfoot><tr><th scope=\"row\">Total</th><td class=\"num\">$1,500</td><td class=\"num\">Avg 10</td>"), html)
    }

    func testTabsWorkWithoutScript() throws {
        let html = try fragment([.tabs(Tabs(id: "tb", tabs: [
            Tab(id: "one", label: "One", children: [.text(Text(id: "x", text: "first"))]),
            Tab(id: "two", label: "Two", children: [.text(Text(id: "y", text: "second"))]),
        ]))])
        XCTAssertEqual(occurrences(of: "type=\"radio\" name=\"tabs-tb\"", in: html), 2)
        XCTAssertEqual(occurrences(of: " checked>", in: html), 1)
        XCTAssertTrue(html.contains("<label for=\"tabs-tb-0\">One</label><label for=\"tabs-tb-1\">Two</label>"))
        XCTAssertTrue(html.range(of: "class=\"tab-radio\"")!.lowerBound < html.range(of: "class=\"tab-list\"")!.lowerBound)
        XCTAssertTrue(html.range(of: "class=\"tab-list\"")!.lowerBound < html.range(of: "class=\"tab-panels\"")!.lowerBound)
        XCTAssertTrue(EmbeddedTemplates.css.contains(".tabs > .tab-radio:nth-of-type(2):checked ~ .tab-panels > .tab-panel:nth-child(2)"))
    }

    func testImagesAndSourcesObeyURLPolicy() throws {
        let html = try fragment([
            .image(Image(id: "ok", src: "https://img.example/a.png", alt: "A chart", caption: "Cap", aspect: .sixteenNine)),
            .image(Image(id: "bad", src: "http://img.example/a.png", alt: "Insecure")),
            .sources(Sources(id: "s", items: [Source(id: "a", title: "Good", url: "https://example.com", publisher: "Pub", date: "2024-05-01"),
                                              Source(id: "b", title: "Evil", url: "javascript:alert(1)")])),
        ])
        XCTAssertTrue(html.contains("<img src=\"https://img.example/a.png\" alt=\"A chart\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">"))
        XCTAssertEqual(occurrences(of: "<img", in: html), 1)
        XCTAssertTrue(html.contains("image-blocked"))
        XCTAssertTrue(html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow ugc\">Good</a> — Pub, May 1, 2024"))
        XCTAssertTrue(html.contains("<span class=\"link-removed\">Evil</span>"))
    }

    func testTextComponents() throws {
        let html = try fragment([
            .heading(Heading(id: "h", text: "Head", level: 1)), .heading(Heading(id: "h4", text: "Small", level: 4)),
            .text(Text(id: "t", text: "Body", size: .lg, tone: .danger)),
            .callout(Callout(id: "c", tone: .success, title: "Yay", body: "Done")),
            .factList(FactList(id: "f", items: [Fact(label: "Rate", value: .number(0.25), format: .percent0), Fact(label: "Size", value: .number(2048), format: .bytes, unit: "total")], columns: 2)),
            .tagList(TagList(id: "tl", items: [Tag(label: "New", tone: .info), Tag(label: "Plain")])),
            .suggestions(Suggestions(id: "sg", items: [Suggestion(label: "More", prompt: "Tell me more")])),
            .progress(ProgressBar(id: "p", label: "Quota", value: 30, max: 40, format: .integer, tone: .warning)),
            .divider(Divider(id: "dv", label: "Details")),
        ])
        XCTAssertTrue(html.contains("<h2 id=\"n-h\" class=\"heading\">Head</h2>"))
        XCTAssertTrue(html.contains("<h5 id=\"n-h4\" class=\"heading\">Small</h5>"))
        XCTAssertTrue(html.contains("<p id=\"n-t\" class=\"text size-lg tone-danger\">Body</p>"))
        XCTAssertTrue(html.contains("<aside id=\"n-c\" class=\"callout tone-success\" role=\"note\"><strong class=\"callout-title\">Yay</strong><p>Done</p></aside>"))
        XCTAssertTrue(html.contains("<dt>Rate</dt><dd>25%</dd>"))
        XCTAssertTrue(html.contains("<dd>2 KB<span class=\"unit\">total</span></dd>"))
        XCTAssertTrue(html.contains("<li class=\"tag tone-info\">New</li><li class=\"tag\">Plain</li>"))
        XCTAssertTrue(html.contains("<button type=\"button\" class=\"suggestion\" data-prompt=\"Tell me more\">More</button>"))
        XCTAssertTrue(html.contains("<span class=\"progress-value\">30 / 40</span>"))
        XCTAssertTrue(html.contains("role=\"progressbar\" aria-label=\"Quota\" aria-valuenow=\"30\" aria-valuemin=\"0\" aria-valuemax=\"40\""))
        XCTAssertTrue(html.contains("<rect class=\"fill tone-warning\" width=\"75\" height=\"8\">"))
        XCTAssertTrue(html.contains("role=\"separator\"><span>Details</span>"))
    }

    func testDashboardHeaderAndAnswer() throws {
        let surface = Surface(title: "S", answer: "It went up.", root: Dashboard(id: "d", title: "Dash", subtitle: "Sub", asOf: "2025-07-01T09:30:00Z", children: []))
        let html = HTMLRenderer().renderFragment(surface)
        XCTAssertTrue(html.hasPrefix("<p class=\"answer\">It went up.</p><article id=\"n-d\" class=\"dashboard\"><header><h1>Dash</h1>"))
        XCTAssertTrue(html.contains("<small class=\"as-of\">As of <time datetime=\"2025-07-01T09:30:00Z\">Jul 1, 2025, 09:30 UTC</time></small>"))
    }

    func testRenderNodeCarriesItsPath() throws {
        let node = Node.text(Text(id: "t1", text: "hello"))
        let html = HTMLRenderer().renderNode(node, path: JSONPointer(["root", "children", "3"]))
        XCTAssertEqual(html, "<div class=\"node-fragment\" data-path=\"/root/children/3\" data-node=\"t1\"><p id=\"n-t1\" class=\"text size-md\">hello</p></div>")
    }

    func testDepthAndNodeLimits() throws {
        var node = Node.text(Text(id: "leaf", text: "deep"))
        for i in 0..<40 { node = .stack(Stack(id: "s\(i)", direction: .column, children: [node])) }
        var limits = RenderLimits()
        limits.maxDepth = 10
        let html = HTMLRenderer(limits: limits).renderFragment(Surface(title: "t", answer: nil, root: Dashboard(id: "d", title: "D", children: [node])))
        XCTAssertFalse(html.contains("deep"))
        XCTAssertEqual(occurrences(of: "class=\"truncated\"", in: html), 1)
        limits = RenderLimits()
        limits.maxNodes = 5
        let many = (0..<20).map { Node.text(Text(id: "t\($0)", text: "x\($0)")) }
        let cut = HTMLRenderer(limits: limits).renderFragment(Surface(title: "t", answer: nil, root: Dashboard(id: "d", title: "D", children: many)))
        XCTAssertEqual(occurrences(of: "class=\"text", in: cut), 5)
    }

    func testLongStringsAreClipped() throws {
        var limits = RenderLimits()
        limits.maxStringLength = 10
        let html = HTMLRenderer(limits: limits).renderFragment(Surface(title: "t", answer: nil, root: Dashboard(id: "d", title: "D", children: [.text(Text(id: "t", text: String(repeating: "a", count: 100)))])))
        XCTAssertTrue(html.contains(">aaaaaaaaaa…</p>"))
    }

    func testPageShellHasCSPAndInlineStyleOnly() throws {
        let page = HTMLRenderer().renderPage(Surface(title: "Title & more", answer: nil, root: Dashboard(id: "d", title: "D", children: [])))
        XCTAssertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src https: data:\">"))
        XCTAssertTrue(page.contains("<title>Title &amp; more</title>"))
        XCTAssertTrue(page.contains("prefers-color-scheme: dark"))
        XCTAssertFalse(page.contains("<link"))
        XCTAssertFalse(page.contains("@import"))
        XCTAssertFalse(page.contains("url("), "no external fonts or images in CSS")
    }

    /// `Templates/` is the source of truth; the embedded copy must match it.
    func testEmbeddedTemplatesMatchTemplateFiles() throws {
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates")
        guard FileManager.default.fileExists(atPath: templates.path) else { throw XCTSkip("Templates directory not found") }
        let page = try String(contentsOf: templates.appendingPathComponent("page.mustache"), encoding: .utf8)
        let css = try String(contentsOf: templates.appendingPathComponent("genui.css"), encoding: .utf8)
        XCTAssertEqual(EmbeddedTemplates.page + "\n", page, "run Templates/embed-templates.sh")
        XCTAssertEqual(EmbeddedTemplates.css + "\n", css, "run Templates/embed-templates.sh")
    }

    func testPaletteCSSMatchesSwiftPalette() {
        for (i, c) in Palette.categorical.enumerated() { XCTAssertTrue(EmbeddedTemplates.css.contains("--genui-c\(i): \(c);"), c) }
        for (i, c) in Palette.categoricalDark.enumerated() { XCTAssertTrue(EmbeddedTemplates.css.contains("--genui-c\(i): \(c);"), c) }
        for (i, c) in Palette.sequential.enumerated() { XCTAssertTrue(EmbeddedTemplates.css.contains("--genui-q\(i): \(c);"), c) }
    }
}
