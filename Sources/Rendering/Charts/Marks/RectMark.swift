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
        let xKeys = ctx.categories(column: xColumn, temporal: xEnc.type == .temporal)
        let yKeys = ctx.categories(column: yColumn, temporal: yEnc.type == .temporal)
        var cells: [String: [Double]] = [:]
        for row in spec.rows {
            guard let xk = data.cell(row, xColumn).key, let yk = data.cell(row, yColumn).key else { continue }
            let key = xk + "\u{1F}" + yk
            var values = cells[key] ?? []
            if let v = data.cell(row, colorColumn).number() { values.append(v) }
            cells[key] = values
        }
        let aggregate = colorEnc.aggregate ?? .sum
        var resolved: [String: Double] = [:]
        for (k, values) in cells where !values.isEmpty { resolved[k] = ChartFields.aggregate(values, aggregate) }
        let lo = resolved.values.min() ?? 0, hi = resolved.values.max() ?? 1
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
        let widestLabel = resolved.values.map { TextMetrics.width(fmt($0), fontSize: 10) }.max() ?? 0
        let showLabels = widestLabel + 4 <= xBand.bandwidth && yBand.bandwidth >= 13
        var canvas = ctx.canvas
        let tooltips = xKeys.count * yKeys.count <= ChartContext.maxMarkTooltips * 2
        canvas.group("marks") { c in
            for (yi, yk) in yKeys.enumerated() {
                guard let y = yBand.start(yk) else { continue }
                for (xi, xk) in xKeys.enumerated() {
                    guard let x = xBand.start(xk) else { continue }
                    let name = tooltips ? "\(xLabels[xi]), \(yLabels[yi])" : ""
                    guard let v = resolved[xk + "\u{1F}" + yk] else {
                        c.rect(x, y, xBand.bandwidth, yBand.bandwidth, class: "mark cell cell-empty", title: tooltips ? name + ": no data" : nil)
                        continue
                    }
                    let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
                    let step = Palette.sequentialStep(t)
                    c.rect(x, y, xBand.bandwidth, yBand.bandwidth, class: Palette.cellClasses[step], title: tooltips ? name + ": " + fmt(v) : nil)
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
        ctx.canvas = canvas
        var summary = ["Heatmap of \(data.title(colorEnc)) by \(data.title(xEnc)) (\(xKeys.count)) and \(data.title(yEnc)) (\(yKeys.count))."]
        if let maxCell = resolved.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), let minCell = resolved.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            let name = { (k: String) in k.split(separator: "\u{1F}", omittingEmptySubsequences: false).joined(separator: ", ") }
            summary.append("Highest: \(name(maxCell.key)) at \(fmt(maxCell.value)); lowest: \(name(minCell.key)) at \(fmt(minCell.value)).")
        }
        let empty = xKeys.count * yKeys.count - resolved.count
        if empty > 0 { summary.append("\(empty) cell\(empty == 1 ? " has" : "s have") no data.") }
        ctx.summary = summary
    }
}
