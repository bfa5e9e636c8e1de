import JSONSchema

/// A progress bar toward `max`.
public struct ProgressBar: Component {
    public static let typeName = "Progress"
    public static let keys = ["type", "id", "span", "label", "value", "max", "format", "tone"]
    public var id: String
    public var span: Int?
    public var label: String
    public var value: Double
    public var max: Double
    public var format: Format?
    public var tone: Tone?

    public init(id: String, span: Int? = nil, label: String, value: Double, max: Double, format: Format? = nil, tone: Tone? = nil) {
        self.id = id; self.span = span; self.label = label; self.value = value; self.max = max; self.format = format; self.tone = tone
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, ProgressBar.self)
        self.id = id; self.span = span
        label = try r.string("label")
        value = try r.number("value")
        max = try r.number("max")
        format = try r.optionalEnum("format")
        tone = try r.optionalEnum("tone")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("label", label)
        w.set("value", value)
        w.set("max", max)
        w.set("format", format)
        w.set("tone", tone)
        return w.json
    }
}

/// Change of a KPI against a previous period.
public struct KPIDelta: JSONRepresentable {
    /// How `value` is expressed.
    public enum Kind: String, CatalogEnum { case absolute, percent, pp }
    /// Which direction of change is good.
    public enum GoodDirection: String, CatalogEnum { case up, down, none }

    /// Absolute in the KPI's units, percent as a fraction, pp in percentage points.
    public var value: Double
    public var kind: Kind
    public var goodDirection: GoodDirection
    public var label: String?

    public init(value: Double, kind: Kind, goodDirection: GoodDirection, label: String? = nil) {
        self.value = value; self.kind = kind; self.goodDirection = goodDirection; self.label = label
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["value", "kind", "goodDirection", "label"])
        value = try r.number("value")
        kind = try r.enumValue("kind")
        goodDirection = try r.enumValue("goodDirection")
        label = try r.optionalString("label")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("value", value)
        w.set("kind", kind)
        w.set("goodDirection", goodDirection)
        w.set("label", label)
        return w.json
    }
}

/// A reference value (target, last year) shown under a KPI.
public struct KPIComparison: JSONRepresentable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) { self.value = value; self.label = label }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["value", "label"])
        value = try r.number("value")
        label = try r.string("label")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("value", value)
        w.set("label", label)
        return w.json
    }
}

/// A single key number with optional change, comparison and trend.
public struct KPI: Component {
    public static let typeName = "KPI"
    public static let keys = ["type", "id", "span", "label", "value", "format", "currency", "unit", "delta", "comparison", "sparkline", "footnote"]
    public var id: String
    public var span: Int?
    public var label: String
    /// The number shown: written by the model, or computed from `query` by the resolver (NaN until then).
    public var value: Double
    /// A measure over a registered dataset in place of a literal value (`value` in the catalog is either).
    public var query: MeasureRef?
    /// Set by the resolver when `value` was computed from `query`; not part of the catalog.
    public var provenance: DataProvenance?
    public var format: Format
    /// ISO 4217 code for currency formats.
    public var currency: String?
    public var unit: String?
    public var delta: KPIDelta?
    public var comparison: KPIComparison?
    /// Recent values, oldest first.
    public var sparkline: [Double]?
    public var footnote: String?

    public init(id: String, span: Int? = nil, label: String, value: Double, format: Format, currency: String? = nil, unit: String? = nil,
                delta: KPIDelta? = nil, comparison: KPIComparison? = nil, sparkline: [Double]? = nil, footnote: String? = nil) {
        self.id = id; self.span = span; self.label = label; self.value = value; self.format = format; self.currency = currency
        self.unit = unit; self.delta = delta; self.comparison = comparison; self.sparkline = sparkline; self.footnote = footnote
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, KPI.self)
        self.id = id; self.span = span
        label = try r.string("label")
        if case .object = r.value("value") {
            query = try r.decode("value")
            value = .nan
        } else {
            value = try r.number("value")
        }
        format = try r.enumValue("format")
        currency = try r.optionalString("currency")
        unit = try r.optionalString("unit")
        delta = try r.optional("delta")
        comparison = try r.optional("comparison")
        sparkline = try r.optionalArray("sparkline", count: 0...60) { (v, p) throws(ComponentDecodingError) in try ObjectReader.number(v, at: p) }
        footnote = try r.optionalString("footnote")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("label", label)
        if let query { w.set("value", query) } else { w.set("value", value) }
        w.set("format", format)
        w.set("currency", currency)
        w.set("unit", unit)
        w.set("delta", delta)
        w.set("comparison", comparison)
        w.set("sparkline", sparkline.map { JSONValue.array($0.map { .number(JSONNumber($0)) }) } ?? .null)
        w.set("footnote", footnote)
        return w.json
    }
}

/// A row of 2 to 8 KPIs of equal width.
public struct KPIGroup: Component {
    public static let typeName = "KPIGroup"
    public static let keys = ["type", "id", "span", "items", "columns"]
    public var id: String
    public var span: Int?
    public var items: [KPI]
    public var columns: Int

    public init(id: String, span: Int? = nil, items: [KPI], columns: Int) { self.id = id; self.span = span; self.items = items; self.columns = columns }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, KPIGroup.self)
        self.id = id; self.span = span
        items = try r.array("items", of: KPI.self, count: 2...8)
        columns = try r.integer("columns", in: 2...6)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("items", items)
        w.set("columns", columns)
        return w.json
    }
}
