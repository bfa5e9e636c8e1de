import Components
import JSONSchema

/// Deterministic inputs for `genui bench render`.
enum BenchFixtures {
    /// A 201-node dashboard: 10 sections of 20 nodes, each a grid holding a KPI group (4 KPIs), a chart
    /// of 1,000 points (alternating line and bar), a 20-row table, and eleven text and progress leaves.
    static func largeDashboard() throws -> Surface {
        var rng = SplitMix(seed: 42)
        var sections: [JSONValue] = []
        for s in 0..<10 {
            let isLine = s % 2 == 0
            var rows: [JSONValue] = []
            for i in 0..<1000 {
                let x: JSONValue = isLine ? .int(i) : .string("c\(i % 50)")
                rows.append(.array([x, .double((rng.next() * 2000 - 300).rounded() / 10), .string(["north", "south"][i % 2])]))
            }
            let chart = obj([
                ("type", "Chart"), ("id", .string("chart-\(s)")), ("span", .int(8)), ("mark", .string(isLine ? "line" : "bar")),
                ("title", .string("Series \(s)")), ("description", .string("Synthetic series \(s) with 1,000 points.")),
                ("data", obj([
                    ("columns", .array([
                        column("x", isLine ? "quantitative" : "nominal"), column("value", "quantitative"), column("region", "nominal"),
                    ])),
                    ("rows", .array(rows)),
                ])),
                ("x", encoding("x", isLine ? "quantitative" : "nominal")), ("y", encoding("value", "quantitative")),
                ("color", encoding("region", "nominal")), ("size", .null), ("theta", .null),
                ("stack", "none"), ("orientation", "vertical"), ("innerRadius", .null), ("bins", .null),
                ("annotations", .array([])), ("legend", "auto"), ("height", "md"),
            ])
            var kpis: [JSONValue] = []
            for k in 0..<4 {
                kpis.append(obj([
                    ("type", "KPI"), ("id", .string("kpi-\(s)-\(k)")), ("span", .null), ("label", .string("Metric \(k)")),
                    ("value", .double((rng.next() * 1e6).rounded())), ("format", "compact"), ("currency", .null), ("unit", .null),
                    ("delta", obj([("value", .double(((rng.next() - 0.5) * 20).rounded())), ("kind", "percent"), ("goodDirection", "up"), ("label", .null)])),
                    ("comparison", .null), ("sparkline", .array((0..<12).map { _ in .double((rng.next() * 100).rounded()) })), ("footnote", .null),
                ]))
            }
            var tableRows: [JSONValue] = []
            for r in 0..<20 { tableRows.append(.array([.string("Item \(r)"), .double((rng.next() * 1e4).rounded()), .double(rng.next().rounded(toPlaces: 3))])) }
            let table = obj([
                ("type", "Table"), ("id", .string("table-\(s)")), ("span", .int(4)), ("caption", .string("Top items, section \(s)")),
                ("columns", .array([
                    tableColumn("name", "Name", "string", .null), tableColumn("amount", "Amount", "number", "compact"),
                    tableColumn("share", "Share", "number", "percent1"),
                ])),
                ("rows", .array(tableRows)), ("totals", .array([obj([("field", "amount"), ("agg", "sum")])])),
            ])
            let leaves: [JSONValue] = [
                obj([("type", "Callout"), ("id", .string("callout-\(s)")), ("span", .int(6)), ("tone", "info"), ("title", .string("Note")), ("body", .string("Section \(s) summary."))]),
                obj([("type", "Text"), ("id", .string("text-\(s)")), ("span", .int(6)), ("text", .string("Plain text for section \(s).")), ("size", "md"), ("tone", .null)]),
                obj([("type", "Markdown"), ("id", .string("md-\(s)")), ("span", .int(6)), ("markdown", .string("**Bold** and a [link](https://example.com/\(s)).\n\n- one\n- two"))]),
                obj([("type", "TagList"), ("id", .string("tags-\(s)")), ("span", .int(6)), ("items", .array([obj([("label", "alpha"), ("tone", .null)]), obj([("label", "beta"), ("tone", "success")])]))]),
                obj([("type", "Heading"), ("id", .string("heading-\(s)")), ("span", .null), ("text", .string("Details \(s)")), ("level", .int(3))]),
                obj([("type", "Divider"), ("id", .string("divider-\(s)")), ("span", .null), ("label", .null)]),
                obj([("type", "FactList"), ("id", .string("facts-\(s)")), ("span", .int(6)), ("items", .array([
                    obj([("label", "Owner"), ("value", .string("Team \(s)")), ("format", .null), ("unit", .null)]),
                    obj([("label", "Budget"), ("value", .double(125000)), ("format", "currency0"), ("unit", .null)]),
                ])), ("columns", .int(2))]),
                obj([("type", "Text"), ("id", .string("text2-\(s)")), ("span", .int(6)), ("text", .string("More text.")), ("size", "sm"), ("tone", "neutral")]),
            ] + (0..<3).map { p in
                obj([("type", "Progress"), ("id", .string("progress-\(s)-\(p)")), ("span", .int(4)), ("label", .string("Goal \(p)")),
                     ("value", .double((rng.next() * 100).rounded())), ("max", .double(100)), ("format", .null), ("tone", .null)])
            }
            let grid = obj([
                ("type", "Grid"), ("id", .string("grid-\(s)")), ("span", .null), ("columns", .int(12)), ("gap", "md"),
                ("children", .array([obj([("type", "KPIGroup"), ("id", .string("kpis-\(s)")), ("span", .null), ("items", .array(kpis)), ("columns", .int(4))]), chart, table] + leaves)),
            ])
            sections.append(obj([
                ("type", "Section"), ("id", .string("section-\(s)")), ("span", .null), ("title", .string("Section \(s)")),
                ("description", .null), ("children", .array([grid])),
            ]))
        }
        let doc = obj([
            ("version", "1"), ("title", "Benchmark dashboard"), ("answer", .string("A synthetic 200-node dashboard.")),
            ("root", obj([
                ("type", "Dashboard"), ("id", "bench"), ("title", "Benchmark dashboard"), ("subtitle", .null), ("asOf", .null),
                ("children", .array(sections)),
            ])),
        ])
        return try Surface(json: doc, at: .root)
    }

    private static func obj(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs)) }

    private static func column(_ name: String, _ type: String) -> JSONValue {
        obj([("name", .string(name)), ("type", .string(type)), ("label", .null), ("format", .null), ("unit", .null)])
    }

    private static func encoding(_ field: String, _ type: String) -> JSONValue {
        obj([("field", .string(field)), ("type", .string(type)), ("title", .null), ("format", .null), ("aggregate", .null), ("scale", .null)])
    }

    private static func tableColumn(_ field: String, _ label: String, _ type: String, _ format: JSONValue) -> JSONValue {
        obj([("field", .string(field)), ("label", .string(label)), ("type", .string(type)), ("format", format), ("align", .null)])
    }
}

/// SplitMix64: a tiny deterministic generator, so benchmark inputs are identical on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}

extension Double {
    func rounded(toPlaces p: Int) -> Double {
        var m = 1.0
        for _ in 0..<p { m *= 10 }
        return (self * m).rounded() / m
    }
}
