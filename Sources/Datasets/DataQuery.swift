import Components
import Foundation
import JSONSchema

/// A data reference that cannot be computed: the place in the tree and why.
public struct ResolutionError: Error, Sendable, Equatable {
    public let pointer: JSONPointer
    public let message: String
    public init(_ pointer: JSONPointer, _ message: String) { self.pointer = pointer; self.message = message }
}

/// Turns `DataRef`s and `MeasureRef`s into SQL over one dataset and runs it.
///
/// SQL text is assembled only from fixed keywords and from column names that were first matched
/// against the dataset's own column list (then quoted); every value from the tree is a bound
/// parameter. A model cannot reach SQL except through those two doors.
public struct DataQuery: Sendable {
    /// Most result rows (the chart engine reads at most 5,000).
    public var maxRows = 5000
    /// Longest a query may run.
    public var timeout: TimeInterval = 5

    public init() {}

    /// One field a component needs, with the aggregate it asks for (an encoding's own) and where
    /// the field is named in the tree.
    public struct Field: Sendable {
        public var name: String
        public var aggregate: Encoding.Aggregate?
        public var pointer: JSONPointer
        public init(name: String, aggregate: Encoding.Aggregate? = nil, pointer: JSONPointer) {
            self.name = name; self.aggregate = aggregate; self.pointer = pointer
        }
    }

    /// A result column: its name (the field) and type; `aggregate` is set for computed measures.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: ColumnType
        public var aggregate: Encoding.Aggregate?
    }

    public struct Result: Sendable {
        public var columns: [Column]
        public var rows: [[SQLValue]]
        /// Rows of the dataset that passed the filter.
        public var matchedRows: Int
        /// The statement run (with `?` for values), for logs and tests.
        public var sql: String
        public var parameters: [SQLValue]
    }

    /// Rows for a component: `ref` is at `p` in the tree.
    public func rows(_ ref: DataRef, fields: [Field], in dataset: Dataset, at p: JSONPointer) throws(ResolutionError) -> Result {
        let (whereSQL, parameters) = try whereClause(ref.filter, in: dataset, at: p / "filter")
        for (i, g) in ref.groupBy.enumerated() where dataset.column(g) == nil {
            throw ResolutionError(p / "groupBy" / i, unknownColumn(g, dataset))
        }
        var unique: [Field] = []
        for f in fields where !unique.contains(where: { $0.name == f.name }) {
            guard dataset.column(f.name) != nil else { throw ResolutionError(f.pointer, unknownColumn(f.name, dataset)) }
            unique.append(f)
        }
        let q = SQLiteDatabase.quote
        var select: [String] = []
        var columns: [Column] = []
        var groupSQL = ""
        if ref.groupBy.isEmpty && ref.aggregate == nil {
            for f in unique {
                select.append(q(f.name))
                columns.append(Column(name: f.name, type: dataset.column(f.name)!.type, aggregate: nil))
            }
        } else {
            for g in ref.groupBy where !columns.contains(where: { $0.name == g }) {
                select.append(q(g))
                columns.append(Column(name: g, type: dataset.column(g)!.type, aggregate: nil))
            }
            for f in unique where !ref.groupBy.contains(f.name) {
                let aggregate = f.aggregate ?? ref.aggregate ?? .sum
                let column = dataset.column(f.name)!
                guard aggregate == .count || column.type.isNumeric else {
                    throw ResolutionError(f.pointer, "\"\(f.name)\" is a \(column.type.rawValue) column: it cannot be \(verb(aggregate)); add it to groupBy or count it")
                }
                select.append(Self.aggregateSQL(aggregate, q(f.name)) + " AS " + q(f.name))
                columns.append(Column(name: f.name, type: Self.resultType(aggregate, column.type), aggregate: aggregate))
            }
            if !ref.groupBy.isEmpty { groupSQL = " GROUP BY " + ref.groupBy.map(q).joined(separator: ", ") }
        }
        guard !select.isEmpty else { throw ResolutionError(p, "the component names no field to read from \"\(dataset.name)\"") }
        var orderSQL = ""
        if let sort = ref.sort {
            let known = columns.contains { $0.name == sort.field } || (ref.groupBy.isEmpty && ref.aggregate == nil && dataset.column(sort.field) != nil)
            guard known else {
                throw ResolutionError(p / "sort" / "field", "cannot sort by \"\(sort.field)\": " + (dataset.column(sort.field) == nil
                    ? unknownColumn(sort.field, dataset) : "it is not in the result (\(columns.map(\.name).joined(separator: ", ")))"))
            }
            orderSQL = " ORDER BY " + q(sort.field) + (sort.order == .desc ? " DESC" : " ASC")
        } else if !ref.groupBy.isEmpty {
            orderSQL = " ORDER BY " + ref.groupBy.map { q($0) + " ASC" }.joined(separator: ", ")
        }
        let limit = min(ref.limit ?? maxRows, maxRows)
        // The rows that passed the filter are counted in the same scan (a window over the whole
        // result, evaluated before LIMIT), as a last column that is then dropped.
        let grouped = !(ref.groupBy.isEmpty && ref.aggregate == nil)
        let counted = select + [grouped ? "SUM(COUNT(*)) OVER ()" : "COUNT(*) OVER ()"]
        let sql = "SELECT " + counted.joined(separator: ", ") + " FROM " + q(dataset.table) + whereSQL + groupSQL + orderSQL + " LIMIT \(limit)"
        var rows = try run(sql, parameters, in: dataset, at: p)
        let matched = rows.first?.last?.number.map { Int($0) } ?? 0
        for i in rows.indices { rows[i].removeLast() }
        return Result(columns: columns, rows: rows, matchedRows: matched, sql: sql, parameters: parameters)
    }

    /// One number for a KPI: `ref` is at `p` in the tree.
    public func measure(_ ref: MeasureRef, in dataset: Dataset, at p: JSONPointer) throws(ResolutionError) -> (value: Double?, result: Result) {
        let (whereSQL, parameters) = try whereClause(ref.filter, in: dataset, at: p / "filter")
        let q = SQLiteDatabase.quote
        let target: String
        var type = ColumnType.integer
        if let field = ref.field {
            guard let column = dataset.column(field) else { throw ResolutionError(p / "field", unknownColumn(field, dataset)) }
            guard ref.aggregate == .count || column.type.isNumeric else {
                throw ResolutionError(p / "field", "\"\(field)\" is a \(column.type.rawValue) column: it cannot be \(verb(ref.aggregate)); count it instead")
            }
            target = Self.aggregateSQL(ref.aggregate, q(field), countRows: false)
            type = Self.resultType(ref.aggregate, column.type)
        } else {
            guard ref.aggregate == .count else { throw ResolutionError(p / "field", "\(ref.aggregate.rawValue) needs a field; only count works without one") }
            target = "COUNT(*)"
        }
        let sql = "SELECT " + target + ", COUNT(*) FROM " + q(dataset.table) + whereSQL
        var rows = try run(sql, parameters, in: dataset, at: p)
        let matched = rows.first?.last?.number.map { Int($0) } ?? 0
        for i in rows.indices { rows[i].removeLast() }
        let result = Result(columns: [Column(name: ref.field ?? "count", type: type, aggregate: ref.aggregate)], rows: rows,
                            matchedRows: matched, sql: sql, parameters: parameters)
        return (rows.first?.first?.number, result)
    }

    // MARK: SQL pieces

    static func aggregateSQL(_ aggregate: Encoding.Aggregate, _ column: String, countRows: Bool = true) -> String {
        switch aggregate {
        case .sum: return "SUM(\(column))"
        case .mean: return "AVG(\(column))"
        case .count: return countRows ? "COUNT(*)" : "COUNT(\(column))"
        case .min: return "MIN(\(column))"
        case .max: return "MAX(\(column))"
        case .median: return "genui_median(\(column))"
        }
    }

    static func resultType(_ aggregate: Encoding.Aggregate, _ type: ColumnType) -> ColumnType {
        switch aggregate {
        case .count: return .integer
        case .mean, .median: return .number
        case .sum, .min, .max: return type
        }
    }

    private func verb(_ a: Encoding.Aggregate) -> String {
        switch a {
        case .sum: return "summed"
        case .mean: return "averaged"
        case .count: return "counted"
        case .min, .max: return "compared as a number"
        case .median: return "given a median"
        }
    }

    private func unknownColumn(_ name: String, _ dataset: Dataset) -> String {
        let names = dataset.columns.map(\.name)
        return "no column \"\(name.prefix(60))\" in dataset \"\(dataset.name)\" (columns: \(names.prefix(30).joined(separator: ", ")))"
    }

    private func whereClause(_ filters: [FilterClause], in dataset: Dataset, at p: JSONPointer) throws(ResolutionError) -> (String, [SQLValue]) {
        guard !filters.isEmpty else { return ("", []) }
        var parts: [String] = []
        var parameters: [SQLValue] = []
        for (i, f) in filters.enumerated() {
            guard let column = dataset.column(f.field) else { throw ResolutionError(p / i / "field", unknownColumn(f.field, dataset)) }
            let name = SQLiteDatabase.quote(f.field)
            let vp = p / i / "value"
            if f.op == .in {
                guard case .list(let items) = f.value, !items.isEmpty else { throw ResolutionError(vp, "in needs a non-empty list of values") }
                var marks: [String] = []
                for (k, item) in items.enumerated() {
                    let scalar: FilterValue
                    switch item {
                    case .string(let s): scalar = .string(s)
                    case .number(let d): scalar = .number(d)
                    default: throw ResolutionError(vp / k, "expected a string or number")
                    }
                    parameters.append(try Self.bindable(scalar, for: column, at: vp / k))
                    marks.append("?")
                }
                parts.append("\(name) IN (\(marks.joined(separator: ", ")))")
            } else {
                if case .list = f.value { throw ResolutionError(vp, "\(f.op.rawValue) compares with one value; use in for a list") }
                let op: String
                switch f.op {
                case .eq: op = "="
                case .ne: op = "!="
                case .lt: op = "<"
                case .lte: op = "<="
                case .gt: op = ">"
                case .gte: op = ">="
                case .in: op = "IN"
                }
                let bound = try Self.bindable(f.value, for: column, at: vp)
                if case .text(let prefix) = bound, let period = Self.period(prefix, for: column) {
                    // A year, a month, or a day on a datetime column names a period: every stored
                    // value that starts with it is inside. ISO text sorts by time, and every
                    // character of an ISO date or time sorts below "~".
                    let (condition, values): (String, [SQLValue]) = switch f.op {
                    case .eq: ("(\(name) >= ? AND \(name) < ?)", [.text(prefix), .text(period)])
                    case .ne: ("NOT (\(name) >= ? AND \(name) < ?)", [.text(prefix), .text(period)])
                    case .lte: ("\(name) < ?", [.text(period)])
                    case .gt: ("\(name) >= ?", [.text(period)])
                    case .lt, .gte, .in: ("\(name) \(op) ?", [bound])
                    }
                    parameters += values
                    parts.append(condition)
                } else {
                    parameters.append(bound)
                    parts.append("\(name) \(op) ?")
                }
            }
        }
        return (" WHERE " + parts.joined(separator: " AND "), parameters)
    }

    /// For a date or time value coarser than the column stores (a year, a month, or a day of a
    /// datetime column), the first text after every value of that period; nil otherwise.
    static func period(_ value: String, for column: DatasetColumn) -> String? {
        switch column.type {
        case .date: return value.utf8.count < 10 ? value + "~" : nil
        case .datetime: return value.utf8.count <= 10 ? value + "~" : nil
        default: return nil
        }
    }

    /// A filter value as the column stores it, or an error when it cannot be one.
    static func bindable(_ value: FilterValue, for column: DatasetColumn, at p: JSONPointer) throws(ResolutionError) -> SQLValue {
        func mismatch(_ shown: String) -> ResolutionError {
            ResolutionError(p, "\(shown) does not fit \(column.type.rawValue) column \"\(column.name)\"")
        }
        switch (column.type, value) {
        case (.integer, .number(let d)), (.number, .number(let d)): return .real(d)
        case (.integer, .string(let s)), (.number, .string(let s)):
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite else { throw mismatch("\"\(s.prefix(40))\"") }
            return .real(d)
        case (.boolean, .bool(let b)): return .integer(b ? 1 : 0)
        case (.boolean, .string(let s)) where ["true", "false"].contains(s.lowercased()): return .integer(s.lowercased() == "true" ? 1 : 0)
        case (.date, .string(let s)), (.datetime, .string(let s)):
            if let d = ColumnInference.normalizedDateTime(s) ?? ColumnInference.normalizedDate(s) { return .text(d) }
            if s.count == 4 || s.count == 7, s.allSatisfy({ $0.isNumber || $0 == "-" }) { return .text(s) }  // a year or month
            throw mismatch("\"\(s.prefix(40))\"")
        case (.date, .number(let d)), (.datetime, .number(let d)):
            guard d == d.rounded(), d >= 1000, d <= 9999 else { throw mismatch(ColumnInference.number(d)) }
            return .text(String(Int(d)))  // a year: compares before every date of that year
        case (.category, .string(let s)), (.string, .string(let s)): return .text(s)
        case (.category, .number(let d)), (.string, .number(let d)): return .text(ColumnInference.number(d))
        case (.category, .bool(let b)), (.string, .bool(let b)): return .text(b ? "true" : "false")
        case (_, .bool(let b)): throw mismatch(b ? "true" : "false")
        case (_, .number(let d)): throw mismatch(ColumnInference.number(d))
        case (_, .string(let s)): throw mismatch("\"\(s.prefix(40))\"")
        case (_, .list): throw ResolutionError(p, "expected one value")
        }
    }

    private func run(_ sql: String, _ parameters: [SQLValue], in dataset: Dataset, at p: JSONPointer) throws(ResolutionError) -> [[SQLValue]] {
        do {
            return try dataset.database.query(sql, parameters, deadline: Date().addingTimeInterval(timeout))
        } catch {
            throw ResolutionError(p, "the query failed: \(error.message)")
        }
    }
}
