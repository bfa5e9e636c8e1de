import JSONSchema

/// A query over a registered dataset: GenUI, not the model, computes the numbers.
///
/// Without `groupBy` the rows are the dataset's rows (filtered, sorted, limited), one per record.
/// With `groupBy` there is one row per distinct combination of those columns, and every other
/// field the component names is aggregated with `aggregate` (an encoding's own `aggregate`
/// overrides it for that field).
public struct DataRef: JSONRepresentable, Hashable {
    public var dataset: String
    public var filter: [FilterClause]
    public var groupBy: [String]
    public var aggregate: Encoding.Aggregate?
    public var sort: SortSpec?
    public var limit: Int?

    public static let keys = ["dataset", "filter", "groupBy", "aggregate", "sort", "limit"]

    public init(dataset: String, filter: [FilterClause] = [], groupBy: [String] = [], aggregate: Encoding.Aggregate? = nil,
                sort: SortSpec? = nil, limit: Int? = nil) {
        self.dataset = dataset; self.filter = filter; self.groupBy = groupBy; self.aggregate = aggregate
        self.sort = sort; self.limit = limit
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: Self.keys)
        dataset = try r.string("dataset")
        filter = try r.array("filter", of: FilterClause.self, count: 0...8)
        groupBy = try r.array("groupBy", count: 0...3) { (v, p) throws(ComponentDecodingError) in
            guard case .string(let s) = v else { throw ComponentDecodingError(p, "expected a string, found \(v.typeName)") }
            return s
        }
        aggregate = try r.optionalEnum("aggregate")
        sort = try r.optional("sort")
        limit = try r.optionalInteger("limit", in: 1...5000)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("dataset", dataset)
        w.set("filter", filter)
        w.set("groupBy", .array(groupBy.map { .string($0) }))
        w.set("aggregate", aggregate)
        w.set("sort", sort)
        w.set("limit", limit)
        return w.json
    }

    /// Whether `json` is a data reference rather than inline data (it names a dataset).
    static func isReference(_ json: JSONValue) -> Bool {
        if case .object(let o) = json { return o["dataset"] != nil }
        return false
    }
}

/// One condition on a column; all conditions of a `DataRef` must hold.
public struct FilterClause: JSONRepresentable, Hashable {
    public enum Op: String, CatalogEnum { case eq, ne, lt, lte, gt, gte, `in` }

    public var field: String
    public var op: Op
    /// A string, number or boolean; for `in`, a list of strings and numbers.
    public var value: FilterValue

    public init(field: String, op: Op, value: FilterValue) { self.field = field; self.op = op; self.value = value }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["field", "op", "value"])
        field = try r.string("field")
        op = try r.enumValue("op")
        value = try FilterValue(json: r.value("value"), at: pointer / "value")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("field", field)
        w.set("op", op)
        w.set("value", value.json)
        return w.json
    }
}

/// The right-hand side of a filter.
public enum FilterValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([Cell])

    init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        switch json {
        case .string(let s): self = .string(s)
        case .number(let n) where n.double.isFinite: self = .number(n.double)
        case .bool(let b): self = .bool(b)
        case .array(let items):
            guard items.count <= 20 else { throw ComponentDecodingError(pointer, "expected at most 20 values, found \(items.count)") }
            var cells: [Cell] = []
            for (i, item) in items.enumerated() {
                switch item {
                case .string(let s): cells.append(.string(s))
                case .number(let n) where n.double.isFinite: cells.append(.number(n.double))
                default: throw ComponentDecodingError(pointer / i, "expected a string or number, found \(item.typeName)")
                }
            }
            self = .list(cells)
        default:
            throw ComponentDecodingError(pointer, "expected a string, number, boolean or array, found \(json.typeName)")
        }
    }

    public var json: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .number(let d): return .number(JSONNumber(d))
        case .bool(let b): return .bool(b)
        case .list(let cells): return .array(cells.map(\.json))
        }
    }
}

/// Row order of a query result.
public struct SortSpec: JSONRepresentable, Hashable {
    public enum Order: String, CatalogEnum { case asc, desc }

    public var field: String
    public var order: Order

    public init(field: String, order: Order = .asc) { self.field = field; self.order = order }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["field", "order"])
        field = try r.string("field")
        order = try r.enumValue("order")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("field", field)
        w.set("order", order)
        return w.json
    }
}

/// One number computed from a dataset (a KPI's value): `aggregate(field)` over the filtered rows.
public struct MeasureRef: JSONRepresentable, Hashable {
    public var dataset: String
    public var filter: [FilterClause]
    public var aggregate: Encoding.Aggregate
    /// The column aggregated; null for `count` (rows are counted).
    public var field: String?

    public init(dataset: String, filter: [FilterClause] = [], aggregate: Encoding.Aggregate, field: String?) {
        self.dataset = dataset; self.filter = filter; self.aggregate = aggregate; self.field = field
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["dataset", "filter", "aggregate", "field"])
        dataset = try r.string("dataset")
        filter = try r.array("filter", of: FilterClause.self, count: 0...8)
        aggregate = try r.enumValue("aggregate")
        field = try r.optionalString("field")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("dataset", dataset)
        w.set("filter", filter)
        w.set("aggregate", aggregate)
        w.set("field", field)
        return w.json
    }
}

/// Where a component's numbers came from, attached when its `DataRef` is resolved. Not part of
/// the catalog: the renderer shows it next to the component.
public struct DataProvenance: Sendable, Hashable {
    /// The registered dataset's name.
    public var dataset: String
    /// Where the data came from (a file name, a package, a URL).
    public var origin: String
    /// When the data was current (ISO 8601), if known.
    public var asOf: String?
    /// Rows of the dataset that passed the filter.
    public var matchedRows: Int

    public init(dataset: String, origin: String, asOf: String?, matchedRows: Int) {
        self.dataset = dataset; self.origin = origin; self.asOf = asOf; self.matchedRows = matchedRows
    }
}
