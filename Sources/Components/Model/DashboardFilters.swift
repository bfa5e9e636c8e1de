import JSONSchema

/// Filter controls offered on a dashboard whose numbers come from datasets: a choice among a
/// category column's values and a date range. Submitting them re-renders the same tree with the
/// extra conditions on every query of that dataset: deterministic, no model involved.
public struct DashboardFilters: Sendable, Equatable {
    /// One category column: its values, and the one chosen (nil = all).
    public struct Choice: Sendable, Equatable {
        public var dataset: String
        public var field: String
        public var options: [String]
        public var selected: String?
        public init(dataset: String, field: String, options: [String], selected: String?) {
            self.dataset = dataset; self.field = field; self.options = options; self.selected = selected
        }
    }

    /// One date column: its extent (ISO dates) and the range chosen.
    public struct DateRange: Sendable, Equatable {
        public var dataset: String
        public var field: String
        public var min: String
        public var max: String
        public var from: String?
        public var to: String?
        public init(dataset: String, field: String, min: String, max: String, from: String?, to: String?) {
            self.dataset = dataset; self.field = field; self.min = min; self.max = max; self.from = from; self.to = to
        }
    }

    public var choices: [Choice]
    public var ranges: [DateRange]
    /// The tree (with its queries, without computed data) as JSON text, sent back with the form.
    public var tree: String

    public init(choices: [Choice], ranges: [DateRange], tree: String) {
        self.choices = choices; self.ranges = ranges; self.tree = tree
    }

    public var isEmpty: Bool { choices.isEmpty && ranges.isEmpty }

    /// A control's form name: `OP:DATASET:FIELD` with OP `eq`, `gte` or `lte`.
    public static func formName(_ op: FilterClause.Op, dataset: String, field: String) -> String {
        "\(op.rawValue):\(dataset):\(field)"
    }

    /// The conditions a submitted form asks for (empty values mean "all"), by dataset. Unknown
    /// names are ignored; the resolver checks fields and values against the dataset like any query.
    public static func conditions(from form: [(String, String)]) -> [(dataset: String, clause: FilterClause)] {
        var out: [(String, FilterClause)] = []
        for (name, value) in form where !value.isEmpty {
            let parts = name.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let op = FilterClause.Op(rawValue: String(parts[0])), [.eq, .gte, .lte].contains(op),
                  !parts[1].isEmpty, !parts[2].isEmpty, value.count <= 200 else { continue }
            out.append((String(parts[1]), FilterClause(field: String(parts[2]), op: op, value: .string(value))))
        }
        return out
    }

    /// `surface` with each condition added to every query over its dataset.
    public static func apply(_ conditions: [(dataset: String, clause: FilterClause)], to surface: Surface) -> Surface {
        guard !conditions.isEmpty else { return surface }
        func extra(_ dataset: String) -> [FilterClause] { conditions.filter { $0.dataset == dataset }.map(\.clause) }
        var rewriter = DataComponentRewriter()
        rewriter.chart = { c, _ in
            var c = c
            if let dataset = c.query?.dataset { c.query?.filter += extra(dataset) }
            return c
        }
        rewriter.table = { t, _ in
            var t = t
            if let dataset = t.query?.dataset { t.query?.filter += extra(dataset) }
            return t
        }
        rewriter.kpi = { k, _ in
            var k = k
            if let dataset = k.query?.dataset { k.query?.filter += extra(dataset) }
            return k
        }
        return rewriter.rewrite(surface)
    }
}
