import Components
import JSONSchema

/// Computes the data of every chart, table and KPI whose data is a query, from the registry's
/// datasets. The resolved tree keeps its queries (so it still serialises as written) and gains
/// the rows, the values and their provenance.
public struct DataResolver: Sendable {
    public let registry: DatasetRegistry
    public var query = DataQuery()
    /// Sees every query run, with the component's pointer (for `genui datasets resolve`).
    public var observe: (@Sendable (JSONPointer, DataQuery.Result) -> Void)?

    public init(registry: DatasetRegistry) { self.registry = registry }

    /// The resolved tree and one error per query that could not be computed (a JSON Pointer to the
    /// offending field and a message); with errors, the tree is only partly resolved and must not
    /// be shown as an answer.
    public func resolve(_ surface: Surface) -> (surface: Surface, errors: [Diagnostic]) {
        var errors: [Diagnostic] = []
        let rewriter = rewriter(reporting: { errors.append($0) })
        return (rewriter.rewrite(surface), errors)
    }

    /// One subtree found at `p` (a component streamed before the answer is complete).
    public func resolve(_ node: Node, at p: JSONPointer) -> (node: Node, errors: [Diagnostic]) {
        var errors: [Diagnostic] = []
        let rewriter = rewriter(reporting: { errors.append($0) })
        return (rewriter.rewrite(node, at: p), errors)
    }

    private func rewriter(reporting report: @escaping (Diagnostic) -> Void) -> DataComponentRewriter {
        var rewriter = DataComponentRewriter()
        rewriter.chart = { chart, p in
            guard let ref = chart.query else { return chart }
            do throws(ResolutionError) { return try resolve(chart, ref, at: p) } catch { report(error.diagnostic); return chart }
        }
        rewriter.table = { table, p in
            guard let ref = table.query else { return table }
            do throws(ResolutionError) { return try resolve(table, ref, at: p) } catch { report(error.diagnostic); return table }
        }
        rewriter.kpi = { kpi, p in
            guard let ref = kpi.query else { return kpi }
            do throws(ResolutionError) { return try resolve(kpi, ref, at: p) } catch { report(error.diagnostic); return kpi }
        }
        return rewriter
    }

    private func dataset(_ name: String, at p: JSONPointer) throws(ResolutionError) -> Dataset {
        guard let d = registry.dataset(name) else {
            let names = registry.all.map(\.name)
            throw ResolutionError(p, "no dataset \"\(name.prefix(60))\" is registered" + (names.isEmpty ? "" : " (registered: \(names.joined(separator: ", ")))"))
        }
        return d
    }

    private func provenance(_ d: Dataset, matched: Int) -> DataProvenance {
        DataProvenance(dataset: d.name, origin: d.origin, asOf: d.asOf, matchedRows: matched)
    }

    private func resolve(_ chart: Chart, _ ref: DataRef, at p: JSONPointer) throws(ResolutionError) -> Chart {
        let d = try dataset(ref.dataset, at: p / "data" / "dataset")
        let fields = chart.encodings.map { DataQuery.Field(name: $0.encoding.field, aggregate: $0.encoding.aggregate, pointer: p / $0.channel / "field") }
        let result = try query.rows(ref, fields: fields, in: d, at: p / "data")
        observe?(p, result)
        var chart = chart
        chart.data = ChartData(columns: result.columns.map { ChartColumn(name: $0.name, type: Self.fieldType($0.type)) },
                               rows: result.rows.map { row in zip(row, result.columns).map { Self.chartCell(Self.cell($0, $1.type)) } })
        // Measures arrive aggregated; aggregating them again in the chart would, for count, count to 1.
        let measures = Set(result.columns.filter { $0.aggregate != nil }.map(\.name))
        func settled(_ e: Encoding?) -> Encoding? {
            guard var e else { return nil }
            if measures.contains(e.field) { e.aggregate = nil }
            return e
        }
        chart.x = settled(chart.x); chart.y = settled(chart.y); chart.color = settled(chart.color)
        chart.size = settled(chart.size); chart.theta = settled(chart.theta)
        chart.provenance = provenance(d, matched: result.matchedRows)
        return chart
    }

    private func resolve(_ table: Table, _ ref: DataRef, at p: JSONPointer) throws(ResolutionError) -> Table {
        let d = try dataset(ref.dataset, at: p / "rows" / "dataset")
        let fields = table.columns.enumerated().map { DataQuery.Field(name: $1.field, pointer: p / "columns" / $0 / "field") }
        let result = try query.rows(ref, fields: fields, in: d, at: p / "rows")
        observe?(p, result)
        var table = table
        let index = Dictionary(result.columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for j in table.columns.indices {
            guard let k = index[table.columns[j].field] else { continue }
            table.columns[j].type = Self.tableType(result.columns[k].type)
        }
        table.rows = result.rows.map { row in
            table.columns.map { column in
                guard let k = index[column.field] else { return .null }
                return Self.cell(row[k], result.columns[k].type)
            }
        }
        table.provenance = provenance(d, matched: result.matchedRows)
        return table
    }

    private func resolve(_ kpi: KPI, _ ref: MeasureRef, at p: JSONPointer) throws(ResolutionError) -> KPI {
        let d = try dataset(ref.dataset, at: p / "value" / "dataset")
        let (value, result) = try query.measure(ref, in: d, at: p / "value")
        observe?(p, result)
        var kpi = kpi
        kpi.value = value ?? .nan
        kpi.provenance = provenance(d, matched: result.matchedRows)
        return kpi
    }

    // MARK: Types

    static func fieldType(_ t: ColumnType) -> FieldType {
        switch t {
        case .integer, .number: return .quantitative
        case .date, .datetime: return .temporal
        case .boolean, .category, .string: return .nominal
        }
    }

    static func tableType(_ t: ColumnType) -> TableColumn.ColumnType {
        switch t {
        case .integer: return .integer
        case .number: return .number
        case .date: return .date
        case .datetime: return .datetime
        case .boolean: return .boolean
        case .category, .string: return .string
        }
    }

    /// Charts take no booleans: they become the categories "true" and "false".
    static func chartCell(_ c: Cell) -> Cell {
        if case .bool(let b) = c { return .string(b ? "true" : "false") }
        return c
    }

    static func cell(_ v: SQLValue, _ t: ColumnType) -> Cell {
        switch v {
        case .null: return .null
        case .integer(let i): return t == .boolean ? .bool(i != 0) : .number(Double(i))
        case .real(let d): return d.isFinite ? .number(d) : .null
        case .text(let s): return .string(s)
        }
    }
}

extension ResolutionError {
    var diagnostic: Diagnostic { Diagnostic(.error, "data-query", pointer, message) }
}

/// Counting a tree's data references.
public enum DataReferences {
    /// The dataset named by each chart, table and KPI of `surface` whose data is a query, in
    /// document order (one entry per query).
    public static func datasets(in surface: Surface) -> [String] {
        var names: [String] = []
        var rewriter = DataComponentRewriter()
        rewriter.chart = { c, _ in if let d = c.query?.dataset { names.append(d) }; return c }
        rewriter.table = { t, _ in if let d = t.query?.dataset { names.append(d) }; return t }
        rewriter.kpi = { k, _ in if let d = k.query?.dataset { names.append(d) }; return k }
        _ = rewriter.rewrite(surface)
        return names
    }

    /// Charts, tables and KPIs of `surface` whose data is a query.
    public static func count(in surface: Surface) -> Int { datasets(in: surface).count }
}
