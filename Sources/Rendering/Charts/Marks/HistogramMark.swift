import Foundation

/// Histograms: the x field binned in Swift on nice edges, bar height = count.
enum HistogramMark {
    struct Bin: Equatable {
        var lower: Double
        var upper: Double
        var count: Int
    }

    /// Bins `values` into about `target` bins with nice edges; the last bin is closed on the right.
    static func bins(_ values: [Double], target: Int) -> [Bin] {
        guard let lo = values.min(), let hi = values.max() else { return [] }
        if lo == hi { return [Bin(lower: lo - 0.5, upper: hi + 0.5, count: values.count)] }
        let step = NiceTicks.step(lo: lo, hi: hi, count: max(target, 1))
        let start = (lo / step).rounded(.down) * step
        var count = Int(((hi - start) / step).rounded(.up))
        if start + Double(count) * step <= hi { count += 1 }
        count = max(count, 1)
        let places = NumberText.pow10(NiceTicks.decimals(for: step))
        let edge = { (i: Int) in ((start + Double(i) * step) * places).rounded() / places }
        var result = (0..<count).map { Bin(lower: edge($0), upper: edge($0 + 1), count: 0) }
        for v in values {
            var i = Int(((v - start) / step).rounded(.down))
            i = min(max(i, 0), count - 1)
            result[i].count += 1
        }
        return result
    }

    static func draw(_ ctx: inout ChartContext) throws(ChartFields.MissingField) {
        let spec = ctx.spec, data = ctx.data
        guard let xEnc = spec.x ?? spec.y else { throw ChartFields.MissingField(field: "(none)", channel: "x") }
        let column = try data.column(xEnc, channel: "x")
        let values = data.table.numbers(column).filter(\.isFinite)
        let target = spec.bins ?? min(30, max(5, Int(log2(Double(max(values.count, 1))).rounded(.up)) + 1))
        let binned = bins(values, target: min(max(target, 2), 100))
        let token = data.format(xEnc)
        let fmt = { (v: Double) in ValueFormatter.format(v, token, currency: spec.currency) }

        var f = PlotFrame(width: ctx.width, height: ctx.height, left: 40, top: 26, right: 16, bottom: 48)
        let maxCount = Double(binned.map(\.count).max() ?? 1)
        let count = ChartContext.tickCount(forLength: ctx.height - 74, spacing: 44)
        var yScale = ContinuousScale.linear(lo: 0, hi: max(maxCount, 1), includeZero: true, nice: true, range: (0, 1), tickCount: count)
        var ticks = Axes.ticks(yScale, count: count, token: .integer, currency: nil).filter { $0.value == $0.value.rounded() }
        f.left = max(28, (ticks.map { TextMetrics.width($0.label, fontSize: SVGCanvas.tickFont) }.max() ?? 0) + 12)
        yScale.range = (f.y1, f.y0)
        ticks = ticks.map { Tick(value: $0.value, position: yScale($0.value), label: $0.label) }
        let lo = binned.first?.lower ?? 0, hi = binned.last?.upper ?? 1
        let xScale = ContinuousScale(kind: .linear, domain: (lo, hi), range: (f.x0, f.x1))
        Axes.drawY(&ctx.canvas, f, ticks, zeroAt: yScale(0))
        let resolve: Annotations.Resolver = { axis, value in
            if axis == .y { return value.number().map { (yScale($0), false) } }
            return value.number().map { (xScale($0), true) }
        }
        Annotations.drawBands(&ctx.canvas, f, spec.annotations, resolve: resolve)
        ctx.canvas.group("marks") { c in
            for bin in binned where bin.count > 0 {
                let x0 = xScale(bin.lower), x1 = xScale(bin.upper)
                let y = yScale(Double(bin.count))
                c.rect(x0 + 0.5, y, max(x1 - x0 - 1, 0.5), yScale(0) - y, class: "mark bar c0",
                       title: "\(fmt(bin.lower)) – \(fmt(bin.upper)): \(bin.count)")
            }
        }
        // Ticks on bin edges when they fit, else nice ticks over the range.
        let edges = ([lo] + binned.map(\.upper)).map { Tick(value: $0, position: xScale($0), label: "") }
        let edgeStep = binned.first.map { $0.upper - $0.lower } ?? 1
        let labels = TickFormat.labels(edges.map(\.value), step: edgeStep, token: token, currency: spec.currency)
        let edgeTicks = zip(edges, labels).map { Tick(value: $0.value, position: $0.position, label: $1) }
        Axes.drawX(&ctx.canvas, f, edgeTicks, grid: false, zeroAt: nil)
        Annotations.drawRules(&ctx.canvas, f, spec.annotations, resolve: resolve)
        Axes.drawTitles(&ctx.canvas, f, x: data.title(xEnc), y: "Count", xLabelHeight: 18)
        var summary = ["Histogram of \(data.title(xEnc)): \(values.count) values in \(binned.count) bins from \(fmt(lo)) to \(fmt(hi))."]
        if let mode = binned.max(by: { $0.count < $1.count }) {
            summary.append("Most values (\(mode.count)) fall between \(fmt(mode.lower)) and \(fmt(mode.upper)).")
        }
        let missing = data.table.rowCount - values.count
        if missing > 0 { summary.append("\(missing) missing value\(missing == 1 ? " was" : "s were") left out.") }
        ctx.summary = summary
    }
}
