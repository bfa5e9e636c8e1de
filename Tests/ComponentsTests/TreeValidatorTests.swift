import JSONSchema
import XCTest
@testable import Components

/// One failing tree per semantic rule, checking the exact code and pointer of every finding.
final class TreeValidatorTests: XCTestCase {
    func findings(_ children: [Node], limits: TreeLimits = .default) -> [String] {
        TreeValidator(limits: limits).validate(Fixture.surface(children)).map { "\($0.code) \($0.pointer)" }
    }

    func testValidFixturesHaveNoFindings() {
        XCTAssertEqual(findings([.chart(Fixture.bar()), .table(Fixture.table([Fixture.goodRow])), .kpi(Fixture.kpi()),
                                 .chart(Fixture.pie([1, 2, 3])), .chart(Fixture.lines(series: 2))]), [])
    }

    // MARK: ids

    func testDuplicateIDs() {
        let tabs = Tabs(id: "views", tabs: [Tab(id: "bar", label: "A", children: []), Tab(id: "t2", label: "B", children: [.heading(Heading(id: "h", text: "x", level: 2))])])
        let group = KPIGroup(id: "kpis", items: [Fixture.kpi("h"), Fixture.kpi("k2")], columns: 2)
        XCTAssertEqual(findings([.chart(Fixture.bar()), .tabs(tabs), .kpiGroup(group)]), [
            "duplicate-id /root/children/1/tabs/0/id",
            "duplicate-id /root/children/2/items/0/id",
        ])
    }

    func testDuplicateIDAgainstDashboard() {
        XCTAssertEqual(findings([.divider(Divider(id: "dash"))]), ["duplicate-id /root/children/0/id"])
    }

    func testInvalidID() {
        XCTAssertEqual(findings([.divider(Divider(id: "Bad_ID"))]), ["invalid-id /root/children/0/id"])
        XCTAssertEqual(findings([.divider(Divider(id: String(repeating: "a", count: 49)))]), ["invalid-id /root/children/0/id"])
    }

    // MARK: limits

    func testDepthLimit() {
        let inner = Node.card(Card(id: "c3", title: nil, children: [.divider(Divider(id: "deep"))]))
        let tree = Node.section(Section(id: "c1", title: nil, children: [.stack(Stack(id: "c2", direction: .row, children: [inner]))]))
        XCTAssertEqual(findings([tree], limits: TreeLimits(maxDepth: 4)), ["too-deep /root/children/0/children/0/children/0/children/0"])
        XCTAssertEqual(findings([tree], limits: TreeLimits(maxDepth: 5)), [])
    }

    func testDepthCountsTabsAndKPIGroups() {
        let group = KPIGroup(id: "kpis", items: [Fixture.kpi("k1"), Fixture.kpi("k2")], columns: 2)
        let tabs = Tabs(id: "views", tabs: [Tab(id: "t1", label: "A", children: [.kpiGroup(group)])])
        XCTAssertEqual(findings([.tabs(tabs)], limits: TreeLimits(maxDepth: 3)), ["too-deep /root/children/0/tabs/0/children/0/items/0"])
    }

    func testNodeLimit() {
        let nodes = (0..<5).map { Node.divider(Divider(id: "d\($0)")) }
        XCTAssertEqual(findings(nodes, limits: TreeLimits(maxNodes: 4)), ["too-many-nodes /root/children/3"])
        XCTAssertEqual(findings(nodes, limits: TreeLimits(maxNodes: 6)), [])
    }

    func testRowLimit() {
        XCTAssertEqual(findings([.chart(Fixture.bar()), .table(Fixture.table([Fixture.goodRow, Fixture.goodRow, Fixture.goodRow]))], limits: TreeLimits(maxRows: 2)),
                       ["too-many-rows /root/children/0/data/rows", "too-many-rows /root/children/1/rows"])
    }

    func testStringLimit() {
        XCTAssertEqual(findings([.text(Text(id: "t", text: String(repeating: "é", count: 11)))], limits: TreeLimits(maxStringLength: 10)),
                       ["string-too-long /root/children/0/text"])
    }

    // MARK: links

    func testImageMustBeHTTPS() {
        XCTAssertEqual(findings([.image(Image(id: "img", src: "http://example.com/a.png", alt: "A chart"))]), ["image-not-https /root/children/0/src"])
        XCTAssertEqual(findings([.image(Image(id: "img", src: "https://example.com/a.png", alt: "A chart"))]), [])
    }

    func testMarkdownLinkSchemes() {
        let ok = "See [docs](https://a.example), [old](http://b.example), <https://c.example>, mail [us](mailto:x@example.com) and `[code](javascript:x)`."
        XCTAssertEqual(findings([.markdown(Markdown(id: "md", markdown: ok))]), [])
        for bad in ["[x](javascript:alert(1))", "[x](ftp://files.example)", "![img](http://example.com/a.png)", "<data:text/html,hi>",
                    "[ref]: javascript:alert(1)", "[relative](/path/only)"] {
            XCTAssertEqual(findings([.markdown(Markdown(id: "md", markdown: bad))]), ["link-scheme /root/children/0/markdown"], bad)
        }
    }

    func testSourceURLsAndIDs() {
        let sources = Sources(id: "src", items: [Source(id: "s1", title: "A", url: "https://a.example"), Source(id: "s1", title: "B", url: "ftp://b.example")])
        XCTAssertEqual(findings([.sources(sources)]), ["link-scheme /root/children/0/items/1/url", "duplicate-source-id /root/children/0/items/1/id"])
    }

    func testCurrencyCode() {
        var kpi = Fixture.kpi(format: .currency0)
        kpi.currency = "eur"
        XCTAssertEqual(findings([.kpi(kpi)]), ["currency-code /root/children/0/currency"])
    }

    func testProgressMax() {
        XCTAssertEqual(findings([.progress(ProgressBar(id: "p", label: "Quota", value: 3, max: 0))]), ["progress-max /root/children/0/max"])
        XCTAssertEqual(findings([.progress(ProgressBar(id: "p", label: "Quota", value: 12, max: 10))]), [])
    }

    // MARK: percent scale

    func testPercentScaleWarnings() {
        var kpi = Fixture.kpi(value: 45, format: .percent0, delta: KPIDelta(value: 5.2, kind: .percent, goodDirection: .up))
        kpi.sparkline = [0.4, 41]
        let facts = FactList(id: "facts", items: [Fact(label: "Share", value: .number(0.45), format: .percent0), Fact(label: "Rate", value: .number(12), format: .percent1)])
        var table = Fixture.table([Fixture.goodRow])
        table.columns[2].format = .percent1
        table.rows[0][2] = .number(35)
        var chart = Fixture.bar()
        chart.data.columns[1].format = .percent0
        let out = TreeValidator().validate(Fixture.surface([.kpi(kpi), .factList(facts), .table(table), .chart(chart)]))
        XCTAssertTrue(out.allSatisfy { $0.severity == .warning && $0.code == "percent-scale" })
        XCTAssertEqual(out.map(\.pointer.description), [
            "/root/children/0/value", "/root/children/0/sparkline/1", "/root/children/0/delta/value",
            "/root/children/1/items/1/value", "/root/children/2/rows/0/2",
            "/root/children/3/data/rows/0/1", "/root/children/3/data/rows/1/1", "/root/children/3/data/rows/2/1",
        ])
        XCTAssertEqual(findings([.kpi(Fixture.kpi(value: 1.35, format: .percent0))]), [])
    }

    // MARK: tables

    func testTableRowArity() {
        XCTAssertEqual(findings([.table(Fixture.table([Fixture.goodRow, Array(Fixture.goodRow.dropLast())]))]), ["table-row-arity /root/children/0/rows/1"])
    }

    func testTableCellTypes() {
        var bad = Fixture.goodRow
        bad[0] = .number(3)
        bad[1] = .number(2.5)
        bad[2] = .string("12")
        bad[3] = .string("2024-13-01")
        bad[4] = .string("2024-05-01")
        bad[5] = .string("yes")
        XCTAssertEqual(findings([.table(Fixture.table([bad]))]), (0..<6).map { "table-cell-type /root/children/0/rows/0/\($0)" })
        let nulls: [Cell] = Array(repeating: .null, count: 6)
        XCTAssertEqual(findings([.table(Fixture.table([nulls]))]), [])
    }

    func testTableTotalsAndFields() {
        var table = Fixture.table([Fixture.goodRow], totals: [TableTotal(field: "qty", agg: .sum), TableTotal(field: "missing", agg: .sum),
                                                              TableTotal(field: "name", agg: .avg), TableTotal(field: "name", agg: .count)])
        table.columns[5].field = "qty"
        XCTAssertEqual(findings([.table(table)]), [
            "table-duplicate-field /root/children/0/columns/5/field",
            "table-total-field /root/children/0/totals/1/field",
            "table-total-field /root/children/0/totals/2/agg",
        ])
    }

    // MARK: charts

    func testChartRowArityAndCellTypes() {
        var chart = Fixture.bar()
        chart.data.rows[0] = [.string("EMEA")]
        chart.data.rows[1][1] = .string("8")
        chart.data.rows[2][0] = .bool(true)
        XCTAssertEqual(findings([.chart(chart)]), [
            "chart-row-arity /root/children/0/data/rows/0",
            "chart-cell-type /root/children/0/data/rows/1/1",
            "chart-cell-type /root/children/0/data/rows/2/0",
        ])
    }

    func testTemporalColumnsNeedISODates() {
        var chart = Fixture.lines(series: 1)
        chart.data.rows[1][0] = .string("March 2024")
        chart.data.rows[2][0] = .number(2024)
        XCTAssertEqual(findings([.chart(chart)]), ["chart-cell-type /root/children/0/data/rows/1/0", "chart-cell-type /root/children/0/data/rows/2/0"])
    }

    func testChartUnknownFieldAndDuplicateColumn() {
        var chart = Fixture.bar()
        chart.y?.field = "revenu"
        chart.data.columns.append(ChartColumn(name: "region", type: .nominal))
        for i in chart.data.rows.indices { chart.data.rows[i].append(.null) }
        XCTAssertEqual(findings([.chart(chart)]), ["chart-duplicate-column /root/children/0/data/columns/2/name", "chart-unknown-field /root/children/0/y/field"])
    }

    func testEncodingTypeMustFitColumn() {
        var chart = Fixture.bar()
        chart.y = Encoding(field: "region", type: .quantitative)
        chart.x = Encoding(field: "revenue", type: .temporal)
        XCTAssertEqual(findings([.chart(chart)]), ["chart-encoding-type /root/children/0/x/type", "chart-encoding-type /root/children/0/y/type"])
        chart.y = Encoding(field: "region", type: .quantitative, aggregate: .count)
        chart.x = Encoding(field: "revenue", type: .ordinal)
        XCTAssertEqual(findings([.chart(chart)]), [])
    }

    func testMissingChannels() {
        var bar = Fixture.bar()
        bar.y = nil
        var pie = Fixture.pie([1, 2])
        pie.color = nil
        pie.theta?.type = .nominal
        var hist = Fixture.bar("hist")
        hist.mark = .histogram
        hist.x = Encoding(field: "region", type: .nominal)
        var heat = Fixture.bar("heat")
        heat.mark = .rect
        var scatter = Fixture.bar("scatter")
        scatter.mark = .point
        XCTAssertEqual(findings([.chart(bar), .chart(pie), .chart(hist), .chart(heat), .chart(scatter)]), [
            "chart-missing-channel /root/children/0/y",
            "chart-missing-channel /root/children/1/theta/type", "chart-missing-channel /root/children/1/color",
            "chart-missing-channel /root/children/2/x/type",
            "chart-missing-channel /root/children/3/color",
            "chart-missing-channel /root/children/4/x/type",
        ])
    }

    func testAnnotationPositions() {
        var chart = Fixture.bar()
        chart.annotations = [Annotation(kind: .rule, axis: .y, value: .number(10)), Annotation(kind: .rule, axis: .y),
                             Annotation(kind: .band, axis: .y, from: .number(1)), Annotation(kind: .band, axis: .x, to: .string("APAC"))]
        XCTAssertEqual(findings([.chart(chart)]), [
            "annotation-position /root/children/0/annotations/1/value",
            "annotation-position /root/children/0/annotations/2/to",
            "annotation-position /root/children/0/annotations/3/from",
        ])
    }

    func testDiagnosticRendering() {
        let d = Diagnostic(.error, "duplicate-id", JSONPointer(["root", "children", "2", "id"]), "id \"a\" is already used at /root/id")
        XCTAssertEqual(d.description, "error duplicate-id /root/children/2/id: id \"a\" is already used at /root/id")
        XCTAssertEqual(d.json["path"], .string("/root/children/2/id"))
    }
}
