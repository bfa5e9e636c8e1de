import Components

extension FormatToken {
    /// The token for a catalog `Format`.
    init(_ format: Format) {
        self = FormatToken(rawValue: format.rawValue) ?? .auto
    }
}

extension ChartSpec.Value {
    init(_ cell: Cell) {
        switch cell {
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .string(b ? "true" : "false")
        case .null: self = .null
        }
    }
}

extension Cell {
    /// The catalog cell of an engine value (`ChartTable(rows:)` holds its rows as cells).
    init(_ value: ChartSpec.Value) {
        switch value {
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .null: self = .null
        }
    }
}

extension ChartSpec.Encoding {
    init(_ e: Encoding) {
        var scale: ChartSpec.Scale?
        if let s = e.scale {
            var domain: (Double, Double)?
            if let d = s.domain, d.count == 2 { domain = (d[0], d[1]) }
            scale = ChartSpec.Scale(type: s.type == .log ? .log : .linear, zero: s.zero, domain: domain)
        }
        self.init(field: e.field, type: ChartSpec.FieldType(rawValue: e.type.rawValue) ?? .nominal, title: e.title,
                  format: e.format.map(FormatToken.init), aggregate: e.aggregate.flatMap { ChartSpec.Aggregate(rawValue: $0.rawValue) },
                  scale: scale)
    }
}

extension ChartSpec {
    /// The engine's view of a catalog `Chart` node, with rows capped at `maxRows`.
    public init(chart: Chart, maxRows: Int = 5000) {
        let columns = chart.data.columns.map {
            Column(name: $0.name, type: FieldType(rawValue: $0.type.rawValue) ?? .nominal, label: $0.label,
                   format: $0.format.map(FormatToken.init), unit: $0.unit)
        }
        self.init(id: chart.id, mark: Mark(rawValue: chart.mark.rawValue) ?? .bar, title: chart.title, description: chart.description,
                  columns: columns, table: ChartTable(chart.data.rows.prefix(maxRows)), x: chart.x.map(Encoding.init), y: chart.y.map(Encoding.init),
                  color: chart.color.map(Encoding.init), size: chart.size.map(Encoding.init), theta: chart.theta.map(Encoding.init))
        stack = Stack(rawValue: chart.stack.rawValue) ?? .none
        orientation = Orientation(rawValue: chart.orientation.rawValue) ?? .vertical
        innerRadius = chart.innerRadius
        bins = chart.bins
        legend = Legend(rawValue: chart.legend.rawValue) ?? .auto
        height = Height(rawValue: chart.height.rawValue) ?? .md
        annotations = chart.annotations.map {
            Annotation(kind: $0.kind == .band ? .band : .rule, axis: $0.axis == .x ? .x : .y, value: Value($0.value),
                       from: Value($0.from), to: Value($0.to), label: $0.label, tone: $0.tone?.rawValue)
        }
    }
}
