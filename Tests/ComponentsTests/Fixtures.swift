import JSONSchema
@testable import Components

/// Small valid building blocks for the negative tests: each test breaks one thing.
enum Fixture {
    static func surface(_ children: [Node]) -> Surface {
        Surface(title: "Test", answer: nil, root: Dashboard(id: "dash", title: "Test", children: children))
    }

    static func data(_ columns: [(String, FieldType)], _ rows: [[Cell]]) -> ChartData {
        ChartData(columns: columns.map { ChartColumn(name: $0.0, type: $0.1) }, rows: rows)
    }

    /// A bar chart of three regions.
    static func bar(_ id: String = "bar", yScale: Scale? = nil) -> Chart {
        Chart(id: id, mark: .bar, title: nil, description: "EMEA leads.",
              data: data([("region", .nominal), ("revenue", .quantitative)], [[.string("EMEA"), .number(12)], [.string("APAC"), .number(8)], [.string("LATAM"), .number(5)]]),
              x: Encoding(field: "region", type: .nominal), y: Encoding(field: "revenue", type: .quantitative, scale: yScale))
    }

    /// A pie of `values`, one slice per value.
    static func pie(_ values: [Double], donut: Bool = false) -> Chart {
        Chart(id: "pie", mark: .arc, title: nil, description: "Shares.",
              data: data([("part", .nominal), ("share", .quantitative)], values.enumerated().map { [.string("p\($0.offset)"), .number($0.element)] }),
              color: Encoding(field: "part", type: .nominal), theta: Encoding(field: "share", type: .quantitative), innerRadius: donut ? 0.6 : nil)
    }

    /// A line chart with `series` series of three dated points each.
    static func lines(series: Int, xType: FieldType = .temporal, yScale: Scale? = nil, values: [Double] = [3, 4, 5]) -> Chart {
        var rows: [[Cell]] = []
        for s in 0..<series {
            for (i, v) in values.enumerated() { rows.append([.string("2024-0\(i + 1)-01"), .string("s\(s)"), .number(v)]) }
        }
        return Chart(id: "lines", mark: .line, title: nil, description: "Trends.",
                     data: data([("day", .temporal), ("series", .nominal), ("value", .quantitative)], rows),
                     x: Encoding(field: "day", type: xType), y: Encoding(field: "value", type: .quantitative, scale: yScale),
                     color: Encoding(field: "series", type: .nominal))
    }

    static func table(_ rows: [[Cell]], totals: [TableTotal] = []) -> Table {
        Table(id: "tbl", caption: nil, columns: [
            TableColumn(field: "name", label: "Name", type: .string), TableColumn(field: "qty", label: "Qty", type: .integer),
            TableColumn(field: "price", label: "Price", type: .number, format: .currency2), TableColumn(field: "day", label: "Day", type: .date),
            TableColumn(field: "at", label: "At", type: .datetime), TableColumn(field: "ok", label: "OK", type: .boolean),
        ], rows: rows, totals: totals)
    }

    static let goodRow: [Cell] = [.string("Bolts"), .number(12), .number(0.35), .string("2024-05-01"), .string("2024-05-01T10:00:00Z"), .bool(true)]

    static func kpi(_ id: String = "kpi", value: Double = 1200, format: Format = .integer, delta: KPIDelta? = nil) -> KPI {
        KPI(id: id, label: "Orders", value: value, format: format, delta: delta)
    }
}
