/// Colour legends: swatches for categories (wrapped into rows) and a stepped sequential ramp.
enum Legend {
    struct Item {
        var label: String
        var colorIndex: Int
    }

    enum Swatch { case square, line }

    static let rowHeight = 18.0

    /// Rows of (item, x offset) that fit in `width`.
    static func rows(_ items: [Item], width: Double) -> [[(Item, Double)]] {
        var rows: [[(Item, Double)]] = [[]]
        var x = 0.0
        for item in items {
            let label = TextMetrics.truncate(item.label, fontSize: SVGCanvas.labelFont, maxWidth: 180)
            let w = 16 + TextMetrics.width(label, fontSize: SVGCanvas.labelFont) + 14
            if x + w > width, !(rows.last?.isEmpty ?? true) { rows.append([]); x = 0 }
            rows[rows.count - 1].append((Item(label: label, colorIndex: item.colorIndex), x))
            x += w
        }
        return rows.filter { !$0.isEmpty }
    }

    static func height(_ items: [Item], width: Double) -> Double {
        items.isEmpty ? 0 : Double(rows(items, width: width).count) * rowHeight + 4
    }

    /// Draws a horizontal legend with its top-left corner at (x, y).
    static func drawRows(_ c: inout SVGCanvas, _ items: [Item], x: Double, y: Double, width: Double, swatch: Swatch) {
        c.group("legend") { c in
            for (r, row) in rows(items, width: width).enumerated() {
                let cy = y + Double(r) * rowHeight + 9
                for (item, dx) in row {
                    let cls = Palette.seriesClass(item.colorIndex)
                    switch swatch {
                    case .square: c.rect(x + dx, cy - 5, 10, 10, class: "swatch \(cls)")
                    case .line: c.line(x + dx, cy, x + dx + 12, cy, class: "swatch-line \(cls)")
                    }
                    c.text(item.label, x: x + dx + 16, y: cy + 4, class: "legend-label")
                }
            }
        }
    }

    /// Draws a vertical legend (one item per row) at (x, y); returns nothing, clipped by count.
    static func drawColumn(_ c: inout SVGCanvas, _ items: [Item], x: Double, y: Double, maxWidth: Double, maxRows: Int) {
        c.group("legend") { c in
            for (i, item) in items.prefix(maxRows).enumerated() {
                let cy = y + Double(i) * rowHeight + 9
                c.rect(x, cy - 5, 10, 10, class: "swatch \(Palette.seriesClass(item.colorIndex))")
                c.text(TextMetrics.truncate(item.label, fontSize: SVGCanvas.labelFont, maxWidth: maxWidth - 16), x: x + 16, y: cy + 4, class: "legend-label")
            }
        }
    }

    /// A stepped sequential ramp with min/max labels (heatmaps, colour-by-value scatter).
    static func drawRamp(_ c: inout SVGCanvas, x: Double, y: Double, width: Double, low: String, high: String, title: String?) {
        c.group("legend legend-ramp") { c in
            var left = x
            if let title, !title.isEmpty {
                let t = TextMetrics.truncate(title, fontSize: SVGCanvas.labelFont, maxWidth: 160)
                c.text(t, x: x, y: y + 13, class: "legend-label")
                left += TextMetrics.width(t, fontSize: SVGCanvas.labelFont) + 10
            }
            c.text(low, x: left, y: y + 13, class: "tick")
            left += TextMetrics.width(low, fontSize: SVGCanvas.tickFont) + 6
            let steps = Palette.sequential.count
            let cell = min(18.0, max(8, (width - left - 60) / Double(steps)))
            for i in 0..<steps {
                c.rect(left + Double(i) * cell, y + 3, cell, 12, class: "ramp-step q\(i)")
            }
            c.text(high, x: left + Double(steps) * cell + 6, y: y + 13, class: "tick")
        }
    }
}
