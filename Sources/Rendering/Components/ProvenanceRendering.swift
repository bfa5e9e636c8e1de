import Components

/// Where a chart's, table's or KPI's numbers come from, said next to them: the dataset, its origin
/// and as-of time when GenUI computed them from a `DataRef`; "Estimated" when the model wrote them
/// inline; and a notice instead of the component when its query was never resolved.
extension RenderState {
    /// The note under a component (`short` for KPI tiles).
    mutating func dataNote(_ provenance: DataProvenance?, short: Bool = false) {
        guard let p = provenance else {
            w.open(.p, [(.class, "data-note estimated"), (.title, "Values written by the model, not computed from a registered dataset.")])
            w.text(short ? "Estimated" : "Estimated: values written by the model")
            w.close(.p)
            return
        }
        w.open(.p, [(.class, "data-note source")])
        w.text("Source: ")
        w.element(.strong, text: clip(p.dataset))
        if !short {
            w.text(" (\(clip(p.origin))")
            if let asOf = p.asOf, !asOf.isEmpty {
                w.text(", as of ")
                let shown = ISO8601.parse(asOf).map { ValueFormatter.temporal($0.epochSeconds, ValueFormatter.autoToken(for: $0.precision)) } ?? asOf
                w.element(.time, [(.datetime, asOf)], text: shown)
            }
            w.text("; \(NumberText.grouped(UInt64(max(0, p.matchedRows)))) row\(p.matchedRows == 1 ? "" : "s"))")
        }
        w.close(.p)
    }

    /// In place of a component whose data is a query nobody resolved (no dataset registry).
    mutating func unresolvedData(_ id: String, dataset: String, extraClass: String?, what: String) {
        w.open(.div, nodeAttributes(id, "node-unresolved", extraClass))
        w.element(.p, [(.class, "chart-error"), (.role, "note")],
                  text: "This \(what) is computed from dataset “\(dataset)”, which is not available here.")
        w.close(.div)
    }
}
