import Components

/// The filter form of a grounded dashboard. It posts the tree and the chosen values to `/v1/view`,
/// which re-renders with those conditions; the chat UI submits it with `fetch` and swaps the
/// answer in place. Plain HTML: it works without script too.
extension RenderState {
    static let filterAction = "/v1/view"

    mutating func filterForm(_ f: DashboardFilters) {
        w.open(.form, [(.class, "dashboard-filters"), (.method, "post"), (.action, Self.filterAction)])
        w.empty(.input, [(.type, "hidden"), (.name, "tree"), (.value, f.tree)])
        for c in f.choices {
            w.open(.label)
            w.element(.span, text: clip(c.field))
            w.open(.select, [(.name, DashboardFilters.formName(.eq, dataset: c.dataset, field: c.field))])
            w.element(.option, [(.value, "")] + (c.selected == nil ? [(.selected, "")] : []), text: "All")
            for option in c.options {
                w.element(.option, [(.value, option)] + (c.selected == option ? [(.selected, "")] : []), text: clip(option))
            }
            w.close(.select)
            w.close(.label)
        }
        for r in f.ranges {
            for (op, word, value) in [(FilterClause.Op.gte, "from", r.from), (.lte, "to", r.to)] {
                w.open(.label)
                w.element(.span, text: "\(clip(r.field)) \(word)")
                w.empty(.input, [(.type, "date"), (.name, DashboardFilters.formName(op, dataset: r.dataset, field: r.field)),
                                 (.min, r.min), (.max, r.max), (.value, value ?? "")])
                w.close(.label)
            }
        }
        w.element(.button, [(.type, "submit")], text: "Apply")
        w.close(.form)
    }
}
