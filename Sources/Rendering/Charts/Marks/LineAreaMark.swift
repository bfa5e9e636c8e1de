import Foundation

/// Lines and areas: one path per series, broken at nulls (a gap, never a drop to zero);
/// areas optionally stacked. Up to five series get direct labels at their last point instead
/// of a legend.
enum LineAreaMark {
    struct Point {
        var x: Double
        var y: Double?
        var y0 = 0.0
    }

    struct Series {
        var key: String
        var points: [Point]
    }

    static func draw(_ ctx: inout ChartContext, area: Bool) throws(ChartFields.MissingField) {
        let spec = ctx.spec, data = ctx.data
        guard let xEnc = spec.x else { throw ChartFields.MissingField(field: "(none)", channel: "x") }
        guard let yEnc = spec.y else { throw ChartFields.MissingField(field: "(none)", channel: "y") }
        let xColumn = try data.column(xEnc, channel: "x")
        let yColumn = try data.column(yEnc, channel: "y")
        var colorColumn: Int?
        if let color = spec.color { colorColumn = try data.column(color, channel: "color") }
        let xExtra = Annotations.extent(spec.annotations, axis: .x, temporal: xEnc.type == .temporal)
        var xAxis = XAxisModel(encoding: xEnc, column: xColumn, ctx: ctx, extraValues: xAxisKindIsPoints(xEnc) ? [] : xExtra)

        // Series → x → values (duplicates aggregated); a null y is kept as a gap marker.
        let rowSeries = colorColumn.map { data.table.categories($0, temporal: false) }
        // No colour, or a colour column without a single value: one unnamed series.
        let seriesKeys = rowSeries.flatMap { $0.keys.isEmpty ? nil : $0.keys } ?? [""]
        // One (x, y) observation per row and series, sorted by x; a run of equal x aggregates.
        var observations = Array(repeating: [(x: Double, y: Double?)](), count: seriesKeys.count)
        let ys = data.table.numbers(yColumn)
        for r in 0..<data.table.rowCount {
            guard let x = xAxis.rowPositions[r] else { continue }
            let s = (rowSeries?.ids[r]).flatMap { $0 } ?? 0
            observations[s].append((x, ys[r].isFinite ? ys[r] : nil))
        }
        let aggregate = yEnc.aggregate ?? .sum
        var series: [Series] = seriesKeys.enumerated().map { s, key in
            var rows = observations[s]
            // Stable, so duplicates of one x aggregate in row order.
            if !zip(rows, rows.dropFirst()).allSatisfy({ $0.x < $1.x }) { rows = stableSortedByX(rows) }
            var points: [Point] = []
            points.reserveCapacity(rows.count)
            var i = 0
            while i < rows.count {
                var j = i + 1
                while j < rows.count && rows[j].x == rows[i].x { j += 1 }
                if j == i + 1 && aggregate != .count {
                    points.append(Point(x: rows[i].x, y: rows[i].y))
                } else {
                    let values = rows[i..<j].compactMap(\.y)
                    points.append(Point(x: rows[i].x, y: values.isEmpty ? nil : ChartFields.aggregate(values, aggregate)))
                }
                i = j
            }
            return Series(key: key, points: points)
        }
        let stacked = area && spec.stack != .none && series.count > 1
        if stacked { stack(&series, normalize: spec.stack == .normalize) }

        var lo = Double.infinity, hi = -Double.infinity
        for s in series { for p in s.points { if let y = p.y { lo = min(lo, stacked ? p.y0 : y, y); hi = max(hi, y) } } }
        for v in Annotations.extent(spec.annotations, axis: .y) { lo = min(lo, v); hi = max(hi, v) }
        if !lo.isFinite { lo = 0; hi = 1 }
        let normalize = stacked && spec.stack == .normalize
        let token: FormatToken = normalize ? .percent0 : data.format(yEnc)

        // Legend or direct labels.
        let useDirect = series.count > 1 && series.count <= 5 && spec.legend == .auto && ctx.width >= 360
        let placement: ChartSpec.Legend = useDirect ? .none : ctx.legendPlacement(seriesCount: series.count)
        let legendItems = series.count > 1 ? series.enumerated().map { Legend.Item(label: $1.key, colorIndex: $0) } : []
        let legendHeight = placement == .top || placement == .bottom ? Legend.height(legendItems, width: ctx.width - 16) : 0
        let legendRight = placement == .right ? min(160, ctx.width * 0.25) : 0
        let directWidth = useDirect ? min(140, (series.map { TextMetrics.width($0.key, fontSize: SVGCanvas.tickFont) }.max() ?? 0) + 10) : 0

        var f = PlotFrame(width: ctx.width, height: ctx.height, left: 40, top: 8 + legendHeight * (placement == .top ? 1 : 0) + 18,
                          right: 14 + legendRight + directWidth, bottom: 24)
        let estimate = ctx.height - f.top - 50
        let count = ChartContext.tickCount(forLength: estimate, spacing: 44)
        var yScale = ctx.valueScale(lo: lo, hi: hi, encoding: normalize ? nil : yEnc, defaultZero: area, range: (f.top + estimate, f.top), tickCount: count)
        var ticks = Axes.ticks(yScale, count: count, token: token, currency: spec.currency)
        f.left = max(28, (ticks.map { TextMetrics.width($0.label, fontSize: SVGCanvas.tickFont) }.max() ?? 0) + 12)
        f.bottom = xAxis.labelHeight(plotWidth: f.plotWidth, ctx: ctx) + 18 + (placement == .bottom ? legendHeight : 0)
        xAxis.setRange(f.x0, f.x1)
        yScale.range = (f.y1, f.y0)
        ticks = ticks.map { Tick(value: $0.value, position: yScale($0.value), label: $0.label) }

        // Captured as values: a `var` captured by an escaping closure lives in a heap box, and
        // every use below copied the axis model (arrays and all) out of it.
        let resolve: Annotations.Resolver = { [xAxis, yScale] axis, value in
            if axis == .y { return value.number().map { (yScale($0), false) } }
            if xAxis.kind == .points, let key = value.key, let c = xAxis.band.center(key) { return (c, true) }
            return xAxis.position(value).map { (xAxis.pixel($0), true) }
        }
        let zeroVisible = yScale.kind == .linear && yScale.domain.0 <= 0 && yScale.domain.1 >= 0
        Axes.drawY(&ctx.canvas, f, ticks, zeroAt: zeroVisible ? yScale(0) : nil)
        Annotations.drawBands(&ctx.canvas, f, spec.annotations, resolve: resolve)
        // The canvas is set aside while `ctx` is read (the x axis, the markers' titles): a copy of
        // the context holding it would make the next write copy every byte drawn so far.
        var canvas = ctx.canvas
        ctx.canvas = SVGCanvas()
        let reader = ctx
        let labelHeight = xAxis.draw(&canvas, f, ctx: reader)
        let baseline = zeroVisible ? yScale(0) : (yScale.domain.0 > 0 ? f.y1 : f.y0)
        let yFormat: (Double) -> String = { ValueFormatter.format($0, token, currency: spec.currency) }
        canvas.group("marks") { [xAxis, yScale] c in
            for (s, line) in series.enumerated() {
                let cls = Palette.seriesClass(s)
                if area { c.path(areaPath(line, xAxis: xAxis, yScale: yScale, baseline: stacked ? nil : baseline), class: "mark area \(cls)") }
                c.path(linePath(line, xAxis: xAxis, yScale: yScale), class: "mark line \(cls)")
                // Markers: every point when sparse, otherwise only isolated points (else invisible).
                let sparse = line.points.count <= 24
                for (i, p) in line.points.enumerated() {
                    guard let y = p.y else { continue }
                    let isolated = (i == 0 || line.points[i - 1].y == nil) && (i == line.points.count - 1 || line.points[i + 1].y == nil)
                    guard sparse || isolated else { continue }
                    let title = (line.key.isEmpty ? "" : line.key + " · ") + xAxis.label(p.x, ctx: reader) + ": " + yFormat(stacked && !normalize ? y - p.y0 : y)
                    c.circle(xAxis.pixel(p.x), yScale(y), sparse ? 3 : 2.5, class: "mark point \(cls)", title: title)
                }
            }
        }
        ctx.canvas = consume canvas  // moved back, not shared with `canvas`
        if useDirect { drawDirectLabels(&ctx.canvas, series, xAxis: xAxis, yScale: yScale, frame: f) }
        Annotations.drawRules(&ctx.canvas, f, spec.annotations, resolve: resolve)
        Axes.drawTitles(&ctx.canvas, f, x: xEnc.type == .temporal ? nil : data.title(xEnc), y: normalize ? ChartFields.shareTitle(data.title(yEnc)) : data.title(yEnc), xLabelHeight: labelHeight)
        switch placement {
        case .top: Legend.drawRows(&ctx.canvas, legendItems, x: 4, y: 4, width: ctx.width - 16, swatch: .line)
        case .bottom: Legend.drawRows(&ctx.canvas, legendItems, x: 4, y: ctx.height - legendHeight, width: ctx.width - 16, swatch: .line)
        case .right: Legend.drawColumn(&ctx.canvas, legendItems, x: ctx.width - legendRight + 4, y: f.y0, maxWidth: legendRight - 8, maxRows: Int(f.plotHeight / Legend.rowHeight))
        default: break
        }
        ctx.summary = summary(series, area: area, stacked: stacked, xAxis: xAxis, ctx: ctx, yTitle: data.title(yEnc), xTitle: data.title(xEnc), format: yFormat)
    }

    private static func stableSortedByX(_ rows: [(x: Double, y: Double?)]) -> [(x: Double, y: Double?)] {
        rows.enumerated().sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
    }

    private static func xAxisKindIsPoints(_ e: ChartSpec.Encoding) -> Bool { e.type == .ordinal || e.type == .nominal }

    /// Cumulative stacking over the union of x positions (missing values count as zero; a
    /// series' first point at an x counts). Positions are indices into the sorted union, found
    /// by binary search, rather than keys of dictionaries of doubles.
    static func stack(_ series: inout [Series], normalize: Bool) {
        var sortedX = series.flatMap { $0.points.map(\.x) }
        sortedX.sort()
        var unique = 0
        for x in sortedX where unique == 0 || sortedX[unique - 1] != x { sortedX[unique] = x; unique += 1 }
        sortedX.removeLast(sortedX.count - unique)
        func index(_ x: Double) -> Int {
            var lo = 0, hi = sortedX.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sortedX[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var totals = [Double](repeating: 0, count: sortedX.count)
        if normalize {
            for s in series { for p in s.points { totals[index(p.x)] += abs(p.y ?? 0) } }
        }
        var running = [Double](repeating: 0, count: sortedX.count)
        var values = [Double](repeating: 0, count: sortedX.count), seen = [Bool](repeating: false, count: sortedX.count)
        for i in series.indices {
            for k in values.indices { values[k] = 0; seen[k] = false }
            for p in series[i].points {
                let k = index(p.x)
                if !seen[k] { seen[k] = true; values[k] = p.y ?? 0 }
            }
            series[i].points = sortedX.indices.map { k in
                let base = running[k]
                var v = values[k]
                if normalize { let t = totals[k]; v = t > 0 ? abs(v) / t : 0 }
                running[k] = base + v
                return Point(x: sortedX[k], y: base + v, y0: base)
            }
        }
    }

    /// `M…L…` with a fresh `M` after every null (so the line breaks).
    static func linePath(_ s: Series, xAxis: XAxisModel, yScale: ContinuousScale) -> PathBuilder {
        var p = PathBuilder(capacity: s.points.count * 14)
        for point in s.points {
            guard let y = point.y else { p.lift(); continue }
            p.lineTo(xAxis.pixel(point.x), yScale(y))
        }
        return p
    }

    /// One closed polygon per run of non-null points, down to `baseline` (or the stack base).
    /// Runs are index ranges of the series' points (no array of them is gathered).
    static func areaPath(_ s: Series, xAxis: XAxisModel, yScale: ContinuousScale, baseline: Double?) -> PathBuilder {
        var p = PathBuilder(capacity: s.points.count * 28)
        let points = s.points
        var start = 0
        while start < points.count {
            guard points[start].y != nil else { start += 1; continue }
            var end = start + 1
            while end < points.count && points[end].y != nil { end += 1 }
            if end - start > 1 {
                for pt in points[start..<end] { p.lineTo(xAxis.pixel(pt.x), yScale(pt.y ?? 0)) }
                for pt in points[start..<end].reversed() { p.lineTo(xAxis.pixel(pt.x), baseline ?? yScale(pt.y0)) }
                p.close()
            }
            start = end
        }
        return p
    }

    /// Series names at their last point, pushed apart vertically so they never overlap.
    static func drawDirectLabels(_ c: inout SVGCanvas, _ series: [Series], xAxis: XAxisModel, yScale: ContinuousScale, frame f: PlotFrame) {
        var labels: [(index: Int, y: Double)] = []
        for (i, s) in series.enumerated() {
            guard let last = s.points.last(where: { $0.y != nil }), let y = last.y else { continue }
            labels.append((i, yScale(y)))
        }
        labels.sort { ($0.y, $0.index) < ($1.y, $1.index) }
        let gap = 13.0
        for i in labels.indices.dropFirst() where labels[i].y - labels[i - 1].y < gap { labels[i].y = labels[i - 1].y + gap }
        if let last = labels.last, last.y > f.y1 {
            let shift = last.y - f.y1
            for i in labels.indices { labels[i].y -= shift }
            for i in labels.indices.reversed().dropFirst() where labels[i + 1].y - labels[i].y < gap { labels[i].y = labels[i + 1].y - gap }
        }
        c.group("legend direct-labels") { c in
            for l in labels {
                c.text(TextMetrics.truncate(series[l.index].key, fontSize: SVGCanvas.tickFont, maxWidth: 130), x: f.x1 + 6, y: l.y + 3.5,
                       class: "direct-label \(Palette.seriesClass(l.index))")
            }
        }
    }

    static func summary(_ series: [Series], area: Bool, stacked: Bool, xAxis: XAxisModel, ctx: ChartContext, yTitle: String, xTitle: String,
                        format: (Double) -> String) -> [String] {
        var out = ["\(area ? "Area" : "Line") chart of \(yTitle) over \(xTitle)" + (series.count > 1 ? ", \(series.count) series" + (stacked ? " stacked" : "") : "") + "."]
        for s in series.prefix(5) {
            // First, last, lowest and highest (the first of equals) of the non-null values, and
            // the gaps, in one pass over the points (no array of the values).
            var first: (Double, Double)?, last = (0.0, 0.0), minP = (0.0, 0.0), maxP = (0.0, 0.0)
            var count = 0, gaps = 0
            for p in s.points {
                guard let y = p.y else { gaps += 1; continue }
                let value = (p.x, y - (stacked ? p.y0 : 0))
                if first == nil {
                    first = value; minP = value; maxP = value
                } else {
                    if value.1 < minP.1 { minP = value }
                    if maxP.1 < value.1 { maxP = value }
                }
                last = value
                count += 1
            }
            guard let first else { continue }
            var sentence = s.key.isEmpty ? "" : "\(s.key): "
            sentence += "from \(format(first.1)) (\(xAxis.label(first.0, ctx: ctx))) to \(format(last.1)) (\(xAxis.label(last.0, ctx: ctx)))"
            if first.1 != 0 && count > 1 {
                let change = (last.1 - first.1) / abs(first.1)
                sentence += ", " + (change > 0.005 ? "up " : change < -0.005 ? "down " : "flat, ") + (abs(change) > 0.005 ? ValueFormatter.format(abs(change), .percent0) : "")
            }
            sentence += "; low \(format(minP.1)) (\(xAxis.label(minP.0, ctx: ctx))), high \(format(maxP.1)) (\(xAxis.label(maxP.0, ctx: ctx)))."
            if gaps > 0 { sentence += " \(gaps) missing value\(gaps == 1 ? "" : "s")." }
            out.append(sentence)
        }
        if series.count > 5 { out.append("\(series.count - 5) more series in the data table.") }
        return out
    }
}
