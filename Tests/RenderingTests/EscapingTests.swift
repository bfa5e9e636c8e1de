import Components
import XCTest

@testable import Rendering

final class EscapingTests: XCTestCase {
    func testTextEscapesMarkupCharacters() {
        XCTAssertEqual(Escaping.escape(#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        XCTAssertEqual(Escaping.escape("plain text 123"), "plain text 123")
        XCTAssertEqual(Escaping.escape("café → ok"), "café → ok")
    }

    func testBidiOverridesAndControlsAreDropped() {
        XCTAssertEqual(Escaping.escape("evil\u{202E}gnp.exe"), "evilgnp.exe")
        XCTAssertEqual(Escaping.escape("a\u{2066}b\u{2069}c"), "abc")
        XCTAssertEqual(Escaping.escape("nul\u{0}bell\u{7}del\u{7F}c1\u{85}"), "nulbelldelc1")
        XCTAssertEqual(Escaping.escape("tab\tnew\nline"), "tab\tnew\nline")
        // Zero-width joiners are legitimate in emoji and scripts; they stay (they cannot form markup).
        XCTAssertEqual(Escaping.escape("a\u{200D}b"), "a\u{200D}b")
    }

    func testWriterDropsUnsafeURLsAndCannotEmitHandlers() {
        var w = HTMLWriter()
        w.element(.a, [(.href, "javascript:alert(1)"), (.class, "x\" onclick=\"alert(1)")], text: "<b>")
        XCTAssertEqual(w.html.string, "<a class=\"x&quot; onclick=&quot;alert(1)\">&lt;b&gt;</a>")
        var img = HTMLWriter()
        img.empty(.img, [(.src, "http://insecure.example/x.png"), (.alt, "\"><script>")])
        XCTAssertEqual(img.html.string, "<img alt=\"&quot;&gt;&lt;script&gt;\">")
    }

    func testLinkPolicy() {
        for ok in ["https://example.com/a?b=c&d=e", "http://example.com", "mailto:a@example.com", "#section-2", "HTTPS://EXAMPLE.COM"] {
            XCTAssertNotNil(URLPolicy.link(ok), ok)
        }
        let bad = ["javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "java\u{0}script:x",
                   "data:text/html,<script>", "vbscript:msgbox", "//evil.example", "https:evil.example", "https:/\\evil",
                   "https://ex\u{202E}ample.com", "https://exa\u{200B}mple.com", "file:///etc/passwd", "#a b", "#<x>", "",
                   "/relative/path", "mailto:"]
        for url in bad { XCTAssertNil(URLPolicy.link(url), url.debugDescription) }
    }

    func testImagePolicyIsHTTPSOnly() {
        XCTAssertNotNil(URLPolicy.image("https://images.example/cat.png"))
        for url in ["http://images.example/cat.png", "data:image/png;base64,AAAA", "javascript:alert(1)", "//images.example/x.png", "https:x.png"] {
            XCTAssertNil(URLPolicy.image(url), url)
        }
    }

    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</style><script>alert(1)</script>",
        "<svg><foreignObject><iframe src=javascript:alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "{{{body}}} {{#x}}mustache{{/x}}",
        "&lt;script&gt; &amp;",
        "evil\u{202E}gnp.exe \u{200B}zero\u{200D}width",
        "]]><!-- --><![CDATA[",
    ]

    /// Every string field of every component carries hostile text; the output must still be
    /// nothing but allow-listed markup.
    func testHostileStringsInEveryFieldStayInert() throws {
        for (n, p) in Self.payloads.enumerated() {
            let surface = Self.hostileSurface(p)
            let fragment = HTMLRenderer().renderFragment(surface)
            XCTAssertNoThrow(try MarkupScanner.check(fragment), "payload \(n)")
            do { try MarkupScanner.check(fragment) } catch { XCTFail("payload \(n): \(error)") }
            let lower = fragment.lowercased()
            XCTAssertFalse(lower.contains("<script"), "payload \(n)")
            XCTAssertFalse(lower.contains("<iframe"), "payload \(n)")
            XCTAssertFalse(lower.contains("<foreignobject"), "payload \(n)")
            XCTAssertFalse(lower.contains("<style"), "payload \(n)")
            XCTAssertFalse(lower.contains("href=\"javascript"), "payload \(n)")
            XCTAssertFalse(fragment.contains("\u{202E}"), "payload \(n)")
            // The page shell: exactly one <style> block, one <title>, no script.
            let page = HTMLRenderer().renderPage(surface)
            if n == 1 { RenderFixtures.export(page, as: "hostile") }
            XCTAssertEqual(occurrences(of: "</style>", in: page), 1, "payload \(n)")
            let head = page.components(separatedBy: "</head>").first ?? ""
            XCTAssertEqual(occurrences(of: "<title>", in: head), 1, "payload \(n)")
            XCTAssertFalse(page.lowercased().contains("<script"), "payload \(n)")
            XCTAssertEqual(occurrences(of: "<!doctype", in: page.lowercased()), 1)
        }
    }

    func testHostileTitleIsEscapedInsideTitleElement() {
        let surface = Surface(title: "</title><script>alert(1)</script>", answer: nil, root: Dashboard(id: "d", title: "t", children: []))
        let page = HTMLRenderer().renderPage(surface)
        XCTAssertTrue(page.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
    }

    static func hostileSurface(_ p: String) -> Surface {
        let chartData = ChartData(columns: [ChartColumn(name: "cat", type: .nominal, label: p, unit: p),
                                            ChartColumn(name: "val", type: .quantitative, label: p),
                                            ChartColumn(name: "series", type: .nominal, label: p)],
                                  rows: [[.string(p), .number(1), .string(p)], [.string("b"), .number(-2), .string("s2")], [.string(p + "2"), .null, .string(p)]])
        var charts: [Node] = []
        for mark in Chart.Mark.allCases {
            var chart = Chart(id: "c-\(mark.rawValue)", mark: mark, title: p, description: p, data: chartData,
                              x: Encoding(field: mark == .histogram || mark == .point ? "val" : "cat", type: mark == .histogram || mark == .point ? .quantitative : .nominal, title: p),
                              y: Encoding(field: "val", type: .quantitative, title: p),
                              color: Encoding(field: mark == .rect ? "val" : "series", type: mark == .rect ? .quantitative : .nominal, title: p),
                              theta: Encoding(field: "val", type: .quantitative, title: p),
                              annotations: [Annotation(kind: .rule, axis: .y, value: .number(0.5), label: p, tone: .danger),
                                            Annotation(kind: .band, axis: .x, from: .string(p), to: .string("b"), label: p)])
            if mark == .rect { chart.y = Encoding(field: "series", type: .nominal, title: p) }
            charts.append(.chart(chart))
        }
        let kpi = KPI(id: "k", label: p, value: 1, format: .currency0, currency: "EUR", unit: p,
                      delta: KPIDelta(value: 0.1, kind: .percent, goodDirection: .up, label: p), comparison: KPIComparison(value: 2, label: p),
                      sparkline: [1, 2, 3], footnote: p)
        let children: [Node] = [
            .heading(Heading(id: "h", text: p, level: 1)),
            .text(Text(id: "t", text: p, tone: .danger)),
            .markdown(Markdown(id: "m", markdown: p + "\n\n[" + p + "](javascript:alert(1)) ![" + p + "](" + p + ")")),
            .callout(Callout(id: "co", tone: .info, title: p, body: p)),
            .factList(FactList(id: "f", items: [Fact(label: p, value: .string(p), unit: p), Fact(label: p, value: .string(p), format: .date)])),
            .tagList(TagList(id: "tl", items: [Tag(label: p, tone: .accent)])),
            .image(Image(id: "i", src: p, alt: p, caption: p)),
            .image(Image(id: "i2", src: "https://ok.example/x.png?" + p, alt: p, caption: p)),
            .sources(Sources(id: "s", items: [Source(id: "a", title: p, url: p, publisher: p, date: p),
                                              Source(id: "b", title: p, url: "https://ok.example/\(p)", publisher: nil, date: nil)])),
            .suggestions(Suggestions(id: "su", items: [Suggestion(label: p, prompt: p)])),
            .progress(ProgressBar(id: "pr", label: p, value: 1, max: 2)),
            .kpi(kpi),
            .kpiGroup(KPIGroup(id: "kg", items: [kpi, kpi], columns: 2)),
            .table(Table(id: "tb", caption: p, columns: [TableColumn(field: "a", label: p, type: .string), TableColumn(field: "b", label: p, type: .number),
                                                        TableColumn(field: "c", label: p, type: .date)],
                         rows: [[.string(p), .number(1), .string(p)], [.bool(true), .string(p), .null]], totals: [TableTotal(field: "b", agg: .sum)])),
            .divider(Divider(id: "dv", label: p)),
            .tabs(Tabs(id: "tabs", tabs: [Tab(id: "one", label: p, children: [.text(Text(id: "tt", text: p))])])),
            .card(Card(id: "card", title: p, subtitle: p, tone: .warning, children: charts)),
            .section(Section(id: "sec", title: p, description: p, children: [.grid(Grid(id: "g", columns: 3, children: [.stack(Stack(id: "st", direction: .row, children: []))]))])),
        ]
        return Surface(title: p, answer: p, root: Dashboard(id: "d", title: p, subtitle: p, asOf: p, children: children))
    }
}
