import JSONSchema

/// A table or chart cell: string, number, boolean or null (charts never use booleans).
public enum Cell: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func read(_ json: JSONValue, at pointer: JSONPointer, allowBool: Bool) throws(ComponentDecodingError) -> Cell {
        switch json {
        case .null: return .null
        case .string(let s): return .string(s)
        case .number(let n) where n.double.isFinite: return .number(n.double)
        case .bool(let b) where allowBool: return .bool(b)
        default:
            throw ComponentDecodingError(pointer, "expected a string, a number\(allowBool ? ", a boolean" : "") or null, found \(json.typeName)")
        }
    }

    static func readRows(_ r: ObjectReader, allowBool: Bool) throws(ComponentDecodingError) -> [[Cell]] {
        try r.array("rows") { (row, p) throws(ComponentDecodingError) in
            try ObjectReader.array(row, at: p) { (v, q) throws(ComponentDecodingError) in try Cell.read(v, at: q, allowBool: allowBool) }
        }
    }

    static func rowsJSON(_ rows: [[Cell]]) -> JSONValue { .array(rows.map { .array($0.map(\.json)) }) }

    /// The cell as JSON.
    public var json: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .number(let d): return .number(JSONNumber(d))
        case .bool(let b): return .bool(b)
        case .null: return .null
        }
    }

    /// The number held, if any.
    public var number: Double? { if case .number(let d) = self { return d }; return nil }
    /// The string held, if any.
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var isNull: Bool { self == .null }
}

/// One column of a `Table`.
public struct TableColumn: JSONRepresentable {
    /// Type of the cells of a table column.
    public enum ColumnType: String, CatalogEnum { case string, number, integer, date, datetime, boolean }
    /// Cell alignment.
    public enum Align: String, CatalogEnum { case left, right, center }

    public var field: String
    public var label: String
    public var type: ColumnType
    public var format: Format?
    public var align: Align?

    public init(field: String, label: String, type: ColumnType, format: Format? = nil, align: Align? = nil) {
        self.field = field; self.label = label; self.type = type; self.format = format; self.align = align
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["field", "label", "type", "format", "align"])
        field = try r.string("field")
        label = try r.string("label")
        type = try r.enumValue("type")
        format = try r.optionalEnum("format")
        align = try r.optionalEnum("align")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("field", field)
        w.set("label", label)
        w.set("type", type)
        w.set("format", format)
        w.set("align", align)
        return w.json
    }
}

/// A footer total of a `Table`.
public struct TableTotal: JSONRepresentable {
    /// Aggregate over all rows.
    public enum Aggregate: String, CatalogEnum { case sum, avg, min, max, count }

    public var field: String
    public var agg: Aggregate

    public init(field: String, agg: Aggregate) { self.field = field; self.agg = agg }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["field", "agg"])
        field = try r.string("field")
        agg = try r.enumValue("agg")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("field", field)
        w.set("agg", agg)
        return w.json
    }
}

/// A table of rows with typed columns and optional footer totals.
public struct Table: Component {
    public static let typeName = "Table"
    public static let keys = ["type", "id", "span", "caption", "columns", "rows", "totals"]
    public var id: String
    public var span: Int?
    public var caption: String?
    public var columns: [TableColumn]
    /// One array per row, one cell per column.
    public var rows: [[Cell]]
    /// A query over a registered dataset in place of inline rows (`rows` in the catalog is either);
    /// the resolver fills `rows` from it.
    public var query: DataRef?
    /// Set by the resolver when `rows` were computed from `query`; not part of the catalog.
    public var provenance: DataProvenance?
    public var totals: [TableTotal]

    public init(id: String, span: Int? = nil, caption: String?, columns: [TableColumn], rows: [[Cell]], totals: [TableTotal] = []) {
        self.id = id; self.span = span; self.caption = caption; self.columns = columns; self.rows = rows; self.totals = totals
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Table.self)
        self.id = id; self.span = span
        caption = try r.optionalString("caption")
        columns = try r.array("columns", of: TableColumn.self, count: 1...20)
        if DataRef.isReference(r.value("rows")) {
            query = try r.decode("rows")
            rows = []
        } else {
            rows = try Cell.readRows(r, allowBool: true)
        }
        totals = try r.array("totals", of: TableTotal.self)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("caption", caption)
        w.set("columns", columns)
        if let query { w.set("rows", query) } else { w.set("rows", Cell.rowsJSON(rows)) }
        w.set("totals", totals)
        return w.json
    }
}
