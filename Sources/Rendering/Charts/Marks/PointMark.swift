import Foundation

/// Scatter and bubble plots: x/y positions, optional size (area-proportional radius) and colour
/// (categorical classes or a sequential ramp for a quantitative field).
enum PointMark {
    struct Dot {
        var x: Double
        var y: Double
        var size: Double?
        /// Index into the colour categories (nil for a null cell or a quantitative colour).
        var colorID: Int?
        var colorValue: Double?
    }

    static func draw(_ ctx: inout ChartContext) throws(ChartFields.MissingField) {
        let spec = ctx.spec, data = ctx.data
        guard let xEnc = spec.x else { throw ChartFields.MissingField(field: "(none)", channel: "x") }
        guard let yEnc = spec.y else { throw ChartFields.MissingField(field: "(none)", channel: "y") }
        let xColumn = try data.column(xEnc, channel: "x"), yColumn = try data.column(yEnc, channel: "y")
        var sizeColumn: Int?, colorColumn: Int?
        if let size = spec.size { sizeColumn = try data.column(size, channel: "size") }
        if let color = spec.color { colorColumn = try data.column(color, channel: "color") }
        let colorIsQuantitative = spec.color?.type == .quantitative
        var xAxis = XAxisModel(encoding: xEnc, column: xColumn, ctx: ctx, extraValues: Annotations.extent(spec.annotations, axis: .x, temporal: xEnc.type == .temporal))

        let table = data.table
        let ys = table.numbers(yColumn), sizeNumbers = sizeColumn.map { table.numbers($0) }
        let colorCategories = colorColumn.flatMap { colorIsQuantitative ? nil : table.categories($0, temporal: false) }
        let colorNumbers = colorColumn.flatMap { colorIsQuantitative ? table.numbers($0) : nil }
        var dots: [Dot] = []
        dots.reserveCapacity(table.rowCount)
        for r in 0..<table.rowCount {
            guard let x = xAxis.rowPositions[r], ys[r].isFinite else { continue }
            let y = ys[r]
            if yEnc.scale?.type == .log, y <= 0 { continue }
            dots.append(Dot(x: x, y: y, size: sizeNumbers.flatMap { $0[r].isFinite ? $0[r] : nil }, colorID: colorCategories?.ids[r] ?? nil,
                            colorValue: colorNumbers.flatMap { $0[r].isFinite ? $0[r] : nil }))
        }
        let colorKeys = colorCategories?.keys ?? []
        let colorValues = dots.compactMap(\.colorValue)
        let cLo = colorValues.min() ?? 0, cHi = colorValues.max() ?? 1
        let sizes = dots.compactMap(\.size).filter { $0 >= 0 }
        let sizeMax = sizes.max() ?? 1

        var lo = dots.map(\.y).min() ?? 0, hi = dots.map(\.y).max() ?? 1
        for v in Annotations.extent(spec.annotations, axis: .y) { lo = min(lo, v); hi = max(hi, v) }
        let token = data.format(yEnc)

        let placement = colorKeys.count > 1 ? ctx.legendPlacement(seriesCount: colorKeys.count) : .none
        let legendItems = colorKeys.enumerated().map { Legend.Item(label: $1, colorIndex: $0) }
        // Scatter legends always sit on top (a right-hand column would squeeze the plot).
        var legendHeight = placement != .none ? Legend.height(legendItems, width: ctx.width - 16) : 0
        if colorIsQuantitative && spec.legend != .none { legendHeight = 22 }
        var f = PlotFrame(width: ctx.width, height: ctx.height, left: 40, top: 8 + legendHeight + 18, right: 16, bottom: 24)
        let estimate = ctx.height - f.top - 50
        let count = ChartContext.tickCount(forLength: estimate, spacing: 44)
        var yScale = ctx.valueScale(lo: lo, hi: hi, encoding: yEnc, defaultZero: false, range: (f.top + estimate, f.top), tickCount: count)
        var ticks = Axes.ticks(yScale, count: count, token: token, currency: spec.currency)
        f.left = max(28, (ticks.map { TextMetrics.width($0.label, fontSize: SVGCanvas.tickFont) }.max() ?? 0) + 12)
        f.bottom = xAxis.labelHeight(plotWidth: f.plotWidth, ctx: ctx) + 30
        xAxis.setRange(f.x0, f.x1)
        yScale.range = (f.y1, f.y0)
        ticks = ticks.map { Tick(value: $0.value, position: yScale($0.value), label: $0.label) }
        // Captured as values: a `var` captured by an escaping closure lives in a heap box, and
        // every use below copied the axis model (arrays and all) out of it.
        let resolve: Annotations.Resolver = { [xAxis, yScale] axis, value in
            if axis == .y { return value.number().map { (yScale($0), false) } }
            return xAxis.position(value).map { (xAxis.pixel($0), true) }
        }
        Axes.drawY(&ctx.canvas, f, ticks, zeroAt: yScale.kind == .linear && yScale.domain.0 < 0 && yScale.domain.1 > 0 ? yScale(0) : nil)
        Annotations.drawBands(&ctx.canvas, f, spec.annotations, resolve: resolve)
        // The canvas is set aside while `ctx` is read (the x axis, the titles): a copy of the
        // context holding it would make the next write copy every byte drawn so far.
        var canvas = ctx.canvas
        ctx.canvas = SVGCanvas()
        let reader = ctx
        let labelHeight = xAxis.draw(&canvas, f, ctx: reader)
        let tooltips = dots.count <= ChartContext.maxMarkTooltips
        // Bubble sizes scale with the plot so small charts are not swamped.
        let maxRadius = min(16, max(6, min(f.plotWidth, f.plotHeight) / 22))
        let filledShapes = Palette.filledPointShapes, sequentialShapes = Palette.sequentialPointShapes
        canvas.group("marks") { [xAxis, yScale] c in
            for dot in dots {
                let radius = dot.size.map { 2.5 + (maxRadius - 2.5) * (max($0, 0) / max(sizeMax, 1e-12)).squareRoot() } ?? (dots.count > 300 ? 2.5 : 4)
                var title: String?
                if tooltips {
                    var t = xAxis.label(dot.x, ctx: reader) + ", " + ValueFormatter.format(dot.y, token, currency: spec.currency)
                    if let id = dot.colorID { t = colorKeys[id] + ": " + t }
                    if let s = dot.size, let enc = spec.size { t += ", \(reader.data.title(enc)) " + reader.data.display(s, enc) }
                    title = t
                }
                if let cv = dot.colorValue {
                    let t = cHi > cLo ? (cv - cLo) / (cHi - cLo) : 0.5
                    let step = Palette.sequentialStep(t)
                    if let title {
                        c.circle(xAxis.pixel(dot.x), yScale(dot.y), radius, class: Palette.sequentialPointClasses[step], title: title)
                    } else {
                        c.circle(xAxis.pixel(dot.x), yScale(dot.y), radius, sequentialShapes[step])
                    }
                } else {
                    let index = dot.colorID ?? 0
                    if let title {
                        c.circle(xAxis.pixel(dot.x), yScale(dot.y), radius, class: Palette.filledPointClasses[index % 8], title: title)
                    } else {
                        c.circle(xAxis.pixel(dot.x), yScale(dot.y), radius, filledShapes[index % 8])
                    }
                }
            }
        }
        ctx.canvas = consume canvas  // moved back, not shared with `canvas`
        Annotations.drawRules(&ctx.canvas, f, spec.annotations, resolve: resolve)
        Axes.drawTitles(&ctx.canvas, f, x: data.title(xEnc), y: data.title(yEnc), xLabelHeight: labelHeight)
        if colorIsQuantitative, spec.legend != .none, let color = spec.color {
            Legend.drawRamp(&ctx.canvas, x: 4, y: 2, width: ctx.width - 8, low: data.display(cLo, color), high: data.display(cHi, color), title: data.title(color))
        } else if placement != .none {
            Legend.drawRows(&ctx.canvas, legendItems, x: 4, y: 4, width: ctx.width - 16, swatch: .square)
        }
        ctx.summary = summary(dots, xAxis: xAxis, ctx: reader, xEnc: xEnc, yEnc: yEnc, token: token)
    }

    static func summary(_ dots: [Dot], xAxis: XAxisModel, ctx: ChartContext, xEnc: ChartSpec.Encoding, yEnc: ChartSpec.Encoding, token: FormatToken) -> [String] {
        let data = ctx.data
        var out = ["Scatter plot of \(data.title(yEnc)) against \(data.title(xEnc)), \(dots.count) points."]
        guard let minY = dots.min(by: { $0.y < $1.y }), let maxY = dots.max(by: { $0.y < $1.y }) else { return out }
        let fmt = { (v: Double) in ValueFormatter.format(v, token, currency: ctx.spec.currency) }
        out.append("\(data.title(yEnc)) ranges from \(fmt(minY.y)) (at \(xAxis.label(minY.x, ctx: ctx))) to \(fmt(maxY.y)) (at \(xAxis.label(maxY.x, ctx: ctx))).")
        if dots.count >= 3, xAxis.kind != .points {
            let n = Double(dots.count)
            let mx = dots.reduce(0) { $0 + $1.x } / n, my = dots.reduce(0) { $0 + $1.y } / n
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for d in dots { sxy += (d.x - mx) * (d.y - my); sxx += (d.x - mx) * (d.x - mx); syy += (d.y - my) * (d.y - my) }
            if sxx > 0, syy > 0 {
                let r = sxy / (sxx * syy).squareRoot()
                let strength = abs(r) >= 0.7 ? "strong" : abs(r) >= 0.4 ? "moderate" : abs(r) >= 0.2 ? "weak" : "no clear"
                let direction = abs(r) < 0.2 ? "" : (r > 0 ? " positive" : " negative")
                out.append("There is \(strength)\(direction) correlation (r = \(NumberText.fixed(r, decimals: 2))).")
            }
        }
        return out
    }
}
