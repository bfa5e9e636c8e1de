/// Field lookup, labels, formats and aggregation over a `ChartSpec`'s inline data.
struct ChartFields {
    let spec: ChartSpec
    private let columnIndex: [String: Int]

    init(_ spec: ChartSpec) {
        self.spec = spec
        var index: [String: Int] = [:]
        for (i, column) in spec.columns.enumerated() where index[column.name] == nil { index[column.name] = i }
        columnIndex = index
    }

    /// Why an encoding cannot be drawn.
    struct MissingField: Error { var field: String; var channel: String }

    func column(_ encoding: ChartSpec.Encoding, channel: String) throws(MissingField) -> Int {
        guard let index = columnIndex[encoding.field] else { throw MissingField(field: encoding.field, channel: channel) }
        return index
    }

    func columnInfo(_ encoding: ChartSpec.Encoding) -> ChartSpec.Column? {
        columnIndex[encoding.field].map { spec.columns[$0] }
    }

    /// Axis/legend title: encoding title, else column label, else field name; unit appended.
    func title(_ encoding: ChartSpec.Encoding) -> String {
        let column = columnInfo(encoding)
        let base = encoding.title ?? column?.label ?? encoding.field
        if let unit = column?.unit, !unit.isEmpty, !base.contains(unit) { return "\(base) (\(unit))" }
        return base
    }

    /// The format token for values of `encoding` (normalize stacks override with percent).
    func format(_ encoding: ChartSpec.Encoding) -> FormatToken {
        encoding.format ?? columnInfo(encoding)?.format ?? .auto
    }

    /// The data: the catalog's cells, read in place (see `ChartTable`).
    var table: ChartTable { spec.table }

    /// Formats a number for display with an encoding's format.
    func display(_ value: Double, _ encoding: ChartSpec.Encoding?) -> String {
        guard let encoding else { return ValueFormatter.format(value, .auto) }
        let token = format(encoding)
        if encoding.type == .temporal, !token.isTemporal, token == .auto { return ValueFormatter.temporal(value, .date) }
        return ValueFormatter.format(value, token, currency: spec.currency)
    }

    /// Formats a cell for the data table.
    func display(cell value: ChartSpec.Value, column: ChartSpec.Column) -> String {
        Self.display(cell: value, format: column.format, currency: spec.currency)
    }

    static func display(cell value: ChartSpec.Value, format: FormatToken?, currency: String?) -> String {
        switch value {
        case .null: return "–"
        case .number(let n): return ValueFormatter.format(n, format ?? .auto, currency: currency)
        case .string(let s): return format.map { ValueFormatter.format(s, $0, currency: currency) } ?? s
        }
    }

    /// The axis title of a normalized stack: "Share of X", unless X already says so.
    static func shareTitle(_ title: String) -> String {
        let lower = title.lowercased()
        return lower.contains("share") || lower.contains("percent") || lower.contains("%") ? title : "Share of \(title)"
    }

    static func aggregate(_ values: [Double], _ kind: ChartSpec.Aggregate) -> Double {
        guard !values.isEmpty else { return kind == .count ? 0 : .nan }
        switch kind {
        case .sum: return values.reduce(0, +)
        case .mean: return values.reduce(0, +) / Double(values.count)
        case .count: return Double(values.count)
        case .min: return values.min() ?? .nan
        case .max: return values.max() ?? .nan
        case .median:
            let sorted = values.sorted()
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
    }
}

/// One aggregate computed as values arrive, in row order, so it equals
/// `ChartFields.aggregate(values, kind)` over the same values; only a median keeps them.
struct RunningAggregate {
    let kind: ChartSpec.Aggregate
    private(set) var count = 0
    private var sum = 0.0
    private var least = 0.0
    private var greatest = 0.0
    private var values: [Double] = []

    init(_ kind: ChartSpec.Aggregate) { self.kind = kind }

    mutating func add(_ v: Double) {
        sum += v
        if count == 0 || v < least { least = v }
        if count == 0 || v > greatest { greatest = v }
        if kind == .median { values.append(v) }
        count += 1
    }

    /// The aggregate, nil when no value arrived.
    var result: Double? {
        guard count > 0 else { return nil }
        switch kind {
        case .sum: return sum
        case .mean: return sum / Double(count)
        case .count: return Double(count)
        case .min: return least
        case .max: return greatest
        case .median: return ChartFields.aggregate(values, .median)
        }
    }
}

/// Tick label formatting that keeps every label of one axis at the same precision.
enum TickFormat {
    static func labels(_ values: [Double], step: Double, token: FormatToken, currency: String?) -> [String] {
        let decimals = NiceTicks.decimals(for: step)
        let maxMagnitude = values.map(abs).max() ?? 0
        return values.map { v in
            switch token {
            case .auto, .decimal1, .decimal2, .integer:
                if maxMagnitude >= 10_000 && token == .auto { return ValueFormatter.compact(v) }
                return NumberText.fixed(v, decimals: token == .auto ? decimals : max(decimals, token == .integer ? 0 : 0), trim: false)
            case .percent0, .percent1:
                let places = max(token == .percent1 ? 1 : 0, NiceTicks.decimals(for: step * 100))
                return NumberText.fixed(v * 100, decimals: min(places, 3)) + "%"
            case .currency0, .currency2:
                if maxMagnitude >= 10_000 {
                    let symbol = ValueFormatter.money(0, decimals: 0, code: currency).dropLast()
                    let body = ValueFormatter.compact(abs(v))
                    return (v < 0 ? NumberText.minus : "") + symbol + body
                }
                return ValueFormatter.money(v, decimals: decimals > 0 ? 2 : 0, code: currency)
            default:
                return ValueFormatter.format(v, token, currency: currency)
            }
        }
    }
}
