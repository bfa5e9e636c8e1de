import Components

/// Tables: `<caption>`, `th scope`, right-aligned numbers, a totals row.
extension RenderState {
    mutating func table(_ t: Table, extraClass: String?) {
        if let query = t.query, t.provenance == nil {
            return unresolvedData(t.id, dataset: query.dataset, extraClass: extraClass, what: "table")
        }
        w.open(.div, nodeAttributes(t.id, "table-scroll", extraClass))
        w.open(.table, [(.class, "data-table")])
        if let caption = t.caption, !caption.isEmpty { w.element(.caption, text: clip(caption)) }
        w.open(.thead); w.open(.tr)
        for column in t.columns { w.element(.th, [(.scope, "col")] + alignClass(column), text: clip(column.label)) }
        w.close(.tr); w.close(.thead)
        // The first column is the row header when it holds text (names, dates).
        let rowHeader = t.columns.first.map { $0.type == .string || $0.type == .date || $0.type == .datetime } ?? false
        // Per column, once: its cells' attributes (plain and null) and format.
        let aligns = t.columns.map(alignClass)
        let nullAligns = aligns.map { attrs in [(Attr.class, ((attrs.first?.1).map { $0 + " " } ?? "") + "null")] }
        // The row header's attributes, plain and null (not concatenated again for every row).
        let headerAligns = aligns.first.map { [(Attr.scope, "row")] + $0 } ?? [], headerNullAligns = nullAligns.first.map { [(Attr.scope, "row")] + $0 } ?? []
        let tokens = t.columns.map { $0.format.map(FormatToken.init) }
        w.open(.tbody)
        for row in t.rows.prefix(limits.maxTableRows) {
            w.open(.tr)
            for (i, column) in t.columns.enumerated() {
                let cell = i < row.count ? row[i] : .null
                let text = Self.cellText(cell, column, format: tokens[i])
                if i == 0 && rowHeader {
                    w.element(.th, cell == .null ? headerNullAligns : headerAligns, text: text)
                } else {
                    w.element(.td, cell == .null ? nullAligns[i] : aligns[i], text: clip(text))
                }
            }
            w.close(.tr)
        }
        w.close(.tbody)
        if !t.totals.isEmpty { totalsRow(t) }
        w.close(.table)
        if t.rows.count > limits.maxTableRows {
            w.element(.p, [(.class, "table-note")], text: "Showing the first \(limits.maxTableRows) of \(t.rows.count) rows.")
        }
        if hasNumbers(t) { dataNote(t.provenance) }
        w.close(.div)
    }

    /// Whether a table shows any number (a table of names and links needs no provenance note).
    private func hasNumbers(_ t: Table) -> Bool {
        t.query != nil || t.columns.contains { $0.type == .number || $0.type == .integer }
    }

    private func alignClass(_ column: TableColumn) -> [(Attr, String)] {
        switch column.align {
        case .right: return [(.class, "num")]
        case .center: return [(.class, "center")]
        case .left: return []
        case nil: return column.type == .number || column.type == .integer ? [(.class, "num")] : []
        }
    }

    private mutating func totalsRow(_ t: Table) {
        let totals = Dictionary(t.totals.map { ($0.field, $0.agg) }, uniquingKeysWith: { a, _ in a })
        w.open(.tfoot); w.open(.tr)
        for (i, column) in t.columns.enumerated() {
            guard let agg = totals[column.field] else {
                if i == 0 { w.element(.th, [(.scope, "row")], text: "Total") } else { w.element(.td, text: "") }
                continue
            }
            let values = t.rows.compactMap { i < $0.count ? $0[i].number : nil }
            let result: Double?
            switch agg {
            case .sum: result = values.reduce(0, +)
            case .avg: result = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
            case .min: result = values.min()
            case .max: result = values.max()
            case .count: result = Double(t.rows.filter { i < $0.count && $0[i] != .null }.count)
            }
            let prefix = agg == .sum || agg == .count ? "" : agg.rawValue.capitalized + " "
            var text = result.map { agg == .count ? ValueFormatter.format($0, .integer) : Self.numberText($0, column) } ?? "–"
            if !prefix.isEmpty { text = prefix + text }
            w.element(i == 0 ? .th : .td, (i == 0 ? [(.scope, "row")] : []) + alignClass(column), text: text)
        }
        w.close(.tr); w.close(.tfoot)
    }

    static func numberText(_ n: Double, _ column: TableColumn) -> String {
        numberText(n, column, format: column.format.map(FormatToken.init))
    }

    /// `numberText` with the column's format token already looked up.
    private static func numberText(_ n: Double, _ column: TableColumn, format: FormatToken?) -> String {
        if let format { return ValueFormatter.format(n, format) }
        return ValueFormatter.format(n, column.type == .integer ? .integer : .auto)
    }

    /// A cell's text; `format` is the column's format token, looked up once per table.
    private static func cellText(_ cell: Cell, _ column: TableColumn, format: FormatToken?) -> String {
        switch cell {
        case .null: return "–"
        case .bool(let b): return b ? "Yes" : "No"
        case .number(let n): return numberText(n, column, format: format)
        case .string(let s):
            if let f = format { return ValueFormatter.format(s, f) }
            switch column.type {
            case .date: return ValueFormatter.format(s, .date)
            case .datetime: return ValueFormatter.format(s, .datetime)
            default: return s
            }
        }
    }
}
