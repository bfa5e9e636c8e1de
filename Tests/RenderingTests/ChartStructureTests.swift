import XCTest

@testable import Rendering

final class ChartStructureTests: XCTestCase {
    private func render(_ spec: ChartSpec, width: Double = 640) throws -> String {
        let html = ChartRenderer.render(spec, width: width).string
        try MarkupScanner.check(html)
        return html
    }

    /// The `d` attributes of paths with class containing `cls`.
    private func paths(_ html: String, _ cls: String) -> [String] {
        let pattern = #"<path d="([^"]*)" class="mark "# + cls
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    /// A colour column with no value at all (valid input) used to index an empty series list.
    func testColourColumnOfOnlyNullsDrawsOneSeries() throws {
        let rows: [[ChartSpec.Value]] = (0..<6).map { [.string("k\($0 % 3)"), .null, .number(Double($0))] }
        let columns: [(String, ChartSpec.FieldType)] = [("k", .ordinal), ("s", .nominal), ("v", .quantitative)]
        for mark in [ChartSpec.Mark.bar, .line, .area] {
            let html = try render(makeSpec(mark, columns: columns, rows: rows, x: "k", y: "v", color: "s"))
            XCTAssertFalse(html.contains("chart-error"), "\(mark)")
            XCTAssertFalse(html.contains("class=\"legend"), "\(mark): one unnamed series has no legend")
        }
        let bars = try render(makeSpec(.bar, columns: columns, rows: rows, x: "k", y: "v", color: "s"))
        XCTAssertEqual(occurrences(of: "class=\"mark bar", in: bars), 3)
    }

    func testSimpleBarsSkipNullsInsteadOfDrawingZero() throws {
        let spec = makeSpec(.bar, columns: [("k", .nominal), ("v", .quantitative)],
                            rows: [[.string("a"), .number(3)], [.string("b"), .null], [.string("c"), .number(-2)], [.string("d"), .number(5)]], x: "k", y: "v")
        let html = try render(spec)
        XCTAssertEqual(occurrences(of: "class=\"mark bar", in: html), 3)
        XCTAssertEqual(occurrences(of: "negative", in: html), 1)
        XCTAssertTrue(html.contains("class=\"baseline\""))
        XCTAssertTrue(html.contains("<text x=") && html.contains(">b</text>"), "category with a null still gets its slot")
    }

    func testGroupedStackedAndNormalizedBars() throws {
        var rows: [[ChartSpec.Value]] = []
        for k in ["a", "b", "c", "d", "e"] { for s in ["x", "y", "z"] { rows.append([.string(k), .string(s), .number(s == "y" ? -1 : 2)]) } }
        var spec = makeSpec(.bar, columns: [("k", .nominal), ("s", .nominal), ("v", .quantitative)], rows: rows, x: "k", y: "v", color: "s")
        let grouped = try render(spec)
        XCTAssertEqual(occurrences(of: "class=\"mark bar", in: grouped), 15)
        XCTAssertEqual(occurrences(of: "class=\"swatch c", in: grouped), 3, "legend with three series")
        spec.stack = .zero
        let stacked = try render(spec)
        XCTAssertEqual(occurrences(of: "class=\"mark bar", in: stacked), 15)
        XCTAssertTrue(stacked.contains("Largest total"))
        spec.stack = .normalize
        let normalized = try render(spec)
        XCTAssertTrue(normalized.contains(">100%</text>"), "normalized axis ends at 100%")
    }

    func testStackedBarsPutNegativeValuesBelowTheBaseline() throws {
        let rows: [[ChartSpec.Value]] = [[.string("a"), .string("up"), .number(10)], [.string("a"), .string("down"), .number(-5)]]
        var spec = makeSpec(.bar, columns: [("k", .nominal), ("s", .nominal), ("v", .quantitative)], rows: rows, x: "k", y: "v", color: "s")
        spec.stack = .zero
        let html = try render(spec)
        let re = try NSRegularExpression(pattern: #"<rect x="[^"]*" y="([^"]*)" width="[^"]*" height="([^"]*)" class="mark bar"#)
        let rects = re.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { m -> (Double, Double) in
            (Double(html[Range(m.range(at: 1), in: html)!]) ?? 0, Double(html[Range(m.range(at: 2), in: html)!]) ?? 0)
        }
        XCTAssertEqual(rects.count, 2)
        // The positive bar ends where the negative one starts (the zero line).
        XCTAssertEqual(rects[0].0 + rects[0].1, rects[1].0, accuracy: 0.02)
        XCTAssertEqual(rects[0].1, 2 * rects[1].1, accuracy: 0.05)
    }

    func testHorizontalBarsGrowToFitCategories() throws {
        let rows: [[ChartSpec.Value]] = (0..<30).map { [.string("Category \($0)"), .number(Double($0))] }
        var spec = makeSpec(.bar, columns: [("k", .nominal), ("v", .quantitative)], rows: rows, x: "k", y: "v")
        spec.orientation = .horizontal
        let html = try render(spec)
        XCTAssertEqual(occurrences(of: "class=\"mark bar", in: html), 30)
        let height = try XCTUnwrap(html.range(of: #"viewBox="0 0 640 (\d+)""#, options: .regularExpression).map { String(html[$0]) })
        XCTAssertFalse(height.hasSuffix(" 320\""), "taller than md for 30 rows: \(height)")
        XCTAssertTrue(html.contains("text-anchor=\"end\" class=\"tick\">Category 0</text>"))
    }

    func testLineBreaksAtNullsAndNeverDropsToZero() throws {
        let rows: [[ChartSpec.Value]] = [
            [.string("2024-01"), .number(5)], [.string("2024-02"), .number(6)], [.string("2024-03"), .null],
            [.string("2024-04"), .number(7)], [.string("2024-05"), .number(8)],
        ]
        let html = try render(makeSpec(.line, columns: [("m", .temporal), ("v", .quantitative)], rows: rows, x: "m", y: "v"))
        let d = try XCTUnwrap(paths(html, "line").first)
        XCTAssertEqual(d.filter { $0 == "M" }.count, 2, d)
        XCTAssertEqual(d.filter { $0 == "L" }.count, 2, d)
        XCTAssertEqual(occurrences(of: "class=\"mark point", in: html), 4, "a marker per non-null point")
        XCTAssertTrue(html.contains("1 missing value."))
        XCTAssertTrue(html.contains(">Jan 2024</text>"))
    }

    func testIsolatedPointBetweenNullsGetsAMarker() throws {
        let rows: [[ChartSpec.Value]] = (0..<40).map { i -> [ChartSpec.Value] in
            let y: ChartSpec.Value = i == 20 ? .number(3) : (i == 19 || i == 21 ? .null : .number(1))
            return [.number(Double(i)), y]
        }
        let html = try render(makeSpec(.line, columns: [("x", .quantitative), ("v", .quantitative)], rows: rows, x: "x", y: "v"))
        XCTAssertEqual(occurrences(of: "class=\"mark point", in: html), 1, "only the isolated point is marked on a dense line")
    }

    func testDirectLabelsUpToFiveSeriesLegendBeyond() throws {
        func spec(_ n: Int) -> ChartSpec {
            var rows: [[ChartSpec.Value]] = []
            for s in 0..<n { for x in 0..<5 { rows.append([.number(Double(x)), .string("S\(s)"), .number(Double(x * s))]) } }
            return makeSpec(.line, columns: [("x", .quantitative), ("s", .nominal), ("v", .quantitative)], rows: rows, x: "x", y: "v", color: "s")
        }
        let five = try render(spec(5))
        XCTAssertEqual(occurrences(of: "class=\"direct-label", in: five), 5)
        XCTAssertFalse(five.contains("swatch-line"))
        XCTAssertEqual(paths(five, "line").count, 5)
        let six = try render(spec(6))
        XCTAssertEqual(occurrences(of: "class=\"direct-label", in: six), 0)
        XCTAssertEqual(occurrences(of: "class=\"swatch-line", in: six), 6)
    }

    func testStackedAreasOnePolygonPerSeries() throws {
        var rows: [[ChartSpec.Value]] = []
        for d in 1...10 { for s in ["a", "b", "c"] { rows.append([.string("2025-01-\(d < 10 ? "0" : "")\(d)"), .string(s), .number(Double(d))]) } }
        var spec = makeSpec(.area, columns: [("d", .temporal), ("s", .nominal), ("v", .quantitative)], rows: rows, x: "d", y: "v", color: "s")
        spec.stack = .zero
        let html = try render(spec)
        let areas = paths(html, "area")
        XCTAssertEqual(areas.count, 3)
        XCTAssertTrue(areas.allSatisfy { $0.hasSuffix("Z") })
        XCTAssertTrue(html.contains("stacked"))
    }

    func testScatterAndBubbleSizes() throws {
        let rows: [[ChartSpec.Value]] = [[.number(1), .number(2), .number(1)], [.number(2), .number(4), .number(100)], [.number(3), .null, .number(5)], [.number(4), .number(8), .number(25)]]
        let html = try render(makeSpec(.point, columns: [("x", .quantitative), ("y", .quantitative), ("s", .quantitative)], rows: rows, x: "x", y: "y", size: "s"))
        XCTAssertEqual(occurrences(of: "class=\"mark point filled", in: html), 3)
        let radii = try NSRegularExpression(pattern: #" r="([0-9.]+)" class="mark point"#).matches(in: html, range: NSRange(html.startIndex..., in: html))
            .compactMap { Double(html[Range($0.range(at: 1), in: html)!]) }
        XCTAssertEqual(radii.count, 3)
        XCTAssertEqual(radii.max(), radii[1], "the largest size value gets the largest bubble")
        XCTAssertGreaterThan(radii[1], 2.5 * radii[0], "area-proportional: 100 vs 1")
        XCTAssertTrue(html.contains("strong positive correlation"))
    }

    func testPieAndDonut() throws {
        let rows: [[ChartSpec.Value]] = [[.string("a"), .number(50)], [.string("b"), .number(30)], [.string("c"), .number(-5)], [.string("d"), .number(20)]]
        var spec = makeSpec(.arc, columns: [("k", .nominal), ("v", .quantitative)], rows: rows, color: "k", theta: "v")
        let pie = try render(spec)
        XCTAssertEqual(paths(pie, "arc").count, 3)
        XCTAssertTrue(pie.contains("1 negative or missing value was left out."))
        XCTAssertTrue(pie.contains(">100 · 50%<") == false)
        XCTAssertTrue(pie.contains("50 · 50%"))
        spec.innerRadius = 0.6
        let donut = try render(spec)
        XCTAssertTrue(donut.contains("class=\"donut-total\""))
        XCTAssertTrue(donut.contains("Donut chart"))
    }

    func testSingleSliceIsAFullCircle() throws {
        let html = try render(makeSpec(.arc, columns: [("k", .nominal), ("v", .quantitative)], rows: [[.string("all"), .number(1)]], color: "k", theta: "v"))
        XCTAssertEqual(paths(html, "arc").count, 1)
    }

    func testHeatmapCellsAndEmptyCells() throws {
        var rows: [[ChartSpec.Value]] = []
        for x in ["a", "b", "c"] { for y in ["p", "q"] where !(x == "b" && y == "q") { rows.append([.string(x), .string(y), .number(Double(x.count + y.count))]) } }
        let html = try render(makeSpec(.rect, columns: [("x", .nominal), ("y", .nominal), ("v", .quantitative)], rows: rows, x: "x", y: "y", color: "v"))
        XCTAssertEqual(occurrences(of: "class=\"mark cell", in: html), 6)
        XCTAssertEqual(occurrences(of: "cell-empty", in: html), 1)
        let labels = occurrences(of: "class=\"cell-label", in: html)
        XCTAssertTrue(labels == 0 || labels == 5, "labels on every filled cell or none, got \(labels)")
        XCTAssertEqual(occurrences(of: "class=\"ramp-step", in: html), Palette.sequential.count)
    }

    func testHistogramCountsEveryValue() throws {
        let rows: [[ChartSpec.Value]] = (0..<100).map { [.number(Double($0 % 37))] } + [[.null]]
        var spec = makeSpec(.histogram, columns: [("v", .quantitative)], rows: rows, x: "v")
        spec.bins = 8
        let html = try render(spec)
        let re = try NSRegularExpression(pattern: #"<title>[^<]*: (\d+)</title></rect>"#)
        let counts = re.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Int(html[Range($0.range(at: 1), in: html)!]) }
        XCTAssertEqual(counts.reduce(0, +), 100)
        XCTAssertTrue(html.contains("1 missing value was left out."))
    }

    func testAnnotationsRuleAndBand() throws {
        var spec = makeSpec(.line, columns: [("x", .quantitative), ("v", .quantitative)], rows: (0..<10).map { [.number(Double($0)), .number(Double($0 * $0))] }, x: "x", y: "v")
        spec.annotations = [ChartSpec.Annotation(kind: .rule, axis: .y, value: .number(150), label: "Limit", tone: "danger"),
                            ChartSpec.Annotation(kind: .band, axis: .x, from: .number(2), to: .number(4), label: "Window", tone: "info")]
        let html = try render(spec)
        XCTAssertTrue(html.contains("class=\"rule tone-danger\""))
        XCTAssertTrue(html.contains("class=\"band tone-info\""))
        XCTAssertTrue(html.contains(">Limit</text>") && html.contains(">Window</text>"))
        // The rule above the data extends the domain so it stays visible.
        XCTAssertTrue(html.contains(">150</text>") || html.contains(">160</text>") || html.contains(">200</text>"))
    }

    func testAccessibilityStructure() throws {
        let spec = makeSpec(.bar, columns: [("k", .nominal), ("v", .quantitative)], rows: [[.string("a"), .number(1)], [.string("b"), .number(2)]], x: "k", y: "v", id: "rev")
        let html = try render(spec)
        XCTAssertTrue(html.contains("role=\"img\" aria-labelledby=\"chart-rev-title\" aria-describedby=\"chart-rev-desc chart-rev-summary\""))
        XCTAssertTrue(html.contains("<title id=\"chart-rev-title\">T</title><desc id=\"chart-rev-desc\">D</desc>"))
        XCTAssertTrue(html.contains("<details class=\"chart-data\">"))
        XCTAssertTrue(html.contains("<caption>T</caption>"))
        XCTAssertTrue(html.contains("<th scope=\"col\">k</th><th scope=\"col\" class=\"num\">v</th>"))
        XCTAssertTrue(html.contains("<th scope=\"row\">a</th><td class=\"num\">1</td>"))
        XCTAssertTrue(html.contains("id=\"chart-rev-summary\">Bar chart of v by k, 2 categories. Highest: b at 2; lowest: a at 1.</p>"))
        for cls in ["class=\"grid\"", "class=\"axis axis-y\"", "class=\"axis axis-x\"", "class=\"marks\""] { XCTAssertTrue(html.contains(cls), cls) }
    }

    func testMissingFieldRendersAnExplanationNotAChart() throws {
        let spec = makeSpec(.bar, columns: [("k", .nominal)], rows: [[.string("a")]], x: "k", y: "nope")
        var broken = spec
        broken.y = ChartSpec.Encoding(field: "nope", type: .quantitative)
        let html = try render(broken)
        XCTAssertFalse(html.contains("<svg"))
        XCTAssertTrue(html.contains("class=\"chart-error\""))
        XCTAssertTrue(html.contains("“nope”"))
    }

    func testCoordinatesHaveAtMostTwoDecimals() throws {
        let rows: [[ChartSpec.Value]] = (0..<50).map { i -> [ChartSpec.Value] in
            let x = Double(i) / 7, y = sin(Double(i)) * 1000 / 3
            return [.number(x), .number(y)]
        }
        for mark in [ChartSpec.Mark.line, .area, .point, .bar, .histogram] {
            let html = try render(makeSpec(mark, columns: [("x", .quantitative), ("y", .quantitative)], rows: rows, x: "x", y: "y"))
            let svg = String(html[html.range(of: "<svg")!.lowerBound..<html.range(of: "</svg>")!.upperBound])
            let attrs = svg.components(separatedBy: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            for value in attrs where value.range(of: #"\d\.\d{3}"#, options: .regularExpression) != nil {
                XCTFail("\(mark): unrounded number in attribute \(value.prefix(80))")
                break
            }
        }
    }

    func testOrdinalAxisThinsCrowdedLabels() throws {
        let rows: [[ChartSpec.Value]] = (0..<60).map { i -> [ChartSpec.Value] in
            let label = "W\(i / 12 + 1)-\(i % 12 + 1)"
            return [.string(label), .number(Double(i))]
        }
        let html = try render(makeSpec(.bar, columns: [("d", .ordinal), ("v", .quantitative)], rows: rows, x: "d", y: "v"), width: 400)
        let axis = String(html[html.range(of: "class=\"axis axis-x\"")!.lowerBound...])
        XCTAssertLessThan(occurrences(of: "class=\"tick\"", in: axis), 60)
        XCTAssertEqual(occurrences(of: "class=\"mark bar", in: html), 60)
    }

    func testNominalLabelsRotateWhenTheyDoNotFit() throws {
        let rows: [[ChartSpec.Value]] = (0..<12).map { [.string("A rather long product name \($0)"), .number(Double($0))] }
        let html = try render(makeSpec(.bar, columns: [("k", .nominal), ("v", .quantitative)], rows: rows, x: "k", y: "v"))
        XCTAssertTrue(html.contains("transform=\"rotate(-40"))
        XCTAssertTrue(html.contains("…</text>"))
    }

    func testLogScaleLineUsesDecadeTicks() throws {
        var spec = makeSpec(.line, columns: [("x", .quantitative), ("v", .quantitative)],
                            rows: (0..<10).map { [.number(Double($0)), .number(10_000 * pow(1.6, Double($0)))] }, x: "x", y: "v")
        spec.y?.scale = ChartSpec.Scale(type: .log)
        let html = try render(spec)
        XCTAssertTrue(html.contains(">10K</text>") && html.contains(">100K</text>"), "decade ticks on a log axis")
        XCTAssertFalse(html.contains(">0</text></g><g class=\"axis axis-y\""))
        let y10k = try XCTUnwrap(html.range(of: #"y="([0-9.]+)" text-anchor="end" class="tick">10K<"#, options: .regularExpression))
        let y100k = try XCTUnwrap(html.range(of: #"y="([0-9.]+)" text-anchor="end" class="tick">100K<"#, options: .regularExpression))
        _ = (y10k, y100k)
    }

    func testTemporalBarLabelsShowTheYearOnlyWhereItChanges() throws {
        let days = ["2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02"]
        let html = try render(makeSpec(.bar, columns: [("d", .temporal), ("v", .quantitative)], rows: days.map { [.string($0), .number(1)] }, x: "d", y: "v"))
        for label in [">Dec 30, 2024</text>", ">Dec 31</text>", ">Jan 1, 2025</text>", ">Jan 2</text>"] { XCTAssertTrue(html.contains(label), label) }
        XCTAssertTrue(html.contains("<title>Dec 31, 2024: 1</title>"), "tooltips keep the full date")
    }

    func testScatterLegendNeverOverlapsTheAxisTitle() throws {
        for legend in [ChartSpec.Legend.auto, .top, .right, .bottom] {
            var rows: [[ChartSpec.Value]] = []
            for i in 0..<8 { rows.append([.number(Double(i)), .number(Double(i * 2)), .string("Group \(i)")]) }
            var spec = makeSpec(.point, columns: [("x", .quantitative), ("y", .quantitative), ("g", .nominal)], rows: rows, x: "x", y: "y", color: "g")
            spec.legend = legend
            let html = try render(spec)
            let legendY = try NSRegularExpression(pattern: #"<text x="[^"]*" y="([0-9.]+)" class="legend-label""#).matches(in: html, range: NSRange(html.startIndex..., in: html))
                .compactMap { Double(html[Range($0.range(at: 1), in: html)!]) }
            let titleY = try NSRegularExpression(pattern: #"<text x="4" y="([0-9.]+)" class="axis-title">y<"#).firstMatch(in: html, range: NSRange(html.startIndex..., in: html))
                .flatMap { Double(html[Range($0.range(at: 1), in: html)!]) }
            XCTAssertFalse(legendY.isEmpty, "\(legend)")
            XCTAssertGreaterThan(try XCTUnwrap(titleY), (legendY.max() ?? 0) + 10, "\(legend)")
        }
    }

    func testDeterministicOutput() throws {
        let surface = try RenderFixtures.surface("sales-dashboard")
        let a = HTMLRenderer().renderPage(surface)
        let b = HTMLRenderer().renderPage(surface)
        XCTAssertEqual(a, b)
        let again = try RenderFixtures.surface("sales-dashboard")
        XCTAssertEqual(HTMLRenderer().renderPage(again), a)
    }
}
