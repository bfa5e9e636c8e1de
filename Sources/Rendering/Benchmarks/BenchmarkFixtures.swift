import Components

/// Deterministic inputs for `genui bench render` and rendering tests.
public enum BenchmarkFixtures {
    /// A 200-node dashboard with 10 charts of 1,000 data points each (every mark kind), KPI
    /// groups, tables, text and tabs. Data come from a fixed-seed generator, so every call
    /// returns the same tree.
    public static func largeDashboard() -> Surface {
        var random = SeededRandom(seed: 0x5EED_2026)
        var children: [Node] = []
        var nodes = 1  // the dashboard

        // 8 KPIs in one group: 9 nodes.
        var kpis: [KPI] = []
        for i in 0..<8 {
            let base = 1000 * Double(i + 1)
            let value = base + random.next() * 500
            let format: Format = i % 2 == 0 ? .compact : .percent1
            let good: KPIDelta.GoodDirection = i % 3 == 0 ? .down : .up
            let delta = KPIDelta(value: random.next() - 0.5, kind: .percent, goodDirection: good, label: "vs last week")
            var spark: [Double] = []
            for _ in 0..<24 { spark.append(random.next() * 100) }
            kpis.append(KPI(id: "kpi-\(i)", label: "Metric \(i + 1)", value: value, format: format, delta: delta,
                            comparison: KPIComparison(value: base, label: "Target"), sparkline: spark, footnote: nil))
        }
        children.append(.kpiGroup(KPIGroup(id: "kpis", items: kpis, columns: 4)))
        nodes += 9

        // 10 charts × 1,000 points, two per grid row inside cards.
        let charts = (0..<10).map { chart($0, random: &random) }
        var gridChildren: [Node] = []
        for (i, c) in charts.enumerated() {
            gridChildren.append(.card(Card(id: "chart-card-\(i)", span: 6, title: "Panel \(i + 1)", subtitle: "1,000 points", children: [.chart(c)])))
        }
        children.append(.grid(Grid(id: "charts", columns: 12, children: gridChildren)))
        nodes += 1 + 20

        // Filler sections until the tree holds exactly 200 nodes: each section has a grid of
        // cards with text, facts, progress and a small table.
        var section = 0
        while nodes < 200 {
            var items: [Node] = []
            var sectionNodes = 2  // section + grid
            var card = 0
            while nodes + sectionNodes + 4 <= 200 && card < 6 {
                let id = "s\(section)-c\(card)"
                items.append(.card(Card(id: id, span: 4, title: "Card \(card + 1)", children: [
                    .text(Text(id: id + "-t", text: "Summary text for card \(card + 1) in section \(section + 1).", size: .sm)),
                    .progress(ProgressBar(id: id + "-p", label: "Progress", value: random.next() * 100, max: 100, format: .integer)),
                    .table(Table(id: id + "-tb", caption: "Top items", columns: [TableColumn(field: "k", label: "Item", type: .string),
                                                                              TableColumn(field: "v", label: "Value", type: .number, format: .currency0)],
                                 rows: (0..<8).map { [.string("Item \($0 + 1)"), .number(random.next() * 10_000)] }, totals: [TableTotal(field: "v", agg: .sum)])),
                ])))
                sectionNodes += 4
                card += 1
            }
            let remaining = 200 - nodes - sectionNodes
            if card == 0 || remaining < 0 {
                // Top up with single text nodes.
                for i in 0..<(200 - nodes) { children.append(.text(Text(id: "fill-\(section)-\(i)", text: "Note \(i + 1)"))) }
                nodes = 200
                break
            }
            children.append(.section(Section(id: "section-\(section)", title: "Section \(section + 1)", description: "Details",
                                             children: [.grid(Grid(id: "section-\(section)-grid", columns: 12, children: items))])))
            nodes += sectionNodes
            section += 1
        }
        let root = Dashboard(id: "bench", title: "Benchmark dashboard", subtitle: "200 nodes, 10 charts × 1,000 points",
                             asOf: "2025-01-01T00:00:00Z", children: children)
        return Surface(title: "Benchmark dashboard", answer: "A large deterministic dashboard for render benchmarks.", root: root)
    }

    /// Counts every component in the tree (KPIs inside a KPIGroup and tab contents included).
    public static func nodeCount(_ surface: Surface) -> Int {
        func count(_ node: Node) -> Int {
            var n = 1
            if case .kpiGroup(let g) = node { n += g.items.count }
            for child in node.childNodes { n += count(child.node) }
            return n
        }
        return 1 + surface.root.children.reduce(0) { $0 + count($1) }
    }

    private static func chart(_ index: Int, random: inout SeededRandom) -> Chart {
        let id = "bench-chart-\(index)"
        let start = CivilDate.days(year: 2022, month: 1, day: 1)
        func day(_ i: Int) -> String {
            let (y, m, d) = CivilDate.fromDays(start + i)
            return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
        }
        switch index % 10 {
        case 0, 1, 8:
            // Multi-series lines (5 × 200 or 1 × 1000) with a few gaps.
            let series = index == 8 ? 1 : 5
            var rows: [[Cell]] = []
            for s in 0..<series {
                var v = 100.0 * Double(s + 1)
                for i in 0..<(1000 / series) {
                    v += random.next() * 10 - 5
                    rows.append([.string(day(i)), .string("Series \(s + 1)"), i % 97 == 50 ? .null : .number(v)])
                }
            }
            return Chart(id: id, mark: .line, title: "Daily values", description: "Values drift over time.",
                         data: ChartData(columns: [ChartColumn(name: "day", type: .temporal), ChartColumn(name: "series", type: .nominal),
                                                   ChartColumn(name: "value", type: .quantitative, format: .decimal1)], rows: rows),
                         x: Encoding(field: "day", type: .temporal), y: Encoding(field: "value", type: .quantitative),
                         color: series > 1 ? Encoding(field: "series", type: .nominal) : nil,
                         annotations: [Annotation(kind: .rule, axis: .y, value: .number(250), label: "Threshold", tone: .danger)])
        case 2, 9:
            let series = index == 9 ? 1 : 4
            let rows: [[Cell]] = (0..<series).flatMap { s in (0..<(1000 / series)).map { i in [.string(day(i)), .string("Tier \(s + 1)"), .number(1e9 * (Double(s) + 1 + random.next()))] } }
            return Chart(id: id, mark: .area, title: "Storage", description: "Storage grows steadily.",
                         data: ChartData(columns: [ChartColumn(name: "day", type: .temporal), ChartColumn(name: "tier", type: .nominal),
                                                   ChartColumn(name: "bytes", type: .quantitative, format: .bytes)], rows: rows),
                         x: Encoding(field: "day", type: .temporal), y: Encoding(field: "bytes", type: .quantitative),
                         color: series > 1 ? Encoding(field: "tier", type: .nominal) : nil, stack: series > 1 ? .zero : .none)
        case 3, 4:
            let rows: [[Cell]] = (0..<1000).map { _ in
                let x = random.next() * 100
                return [.number(x), .number(x * 2 + random.next() * 40), .number(random.next() * 50), .string(["A", "B", "C"][Int(random.next() * 3) % 3])]
            }
            return Chart(id: id, mark: .point, title: "Correlation", description: "Y rises with X.",
                         data: ChartData(columns: [ChartColumn(name: "x", type: .quantitative), ChartColumn(name: "y", type: .quantitative),
                                                   ChartColumn(name: "size", type: .quantitative), ChartColumn(name: "group", type: .nominal)], rows: rows),
                         x: Encoding(field: "x", type: .quantitative), y: Encoding(field: "y", type: .quantitative),
                         color: Encoding(field: "group", type: .nominal), size: index == 4 ? Encoding(field: "size", type: .quantitative) : nil)
        case 5:
            let rows: [[Cell]] = (0..<1000).map { _ in [.number((0..<6).reduce(0) { a, _ in a + random.next() } * 100)] }
            return Chart(id: id, mark: .histogram, title: "Distribution", description: "Values are roughly normal.",
                         data: ChartData(columns: [ChartColumn(name: "v", type: .quantitative)], rows: rows), x: Encoding(field: "v", type: .quantitative), bins: 30)
        case 6:
            let rows: [[Cell]] = (0..<1000).map { i in [.string("H\(i % 40)"), .string("D\(i / 40)"), .number(random.next())] }
            return Chart(id: id, mark: .rect, title: "Heatmap", description: "Load varies by hour and day.",
                         data: ChartData(columns: [ChartColumn(name: "h", type: .ordinal), ChartColumn(name: "d", type: .ordinal),
                                                   ChartColumn(name: "v", type: .quantitative, format: .percent0)], rows: rows),
                         x: Encoding(field: "h", type: .ordinal), y: Encoding(field: "d", type: .ordinal), color: Encoding(field: "v", type: .quantitative))
        default:
            let rows: [[Cell]] = (0..<1000).map { i in [.string("Week \(i / 20 + 1)"), .string("Product \(i % 20 + 1)"), .number(random.next() * 100)] }
            return Chart(id: id, mark: .bar, title: "Sales by week", description: "Sales are spread across products.",
                         data: ChartData(columns: [ChartColumn(name: "week", type: .ordinal), ChartColumn(name: "product", type: .nominal),
                                                   ChartColumn(name: "sales", type: .quantitative, format: .compact)], rows: rows),
                         x: Encoding(field: "week", type: .ordinal), y: Encoding(field: "sales", type: .quantitative),
                         color: Encoding(field: "product", type: .nominal), stack: .zero, legend: .bottom)
        }
    }
}

/// A small deterministic generator (SplitMix64) so fixtures never depend on the system RNG.
public struct SeededRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A value in [0, 1).
    public mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
