import JSONSchema

/// Table and chart checks of `TreeValidator`:
///
/// - `table-row-arity`: every row has exactly one cell per column.
/// - `table-cell-type`: non-null cells fit their column: string → string; number → number;
///   integer → whole number; date → `YYYY-MM-DD`; datetime → ISO date-time; boolean → boolean.
/// - `table-duplicate-field`, `table-total-field`: column fields are unique; totals name a column,
///   and sum/avg/min/max total only number or integer columns.
/// - `chart-row-arity`, `chart-cell-type`: rows have one value per data column; quantitative columns
///   hold numbers, temporal columns ISO-8601 strings (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, date-time),
///   ordinal and nominal columns strings or numbers. `chart-duplicate-column`.
/// - `chart-unknown-field`: every encoding names a data column. `chart-encoding-type`: a quantitative
///   encoding needs a quantitative column, a temporal one a temporal column (unless it aggregates with
///   count); ordinal and nominal encodings accept any column.
/// - `chart-missing-channel`: the channels each mark needs: bar, line, area, point and rect need x and
///   y (point: both quantitative), rect also color; arc needs theta (quantitative) and color; histogram
///   needs a quantitative x.
/// - `annotation-position`: a rule needs `value`; a band needs `from` and `to`.
/// - `too-many-rows`: table rows and chart data rows within `TreeLimits.maxRows`.
///
/// A chart whose data is a `DataRef` not resolved yet gets only the channel checks.
extension TreeValidator {
    func checkTable(_ table: Table, at p: JSONPointer, into out: inout [Diagnostic]) {
        let columns = table.columns
        if table.rows.count > limits.maxRows {
            out.append(Diagnostic(.error, "too-many-rows", p / "rows", "\(table.rows.count) rows exceed \(limits.maxRows)"))
        }
        var fields = Set<String>()
        for (j, c) in columns.enumerated() where !fields.insert(c.field).inserted {
            out.append(Diagnostic(.error, "table-duplicate-field", p / "columns" / j / "field", "column field \"\(c.field)\" is repeated"))
        }
        let percentColumns = columns.indices.filter { columns[$0].format?.isPercent == true }
        for (i, row) in table.rows.enumerated() {
            if row.count != columns.count {
                out.append(Diagnostic(.error, "table-row-arity", p / "rows" / i,
                                      "row has \(row.count) cells but the table has \(columns.count) columns"))
                continue
            }
            for (j, cell) in row.enumerated() where !fits(cell, columns[j].type) {
                out.append(Diagnostic(.error, "table-cell-type", p / "rows" / i / j,
                                      "\(cell.json) does not fit column \"\(columns[j].field)\" of type \(columns[j].type.rawValue)"))
            }
            for j in percentColumns {
                if case .number(let n) = row[j] { percentScale(n, columns[j].format, at: p / "rows" / i / j, into: &out) }
            }
        }
        for (k, total) in table.totals.enumerated() {
            guard let column = columns.first(where: { $0.field == total.field }) else {
                out.append(Diagnostic(.error, "table-total-field", p / "totals" / k / "field", "no column has field \"\(total.field)\""))
                continue
            }
            if total.agg != .count, column.type != .number, column.type != .integer {
                out.append(Diagnostic(.error, "table-total-field", p / "totals" / k / "agg",
                                      "\(total.agg.rawValue) needs a number or integer column; \"\(column.field)\" is \(column.type.rawValue)"))
            }
        }
    }

    private func fits(_ cell: Cell, _ type: TableColumn.ColumnType) -> Bool {
        switch (cell, type) {
        case (.null, _): return true
        case (.string, .string): return true
        case (.number, .number): return true
        case (.number(let d), .integer): return d.rounded() == d
        case (.string(let s), .date): return ValueShapes.isISODate(Substring(s))
        case (.string(let s), .datetime): return ValueShapes.isISODateTime(Substring(s))
        case (.bool, .boolean): return true
        default: return false
        }
    }

    func checkChart(_ chart: Chart, at p: JSONPointer, into out: inout [Diagnostic]) {
        // A query not resolved yet has no rows or columns to check; the data resolver checks its
        // fields against the dataset, and the resolved tree goes through these checks again.
        if chart.query != nil && chart.provenance == nil {
            checkChannels(chart, at: p, into: &out)
            return
        }
        let data = chart.data
        if data.rows.count > limits.maxRows {
            out.append(Diagnostic(.error, "too-many-rows", p / "data" / "rows", "\(data.rows.count) rows exceed \(limits.maxRows)"))
        }
        var names = Set<String>()
        for (j, c) in data.columns.enumerated() where !names.insert(c.name).inserted {
            out.append(Diagnostic(.error, "chart-duplicate-column", p / "data" / "columns" / j / "name", "column \"\(c.name)\" is repeated"))
        }
        for (i, row) in data.rows.enumerated() {
            if row.count != data.columns.count {
                out.append(Diagnostic(.error, "chart-row-arity", p / "data" / "rows" / i,
                                      "row has \(row.count) values but data has \(data.columns.count) columns"))
                continue
            }
            for (j, cell) in row.enumerated() {
                let column = data.columns[j]
                if !fits(cell, column.type) {
                    out.append(Diagnostic(.error, "chart-cell-type", p / "data" / "rows" / i / j,
                                          "\(cell.json) does not fit column \"\(column.name)\" of type \(column.type.rawValue)"))
                } else if case .number(let n) = cell {
                    percentScale(n, column.format, at: p / "data" / "rows" / i / j, into: &out)
                }
            }
        }
        for (channel, e) in chart.encodings {
            guard let column = data.columns.first(where: { $0.name == e.field }) else {
                out.append(Diagnostic(.error, "chart-unknown-field", p / channel / "field", "no data column is named \"\(e.field)\""))
                continue
            }
            let ok: Bool
            switch e.type {
            case .quantitative: ok = column.type == .quantitative || e.aggregate == .count
            case .temporal: ok = column.type == .temporal
            case .ordinal, .nominal: ok = true
            }
            if !ok {
                out.append(Diagnostic(.error, "chart-encoding-type", p / channel / "type",
                                      "\(e.type.rawValue) encoding of \"\(e.field)\" needs a \(e.type.rawValue) column, not \(column.type.rawValue)"))
            }
        }
        checkChannels(chart, at: p, into: &out)
        for (k, a) in chart.annotations.enumerated() {
            let ap = p / "annotations" / k
            switch a.kind {
            case .rule where a.value.isNull:
                out.append(Diagnostic(.error, "annotation-position", ap / "value", "a rule needs a value"))
            case .band where a.from.isNull || a.to.isNull:
                out.append(Diagnostic(.error, "annotation-position", ap / (a.from.isNull ? "from" : "to"), "a band needs from and to"))
            default:
                break
            }
        }
    }

    private func fits(_ cell: Cell, _ type: FieldType) -> Bool {
        switch (cell, type) {
        case (.null, _): return true
        case (.number, .quantitative): return true
        case (.string(let s), .temporal): return ValueShapes.isTemporal(s)
        case (.string, .ordinal), (.string, .nominal), (.number, .ordinal), (.number, .nominal): return true
        default: return false
        }
    }

    private func checkChannels(_ chart: Chart, at p: JSONPointer, into out: inout [Diagnostic]) {
        func need(_ channel: String, _ e: Encoding?, quantitative: Bool = false) {
            guard let e else {
                out.append(Diagnostic(.error, "chart-missing-channel", p / channel, "a \(chart.mark.rawValue) chart needs \(channel)"))
                return
            }
            if quantitative, e.type != .quantitative {
                out.append(Diagnostic(.error, "chart-missing-channel", p / channel / "type",
                                      "\(channel) of a \(chart.mark.rawValue) chart must be quantitative"))
            }
        }
        switch chart.mark {
        case .bar, .line, .area:
            need("x", chart.x); need("y", chart.y)
        case .point:
            need("x", chart.x, quantitative: true); need("y", chart.y, quantitative: true)
        case .rect:
            need("x", chart.x); need("y", chart.y); need("color", chart.color, quantitative: true)
        case .arc:
            need("theta", chart.theta, quantitative: true); need("color", chart.color)
        case .histogram:
            need("x", chart.x, quantitative: true)
        }
    }
}
