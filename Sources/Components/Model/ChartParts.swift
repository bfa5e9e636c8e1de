import JSONSchema

/// Scale options of an encoding.
public struct Scale: JSONRepresentable {
    /// Scale function.
    public enum Kind: String, CatalogEnum { case linear, log }

    public var type: Kind
    /// Whether the scale must include zero; `nil` = renderer default (true for bars and areas).
    public var zero: Bool?
    /// Fixed `[min, max]` in data units.
    public var domain: [Double]?

    public init(type: Kind = .linear, zero: Bool? = nil, domain: [Double]? = nil) { self.type = type; self.zero = zero; self.domain = domain }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["type", "zero", "domain"])
        type = try r.enumValue("type")
        zero = try r.optionalBool("zero")
        domain = try r.optionalArray("domain", count: 2...2) { (v, p) throws(ComponentDecodingError) in try ObjectReader.number(v, at: p) }
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("type", type)
        w.set("zero", zero)
        w.set("domain", domain.map { JSONValue.array($0.map { .number(JSONNumber($0)) }) } ?? .null)
        return w.json
    }
}

/// Maps one data column to a visual channel.
public struct Encoding: JSONRepresentable {
    /// Aggregate applied when several rows share the other channels' values.
    public enum Aggregate: String, CatalogEnum { case sum, mean, count, min, max, median }

    public var field: String
    public var type: FieldType
    public var title: String?
    public var format: Format?
    public var aggregate: Aggregate?
    public var scale: Scale?

    public init(field: String, type: FieldType, title: String? = nil, format: Format? = nil, aggregate: Aggregate? = nil, scale: Scale? = nil) {
        self.field = field; self.type = type; self.title = title; self.format = format; self.aggregate = aggregate; self.scale = scale
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["field", "type", "title", "format", "aggregate", "scale"])
        field = try r.string("field")
        type = try r.enumValue("type")
        title = try r.optionalString("title")
        format = try r.optionalEnum("format")
        aggregate = try r.optionalEnum("aggregate")
        scale = try r.optional("scale")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("field", field)
        w.set("type", type)
        w.set("title", title)
        w.set("format", format)
        w.set("aggregate", aggregate)
        w.set("scale", scale)
        return w.json
    }
}

/// One column of a chart's inline data.
public struct ChartColumn: JSONRepresentable {
    public var name: String
    public var type: FieldType
    public var label: String?
    public var format: Format?
    public var unit: String?

    public init(name: String, type: FieldType, label: String? = nil, format: Format? = nil, unit: String? = nil) {
        self.name = name; self.type = type; self.label = label; self.format = format; self.unit = unit
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["name", "type", "label", "format", "unit"])
        name = try r.string("name")
        type = try r.enumValue("type")
        label = try r.optionalString("label")
        format = try r.optionalEnum("format")
        unit = try r.optionalString("unit")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("name", name)
        w.set("type", type)
        w.set("label", label)
        w.set("format", format)
        w.set("unit", unit)
        return w.json
    }
}

/// A chart's inline data in long form: one row per observation, one value per column.
public struct ChartData: JSONRepresentable {
    public var columns: [ChartColumn]
    /// Rows of strings, numbers and nulls (never booleans).
    public var rows: [[Cell]]

    public init(columns: [ChartColumn], rows: [[Cell]]) { self.columns = columns; self.rows = rows }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["columns", "rows"])
        columns = try r.array("columns", of: ChartColumn.self, count: 1...12)
        rows = try Cell.readRows(r, allowBool: false)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("columns", columns)
        w.set("rows", Cell.rowsJSON(rows))
        return w.json
    }

    /// Index of the column called `name`.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The values of column `name`, one per row (`nil` when there is no such column).
    public func values(_ name: String) -> [Cell]? {
        guard let i = columnIndex(name) else { return nil }
        return rows.map { i < $0.count ? $0[i] : .null }
    }
}

/// A reference rule or band drawn on a chart.
public struct Annotation: JSONRepresentable {
    /// rule: a line at `value`; band: a range from `from` to `to`.
    public enum Kind: String, CatalogEnum { case rule, band }
    /// The axis the positions are on.
    public enum Axis: String, CatalogEnum { case x, y }

    public var kind: Kind
    public var axis: Axis
    /// Position of a rule (number or string; `.null` for bands). Never `.bool`.
    public var value: Cell
    public var from: Cell
    public var to: Cell
    public var label: String?
    public var tone: Tone?

    public init(kind: Kind, axis: Axis, value: Cell = .null, from: Cell = .null, to: Cell = .null, label: String? = nil, tone: Tone? = nil) {
        self.kind = kind; self.axis = axis; self.value = value; self.from = from; self.to = to; self.label = label; self.tone = tone
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["kind", "axis", "value", "from", "to", "label", "tone"])
        kind = try r.enumValue("kind")
        axis = try r.enumValue("axis")
        value = try Cell.read(r.value("value"), at: pointer / "value", allowBool: false)
        from = try Cell.read(r.value("from"), at: pointer / "from", allowBool: false)
        to = try Cell.read(r.value("to"), at: pointer / "to", allowBool: false)
        label = try r.optionalString("label")
        tone = try r.optionalEnum("tone")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("kind", kind)
        w.set("axis", axis)
        w.set("value", value.json)
        w.set("from", from.json)
        w.set("to", to.json)
        w.set("label", label)
        w.set("tone", tone)
        return w.json
    }
}
