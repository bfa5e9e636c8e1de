import Foundation

/// Pie and donut charts: slices clockwise from 12 o'clock, a legend with values and shares,
/// and the total in a donut's hole. Negative and null values are left out (and said so).
enum ArcMark {
    static func draw(_ ctx: inout ChartContext) throws(ChartFields.MissingField) {
        let spec = ctx.spec, data = ctx.data
        guard let thetaEnc = spec.theta ?? spec.y ?? spec.x else { throw ChartFields.MissingField(field: "(none)", channel: "theta") }
        let thetaColumn = try data.column(thetaEnc, channel: "theta")
        var colorColumn: Int?
        if let color = spec.color { colorColumn = try data.column(color, channel: "color") }
        let keys = colorColumn.map { ctx.categories(column: $0, temporal: spec.color?.type == .temporal) } ?? []
        var sums: [String: Double] = [:]
        var skipped = 0
        let table = data.table, thetas = table.numbers(thetaColumn)
        for i in 0..<table.rowCount {
            let key = colorColumn.flatMap { table.value(row: i, column: $0).key } ?? "Row \(i + 1)"
            guard thetas[i].isFinite, thetas[i] >= 0 else { skipped += 1; continue }
            sums[key, default: 0] += thetas[i]
        }
        let ordered = (keys.isEmpty ? (0..<table.rowCount).map { "Row \($0 + 1)" } : keys).compactMap { k in sums[k].map { (k, $0) } }
        let total = ordered.reduce(0) { $0 + $1.1 }
        let token = data.format(thetaEnc)
        let fmt = { (v: Double) in ValueFormatter.format(v, token, currency: spec.currency) }
        // Set aside before `reader` copies the context, so the copy does not share its bytes.
        var canvas = ctx.canvas
        ctx.canvas = SVGCanvas()
        let reader = ctx
        let labelOf: (String) -> String = { key in spec.color.map { reader.categoryLabel(key, $0) } ?? key }

        // Pie on the left, legend (label · value · share) on the right; stacked when narrow.
        let narrow = ctx.width < 420
        let legendWidth = narrow ? ctx.width - 16 : min(260, ctx.width * 0.45)
        let legendRows = min(ordered.count, 12)
        let diameter = min(ctx.height - 16, narrow ? min(ctx.width - 32, 240) : ctx.width - legendWidth - 40)
        let radius = max(diameter / 2, 20)
        if narrow { ctx.height = radius * 2 + 24 + Double(legendRows) * Legend.rowHeight + 8 }
        let cx = narrow ? ctx.width / 2 : 16 + radius, cy = 8 + radius
        let inner = min(max(spec.innerRadius ?? 0, 0), 0.9) * radius

        canvas.group("marks") { c in
            var angle = 0.0
            for (i, (key, value)) in ordered.enumerated() where value > 0 && total > 0 {
                let sweep = value / total * 2 * .pi
                let title = "\(labelOf(key)): \(fmt(value)) (\(ValueFormatter.format(value / total, .percent1)))"
                c.path(slicePath(cx: cx, cy: cy, r: radius, inner: inner, start: angle, sweep: sweep), class: "mark arc \(Palette.seriesClass(i))", title: title)
                angle += sweep
            }
        }
        if inner > 24 {
            canvas.text(fmt(total), x: cx, y: cy + 2, anchor: .middle, class: "donut-total")
            canvas.text("Total", x: cx, y: cy + 18, anchor: .middle, class: "donut-caption")
        }
        canvas.group("legend") { c in
            let x0 = narrow ? 8 : cx + radius + 28
            let y0 = narrow ? cy + radius + 16 : max(8, cy - Double(legendRows) * Legend.rowHeight / 2)
            for (i, (key, value)) in ordered.prefix(legendRows).enumerated() {
                let y = y0 + Double(i) * Legend.rowHeight + 9
                c.rect(x0, y - 5, 10, 10, class: "swatch \(Palette.seriesClass(i))")
                let share = total > 0 ? ValueFormatter.format(value / total, .percent0) : "–"
                let right = "\(fmt(value)) · \(share)"
                let rightWidth = TextMetrics.width(right, fontSize: SVGCanvas.labelFont)
                c.text(TextMetrics.truncate(labelOf(key), fontSize: SVGCanvas.labelFont, maxWidth: legendWidth - rightWidth - 30), x: x0 + 16, y: y + 4, class: "legend-label")
                c.text(right, x: x0 + legendWidth, y: y + 4, anchor: .end, class: "legend-value")
            }
            if ordered.count > legendRows {
                c.text("+\(ordered.count - legendRows) more", x: x0 + 16, y: y0 + Double(legendRows) * Legend.rowHeight + 13, class: "legend-label")
            }
        }
        ctx.canvas = consume canvas  // moved back, not shared with `canvas`
        var summary = ["\(inner > 0 ? "Donut" : "Pie") chart of \(data.title(thetaEnc))" + (spec.color.map { " by \(data.title($0))" } ?? "") + ", \(ordered.count) slices, total \(fmt(total))."]
        if let top = ordered.max(by: { $0.1 < $1.1 }), total > 0 {
            summary.append("Largest: \(labelOf(top.0)) with \(ValueFormatter.format(top.1 / total, .percent0)).")
        }
        if skipped > 0 { summary.append("\(skipped) negative or missing value\(skipped == 1 ? " was" : "s were") left out.") }
        ctx.summary = summary
    }

    /// An annular (or full) sector from `start` clockwise by `sweep` radians, 0 = 12 o'clock.
    static func slicePath(cx: Double, cy: Double, r: Double, inner: Double, start: Double, sweep: Double) -> PathBuilder {
        var p = PathBuilder()
        let full = sweep >= 2 * .pi - 1e-9
        let s = full ? min(sweep, 2 * .pi - 1e-4) : sweep
        func point(_ a: Double, _ radius: Double) -> (Double, Double) { (cx + radius * sin(a), cy - radius * cos(a)) }
        let (x0, y0) = point(start, r), (x1, y1) = point(start + s, r)
        p.move(x0, y0)
        p.arc(rx: r, ry: r, large: s > .pi, sweep: true, x: x1, y: y1)
        if inner > 0 {
            let (x2, y2) = point(start + s, inner), (x3, y3) = point(start, inner)
            p.lineTo(x2, y2)
            p.arc(rx: inner, ry: inner, large: s > .pi, sweep: false, x: x3, y: y3)
        } else {
            p.lineTo(cx, cy)
        }
        p.close()
        return p
    }
}
