/// Heatmaps: an x × y grid of categories coloured by a quantitative field on a stepped
/// sequential ramp, with a ramp legend; empty cells are drawn as "no data", not as zero.
enum RectMark {
    static func draw(_ ctx: inout ChartContext) throws(ChartFields.MissingField) {
        let spec = ctx.spec, data = ctx.data
        guard let xEnc = spec.x else { throw ChartFields.MissingField(field: "(none)", channel: "x") }
        guard let yEnc = spec.y else { throw ChartFields.MissingField(field: "(none)", channel: "y") }
        guard let colorEnc = spec.color else { throw ChartFields.MissingField(field: "(none)", channel: "color") }
        let xColumn = try data.column(xEnc, channel: "x"), yColumn = try data.column(yEnc, channel: "y")
        let colorColumn = try data.column(colorEnc, channel: "color")
        let table = data.table
        let xCategories = table.categories(xColumn, temporal: xEnc.type == .temporal)
        let yCategories = table.categories(yColumn, temporal: yEnc.type == .temporal)
        let xKeys = xCategories.keys, yKeys = yCategories.keys
        // One aggregate per cell of the grid, row-major (`yi * xKeys.count + xi`).
        let aggregate = colorEnc.aggregate ?? .sum
        var cells = Array(repeating: RunningAggregate(aggregate), count: xKeys.count * yKeys.count)
        let colors = table.numbers(colorColumn)
        for r in 0..<table.rowCount {
            guard let xi = xCategories.ids[r], let yi = yCategories.ids[r], colors[r].isFinite else { continue }
            cells[yi * xKeys.count + xi].add(colors[r])
        }
        let resolved = cells.map(\.result)
        let values = resolved.compactMap { $0 }
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let token = data.format(colorEnc)
        let fmt = { (v: Double) in ValueFormatter.format(v, token, currency: spec.currency) }

        let xLabels = xKeys.map { ctx.categoryLabel($0, xEnc) }, yLabels = yKeys.map { ctx.categoryLabel($0, yEnc) }
        let legendHeight = spec.legend == .none ? 0.0 : 24
        let yLabelWidth = min((yLabels.map { TextMetrics.width($0, fontSize: SVGCanvas.tickFont) }.max() ?? 0), ctx.width * 0.3)
        var f = PlotFrame(width: ctx.width, height: ctx.height, left: yLabelWidth + 12, top: 8 + legendHeight, right: 12, bottom: 24)
        let xBand0 = BandScale(domain: xKeys, range: (f.x0, f.x1), paddingInner: 0.04, paddingOuter: 0)
        let labels = Axes.bandLabels(zip(xKeys, ctx.axisLabels(xKeys, xEnc)).map { (xBand0.center($0) ?? 0, $1) }, step: xBand0.step, ordered: xEnc.type != .nominal)
        let rowHeight = max(14, min(36, (ctx.height - f.top - labels.height - 24) / Double(max(yKeys.count, 1))))
        ctx.height = f.top + rowHeight * Double(yKeys.count) + labels.height + 26
        f.height = ctx.height
        f.bottom = labels.height + 26
        let yBand = BandScale(domain: yKeys, range: (f.y0, f.y1), paddingInner: 0.06, paddingOuter: 0)
        let xBand = xBand0

        // Cell labels for all cells or none: a heatmap with some numbers missing reads as missing data.
        // (`widest + 4 <= bandwidth` asked of every label, stopping at the first too wide: spelling
        // all 1,000 values of a dense grid to find the widest cost a `String` each.)
        let showLabels = yBand.bandwidth >= 13 && 4 <= xBand.bandwidth
            && values.allSatisfy { TextMetrics.width(fmt($0), fontSize: 10) + 4 <= xBand.bandwidth }
        var canvas = ctx.canvas
        ctx.canvas = SVGCanvas()
        let tooltips = xKeys.count * yKeys.count <= ChartContext.maxMarkTooltips * 2
        let shapes = Palette.cellShapes
        canvas.group("marks") { c in
            for yi in yKeys.indices {
                let y = yBand.start(at: yi)
                for xi in xKeys.indices {
                    let x = xBand.start(at: xi)
                    let name = tooltips ? "\(xLabels[xi]), \(yLabels[yi])" : ""
                    guard let v = resolved[yi * xKeys.count + xi] else {
                        c.rect(x, y, xBand.bandwidth, yBand.bandwidth, class: "mark cell cell-empty", title: tooltips ? name + ": no data" : nil)
                        continue
                    }
                    let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
                    let step = Palette.sequentialStep(t)
                    if tooltips {
                        c.rect(x, y, xBand.bandwidth, yBand.bandwidth, class: Palette.cellClasses[step], title: name + ": " + fmt(v))
                    } else {
                        c.rect(x, y, xBand.bandwidth, yBand.bandwidth, shapes[step])
                    }
                    if showLabels {
                        c.text(fmt(v), x: x + xBand.bandwidth / 2, y: y + yBand.bandwidth / 2 + 3.5, anchor: .middle,
                               class: Palette.cellLabelClasses[step])
                    }
                }
            }
        }
        Axes.drawBandX(&canvas, f, labels)
        Axes.drawBandY(&canvas, f, zip(yKeys, ctx.axisLabels(yKeys, yEnc)).map { (yBand.center($0) ?? 0, $1) }, maxWidth: yLabelWidth, step: yBand.step)
        if spec.legend != .none {
            Legend.drawRamp(&canvas, x: 4, y: 2, width: ctx.width - 8, low: fmt(lo), high: fmt(hi), title: data.title(colorEnc))
        }
        ctx.canvas = consume canvas  // moved back, not shared with `canvas`
        var summary = ["Heatmap of \(data.title(colorEnc)) by \(data.title(xEnc)) (\(xKeys.count)) and \(data.title(yEnc)) (\(yKeys.count))."]
        // Extremes: the highest and the lowest cell, a tie going to the "x\u{1F}y" key that sorts first.
        func key(_ i: Int) -> String { xKeys[i % xKeys.count] + "\u{1F}" + yKeys[i / xKeys.count] }
        func beats(_ i: Int, _ v: Double, _ current: Int?, higher: Bool) -> Bool {
            guard let current, let best = resolved[current] else { return true }
            if v != best { return higher ? v > best : v < best }
            return key(i) < key(current)
        }
        var maxCell: Int?, minCell: Int?
        for (i, v) in resolved.enumerated() {
            guard let v else { continue }
            if beats(i, v, maxCell, higher: true) { maxCell = i }
            if beats(i, v, minCell, higher: false) { minCell = i }
        }
        if let maxCell, let minCell, let hiValue = resolved[maxCell], let loValue = resolved[minCell] {
            let name = { (i: Int) in "\(xKeys[i % xKeys.count]), \(yKeys[i / xKeys.count])" }
            summary.append("Highest: \(name(maxCell)) at \(fmt(hiValue)); lowest: \(name(minCell)) at \(fmt(loValue)).")
        }
        let empty = xKeys.count * yKeys.count - values.count
        if empty > 0 { summary.append("\(empty) cell\(empty == 1 ? " has" : "s have") no data.") }
        ctx.summary = summary
    }
}
