/// What the chart engine draws: the catalog's `Chart` component in the engine's own terms,
/// so the engine (and sparklines, benchmarks, tests) does not depend on how the component
/// tree is decoded. `ChartSpec(chart:)` in `ComponentAdapters.swift` builds one from a node;
/// its data stay the catalog's `[[Cell]]`, read in place rather than copied (see `ChartTable`).
public struct ChartSpec: Sendable {
    public enum Mark: String, Sendable { case bar, line, area, point, arc, rect, histogram }
    public enum FieldType: String, Sendable { case quantitative, temporal, ordinal, nominal }
    public enum Aggregate: String, Sendable { case sum, mean, count, min, max, median }
    public enum Stack: String, Sendable { case none, zero, normalize }
    public enum Orientation: String, Sendable { case vertical, horizontal }
    public enum Legend: String, Sendable { case auto, top, right, bottom, none }
    public enum Height: String, Sendable { case sm, md, lg }

    /// A data cell.
    public enum Value: Sendable, Hashable {
        case number(Double)
        case string(String)
        case null
    }

    public struct Column: Sendable {
        public var name: String
        public var type: FieldType
        public var label: String?
        public var format: FormatToken?
        public var unit: String?
        public init(name: String, type: FieldType, label: String? = nil, format: FormatToken? = nil, unit: String? = nil) {
            self.name = name; self.type = type; self.label = label; self.format = format; self.unit = unit
        }
    }

    public struct Scale: Sendable {
        public enum Kind: String, Sendable { case linear, log }
        public var type: Kind
        public var zero: Bool?
        public var domain: (Double, Double)?
        public init(type: Kind = .linear, zero: Bool? = nil, domain: (Double, Double)? = nil) {
            self.type = type; self.zero = zero; self.domain = domain
        }
    }

    public struct Encoding: Sendable {
        public var field: String
        public var type: FieldType
        public var title: String?
        public var format: FormatToken?
        public var aggregate: Aggregate?
        public var scale: Scale?
        public init(field: String, type: FieldType, title: String? = nil, format: FormatToken? = nil,
                    aggregate: Aggregate? = nil, scale: Scale? = nil) {
            self.field = field; self.type = type; self.title = title; self.format = format
            self.aggregate = aggregate; self.scale = scale
        }
    }

    public struct Annotation: Sendable {
        public enum Kind: String, Sendable { case rule, band }
        public enum Axis: String, Sendable { case x, y }
        public var kind: Kind
        public var axis: Axis
        public var value: Value
        public var from: Value
        public var to: Value
        public var label: String?
        /// A catalog `Tone` raw value (`neutral`, `danger`, …).
        public var tone: String?
        public init(kind: Kind, axis: Axis, value: Value = .null, from: Value = .null, to: Value = .null,
                    label: String? = nil, tone: String? = nil) {
            self.kind = kind; self.axis = axis; self.value = value; self.from = from; self.to = to
            self.label = label; self.tone = tone
        }
    }

    /// The node id: every SVG id is derived from it.
    public var id: String
    public var mark: Mark
    public var title: String?
    /// The one-sentence takeaway (the SVG `<desc>`).
    public var description: String
    public var columns: [Column]
    /// The data: the catalog's cells, read in place (see `ChartTable`).
    public var table: ChartTable
    /// The data as rows (built from `table` on every read; the engine reads `table`).
    public var rows: [[Value]] {
        get { table.rows }
        set { table = ChartTable(rows: newValue) }
    }
    public var x: Encoding?
    public var y: Encoding?
    public var color: Encoding?
    public var size: Encoding?
    public var theta: Encoding?
    public var stack: Stack = .none
    public var orientation: Orientation = .vertical
    public var innerRadius: Double?
    public var bins: Int?
    public var annotations: [Annotation] = []
    public var legend: Legend = .auto
    public var height: Height = .md
    /// ISO 4217 code used by currency formats.
    public var currency: String?

    public init(id: String, mark: Mark, title: String? = nil, description: String, columns: [Column], rows: [[Value]],
                x: Encoding? = nil, y: Encoding? = nil, color: Encoding? = nil, size: Encoding? = nil, theta: Encoding? = nil) {
        self.init(id: id, mark: mark, title: title, description: description, columns: columns, table: ChartTable(rows: rows),
                  x: x, y: y, color: color, size: size, theta: theta)
    }

    public init(id: String, mark: Mark, title: String? = nil, description: String, columns: [Column], table: ChartTable,
                x: Encoding? = nil, y: Encoding? = nil, color: Encoding? = nil, size: Encoding? = nil, theta: Encoding? = nil) {
        self.id = id; self.mark = mark; self.title = title; self.description = description
        self.columns = columns; self.table = table
        self.x = x; self.y = y; self.color = color; self.size = size; self.theta = theta
    }
}

extension ChartSpec.Value {
    /// The numeric value (numbers, numeric strings and ISO dates as epoch seconds when `temporal`).
    func number(temporal: Bool = false) -> Double? {
        switch self {
        case .number(let n): return n.isFinite ? n : nil
        case .string(let s):
            if temporal { return ISO8601.parse(s)?.epochSeconds }
            return Double(s).flatMap { $0.isFinite ? $0 : nil }
        case .null: return nil
        }
    }

    /// The value as a category key (numbers spelled deterministically).
    var key: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .null: return nil
        }
    }
}
