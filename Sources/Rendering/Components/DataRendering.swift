import Components

/// Data display: Progress, KPI (value, delta, comparison, sparkline), KPIGroup.
extension RenderState {
    mutating func progress(_ p: ProgressBar, extraClass: String?) {
        let token = p.format.map(FormatToken.init) ?? .auto
        let fraction = p.max > 0 ? min(max(p.value / p.max, 0), 1) : 0
        w.open(.div, nodeAttributes(p.id, "progress", extraClass))
        w.open(.div, [(.class, "progress-head")])
        w.element(.span, [(.class, "progress-label")], text: clip(p.label))
        let shown = token.isPercentLike && p.max == 1
            ? ValueFormatter.format(p.value, token)
            : ValueFormatter.format(p.value, token) + " / " + ValueFormatter.format(p.max, token)
        w.element(.span, [(.class, "progress-value")], text: shown)
        w.close(.div)
        w.open(.svg, [(.xmlns, "http://www.w3.org/2000/svg"), (.class, "progress-bar"), (.viewBox, "0 0 100 8"),
                      (.preserveAspectRatio, "none"), (.role, "progressbar"), (.ariaLabel, clip(p.label)),
                      (.ariaValuenow, svgNumber(p.value)), (.ariaValuemin, "0"), (.ariaValuemax, svgNumber(p.max)), (.focusable, "false")])
        w.empty(.rect, [(.class, "track"), (.width, "100"), (.height, "8")])
        if fraction > 0 {
            w.empty(.rect, [(.class, "fill" + (p.tone.map { " tone-\($0.rawValue)" } ?? "")), (.width, svgNumber(fraction * 100)), (.height, "8")])
        }
        w.close(.svg)
        w.close(.div)
    }

    mutating func kpiGroup(_ g: KPIGroup, extraClass: String?, width: Double) {
        let columns = min(max(g.columns, 2), 6)
        w.open(.div, nodeAttributes(g.id, "kpi-group cols-\(columns)", extraClass))
        for item in g.items { kpi(item, extraClass: nil, width: width / Double(columns)) }
        w.close(.div)
    }

    mutating func kpi(_ k: KPI, extraClass: String?, width: Double) {
        if let query = k.query, k.provenance == nil {
            return unresolvedData(k.id, dataset: query.dataset, extraClass: extraClass, what: "figure")
        }
        let token = FormatToken(k.format)
        w.open(.div, nodeAttributes(k.id, "kpi", extraClass))
        w.element(.div, [(.class, "kpi-label")], text: clip(k.label))
        w.open(.div, [(.class, "kpi-value")])
        w.text(ValueFormatter.format(k.value, token, currency: k.currency))
        if let unit = k.unit, !unit.isEmpty { w.element(.span, [(.class, "kpi-unit")], text: clip(unit)) }
        w.close(.div)
        if let delta = k.delta { kpiDelta(delta, token: token, currency: k.currency) }
        if let c = k.comparison {
            w.element(.div, [(.class, "kpi-comparison")], text: clip(c.label) + ": " + ValueFormatter.format(c.value, token, currency: k.currency))
        }
        if let points = k.sparkline, points.count >= 2 {
            w.append(Sparkline.render(points, label: clip(k.label), format: { ValueFormatter.format($0, token, currency: k.currency) }))
        }
        if let note = k.footnote, !note.isEmpty { w.element(.div, [(.class, "kpi-footnote")], text: clip(note)) }
        dataNote(k.provenance, short: true)
        w.close(.div)
    }

    /// `▲ +12.3% vs last month`, coloured good/bad by `goodDirection`, with words for screen readers.
    private mutating func kpiDelta(_ d: KPIDelta, token: FormatToken, currency: String?) {
        let direction = d.value > 0 ? 1 : (d.value < 0 ? -1 : 0)
        let quality: String
        switch d.goodDirection {
        case .up: quality = direction > 0 ? "good" : (direction < 0 ? "bad" : "neutral")
        case .down: quality = direction < 0 ? "good" : (direction > 0 ? "bad" : "neutral")
        case .none: quality = "neutral"
        }
        let magnitude: String
        switch d.kind {
        case .percent: magnitude = ValueFormatter.format(abs(d.value), .percent1)
        case .pp: magnitude = NumberText.fixed(abs(d.value), decimals: 1, trim: true) + " pp"
        case .absolute: magnitude = ValueFormatter.format(abs(d.value), token == .auto ? .auto : token, currency: currency)
        }
        let sign = direction > 0 ? "+" : (direction < 0 ? NumberText.minus : "±")
        w.open(.div, [(.class, "kpi-delta \(quality)")])
        w.element(.span, [(.ariaHidden, "true")], text: direction > 0 ? "▲ " : (direction < 0 ? "▼ " : "► "))
        w.element(.span, [(.class, "visually-hidden")], text: direction > 0 ? "Up " : (direction < 0 ? "Down " : "Unchanged "))
        w.text(sign + magnitude)
        if let label = d.label, !label.isEmpty { w.element(.span, [(.class, "delta-label")], text: clip(label)) }
        w.close(.div)
    }
}

extension FormatToken {
    var isPercentLike: Bool { self == .percent0 || self == .percent1 }
}

/// A tiny trend line for KPI cards: area + line + a dot on the last value.
enum Sparkline {
    static func render(_ values: [Double], label: String, format: (Double) -> String) -> SafeHTML {
        let finite = values.filter(\.isFinite)
        let width = 160.0, height = 36.0, pad = 3.0
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let span = hi > lo ? hi - lo : 1
        let step = (width - 2 * pad) / Double(max(values.count - 1, 1))
        func y(_ v: Double) -> Double { height - pad - (v - lo) / span * (height - 2 * pad) }
        var line = PathBuilder(), area = PathBuilder()
        var lastPoint: (Double, Double)?
        var run: [(Double, Double)] = []
        func flushArea() {
            guard run.count > 1, let first = run.first, let last = run.last else { run.removeAll(); return }
            area.move(first.0, height - pad)
            for p in run { area.lineTo(p.0, p.1) }
            area.lineTo(last.0, height - pad)
            area.close()
            run.removeAll()
        }
        for (i, v) in values.enumerated() {
            guard v.isFinite else { line.lift(); flushArea(); continue }
            let p = (pad + Double(i) * step, y(v))
            line.lineTo(p.0, p.1)
            run.append(p)
            lastPoint = p
        }
        flushArea()
        var w = HTMLWriter(capacity: 512)
        let description = "Trend of \(label): \(finite.count) points from \(finite.first.map(format) ?? "–") to \(finite.last.map(format) ?? "–"), low \(format(lo)), high \(format(hi))."
        w.open(.svg, [(.xmlns, "http://www.w3.org/2000/svg"), (.class, "sparkline"), (.viewBox, "0 0 160 36"), (.width, "160"), (.height, "36"),
                      (.role, "img"), (.ariaLabel, description), (.focusable, "false")])
        w.empty(.path, [(.class, "area"), (.d, area.d)])
        w.empty(.path, [(.class, "line"), (.d, line.d)])
        if let last = lastPoint { w.empty(.circle, [(.class, "last"), (.cx, svgNumber(last.0)), (.cy, svgNumber(last.1)), (.r, "2.5")]) }
        w.close(.svg)
        return w.html
    }
}
