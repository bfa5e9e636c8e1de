import Components

/// Chooses the filter controls of a grounded dashboard: for each dataset its queries use, up to two
/// category columns with 2 to 30 values and its first date column.
public enum FilterControls {
    public static func make(for surface: Surface, tree: String, registry: DatasetRegistry,
                            applied: [(dataset: String, clause: FilterClause)] = []) -> DashboardFilters? {
        var names: [String] = []
        for name in DataReferences.datasets(in: surface) where !names.contains(name) { names.append(name) }
        func chosen(_ dataset: String, _ field: String, _ op: FilterClause.Op) -> String? {
            for (d, c) in applied where d == dataset && c.field == field && c.op == op {
                if case .string(let s) = c.value { return s }
            }
            return nil
        }
        var filters = DashboardFilters(choices: [], ranges: [], tree: tree)
        for name in names {
            guard let d = registry.dataset(name) else { continue }
            for c in d.columns.filter({ $0.type == .category && (2...30).contains($0.stats.distinct) }).prefix(2) {
                let q = SQLiteDatabase.quote
                let values = (try? d.database.query("SELECT DISTINCT \(q(c.name)) FROM \(q(d.table)) WHERE \(q(c.name)) IS NOT NULL ORDER BY 1 LIMIT 30")) ?? []
                let options = values.compactMap { row -> String? in if case .text(let s)? = row.first { return s }; return nil }
                filters.choices.append(.init(dataset: name, field: c.name, options: options, selected: chosen(name, c.name, .eq)))
            }
            if let c = d.columns.first(where: { $0.type.isTemporal }), let lo = c.stats.min, let hi = c.stats.max {
                filters.ranges.append(.init(dataset: name, field: c.name, min: String(lo.prefix(10)), max: String(hi.prefix(10)),
                                            from: chosen(name, c.name, .gte), to: chosen(name, c.name, .lte)))
            }
        }
        return filters.isEmpty ? nil : filters
    }
}
