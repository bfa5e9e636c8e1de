/// Bars: single, grouped, stacked (positive and negative stacks apart) and normalized,
/// vertical or horizontal. Missing values draw no bar (never a zero bar).
enum BarMark {
    struct Segment {
        /// Index into the chart's categories.
        var category: Int
        var series: Int
        var v0: Double
        var v1: Double
        var value: Double
    }

    static func draw(_ ctx: inout ChartContext) throws(ChartFields.MissingField) {
        let spec = ctx.spec, data = ctx.data
        // Category = the non-quantitative channel; value = the quantitative one.
        var catEnc = spec.x, valEnc = spec.y, catChannel = "x"
        if let x = spec.x, let y = spec.y, x.type == .quantitative, y.type != .quantitative {
            catEnc = y; valEnc = x; catChannel = "y"
        }
        guard let category = catEnc else { throw ChartFields.MissingField(field: "(none)", channel: "x") }
        let horizontal = spec.orientation == .horizontal || catChannel == "y"
        let catColumn = try data.column(category, channel: catChannel)
        var valColumn: Int?
        if let valEnc { valColumn = try data.column(valEnc, channel: catChannel == "x" ? "y" : "x") }
        let aggregate = valEnc?.aggregate ?? (valColumn == nil ? .count : .sum)
        var seriesColumn: Int?
        if let color = spec.color, color.field != category.field { seriesColumn = try data.column(color, channel: "color") }

        let rowCategories = data.table.categories(catColumn, temporal: category.type == .temporal)
        let categories = rowCategories.keys
        let rowSeries = seriesColumn.map { data.table.categories($0, temporal: spec.color?.type == .temporal) }
        // No colour, or a colour column without a single value: one unnamed series.
        let seriesKeys = rowSeries.flatMap { $0.keys.isEmpty ? nil : $0.keys } ?? [""]

        // Gather and aggregate: one bucket per (category, series), in row order.
        let seriesCount = seriesKeys.count
        var buckets = Array(repeating: RunningAggregate(aggregate == .count ? .sum : aggregate), count: categories.count * seriesCount)
        let values = valColumn.map { data.table.numbers($0) }
        for r in 0..<data.table.rowCount {
            guard let c = rowCategories.ids[r] else { continue }
            let bucket = c * seriesCount + ((rowSeries?.ids[r]).flatMap { $0 } ?? 0)
            if aggregate == .count {
                buckets[bucket].add(1)
            } else if let values, values[r].isFinite {
                buckets[bucket].add(values[r])
            }
        }
        let aggregated = buckets.map { $0.result.flatMap { $0.isFinite ? $0 : nil } }
        func value(_ cat: Int, _ s: Int) -> Double? { aggregated[cat * seriesCount + s] }

        let stacked = spec.stack != .none && seriesKeys.count > 1
        let normalize = spec.stack == .normalize
        var segments: [Segment] = []
        for cat in categories.indices {
            var pos = 0.0, neg = 0.0
            let total = normalize ? (0..<seriesKeys.count).compactMap { value(cat, $0) }.reduce(0) { $0 + abs($1) } : 1
            for s in 0..<seriesKeys.count {
                guard let raw = value(cat, s) else { continue }
                let v = normalize ? (total > 0 ? raw / total : 0) : raw
                if stacked || normalize {
                    if v >= 0 { segments.append(Segment(category: cat, series: s, v0: pos, v1: pos + v, value: raw)); pos += v }
                    else { segments.append(Segment(category: cat, series: s, v0: neg, v1: neg + v, value: raw)); neg += v }
                } else {
                    segments.append(Segment(category: cat, series: s, v0: 0, v1: v, value: raw))
                }
            }
        }

        let valueToken: FormatToken = valEnc.map { data.format($0) } ?? .integer
        let axisToken: FormatToken = normalize ? .percent0 : valueToken
        let valueTitle = normalize ? ChartFields.shareTitle(valEnc.map { data.title($0) } ?? "count") : (valEnc.map { data.title($0) } ?? "Count")
        let categoryTitle = data.title(category)
        var lo = segments.map { min($0.v0, $0.v1) }.min() ?? 0
        var hi = segments.map { max($0.v0, $0.v1) }.max() ?? 1
        let valueAxis: ChartSpec.Annotation.Axis = catChannel == "x" ? .y : .x
        for v in Annotations.extent(spec.annotations, axis: valueAxis) { lo = min(lo, v); hi = max(hi, v) }

        // Legend and frame.
        let legendItems = seriesKeys.count > 1 ? seriesKeys.enumerated().map { Legend.Item(label: $1, colorIndex: $0) } : []
        let placement = ctx.legendPlacement(seriesCount: seriesKeys.count)
        let legendHeight = placement == .top || placement == .bottom ? Legend.height(legendItems, width: ctx.width - 16) : 0
        let legendRight = placement == .right ? min(160, ctx.width * 0.25) : 0
        let catLabels = categories.map { ctx.categoryLabel($0, category) }
        let style = BarStyle(seriesCount: seriesKeys.count, stacked: stacked || normalize, categoryLabels: catLabels, seriesKeys: seriesKeys,
                             token: valueToken, currency: spec.currency)

        var f = PlotFrame(width: ctx.width, height: ctx.height, left: 40, top: 8 + (placement == .top ? legendHeight : 0) + 18,
                          right: 12 + legendRight, bottom: 24 + (placement == .bottom ? legendHeight : 0))
        var scale: ContinuousScale
        var ticks: [Tick]
        if !horizontal {
            let estimate = ctx.height - f.top - 50
            let count = ChartContext.tickCount(forLength: estimate, spacing: 44)
            scale = ctx.valueScale(lo: lo, hi: hi, encoding: normalize ? nil : valEnc, defaultZero: true, range: (f.top + estimate, f.top), tickCount: count)
            if normalize { scale = ContinuousScale(kind: .linear, domain: (min(0, lo), max(1, hi)), range: scale.range) }
            ticks = Axes.ticks(scale, count: count, token: axisToken, currency: spec.currency)
            f.left = max(28, (ticks.map { TextMetrics.width($0.label, fontSize: SVGCanvas.tickFont) }.max() ?? 0) + 12)
            let band = BandScale(domain: categories, range: (f.x0, f.x1), paddingInner: seriesKeys.count > 1 && !stacked ? 0.18 : 0.25)
            let labels = Axes.bandLabels(zip(categories, ctx.axisLabels(categories, category)).map { (band.center($0) ?? 0, $1) }, step: band.step,
                                         ordered: category.type == .temporal || category.type == .ordinal)
            f.bottom = labels.height + 18 + (placement == .bottom ? legendHeight : 0)
            scale.range = (f.y1, f.y0)
            ticks = ticks.map { Tick(value: $0.value, position: scale($0.value), label: $0.label) }
            let resolve = resolver(scale: scale, band: band, valueAxis: valueAxis, horizontal: false)
            Axes.drawY(&ctx.canvas, f, ticks, zeroAt: scale.kind == .log ? nil : scale(0))
            Annotations.drawBands(&ctx.canvas, f, spec.annotations, resolve: resolve)
            drawBars(&ctx.canvas, segments, band: band, scale: scale, horizontal: false, style: style, frame: f)
            Axes.drawBandX(&ctx.canvas, f, labels)
            Annotations.drawRules(&ctx.canvas, f, spec.annotations, resolve: resolve)
            Axes.drawTitles(&ctx.canvas, f, x: categoryTitle, y: valueTitle, xLabelHeight: labels.height)
        } else {
            let rowSize = seriesKeys.count > 1 && !stacked ? Double(seriesKeys.count) * 9 + 8 : 24
            let needed = Double(categories.count) * rowSize
            f.top = 8 + (placement == .top ? legendHeight : 0) + (Annotations.needsTopLabelRoom(spec.annotations, axis: valueAxis) ? 14 : 0)
            ctx.height = max(ctx.height, f.top + needed + 44 + (placement == .bottom ? legendHeight : 0))
            f.height = ctx.height
            f.bottom = 40 + (placement == .bottom ? legendHeight : 0)
            let widest = catLabels.map { TextMetrics.width($0, fontSize: SVGCanvas.tickFont) }.max() ?? 0
            let labelWidth = min(widest, ctx.width * 0.32)
            f.left = labelWidth + 14
            // Leave room for end-of-bar value labels on single-series bars.
            if style.showsValues(segments.count, horizontal: true) {
                let widestValue = segments.map { TextMetrics.width(style.valueText($0.value), fontSize: SVGCanvas.tickFont) }.max() ?? 0
                f.right += min(widestValue + 6, ctx.width * 0.2)
            }
            let count = ChartContext.tickCount(forLength: f.plotWidth, spacing: 80)
            scale = ctx.valueScale(lo: lo, hi: hi, encoding: normalize ? nil : valEnc, defaultZero: true, range: (f.x0, f.x1), tickCount: count)
            if normalize { scale = ContinuousScale(kind: .linear, domain: (min(0, lo), max(1, hi)), range: scale.range) }
            ticks = Axes.ticks(scale, count: count, token: axisToken, currency: spec.currency)
            let band = BandScale(domain: categories, range: (f.y0, f.y1), paddingInner: seriesKeys.count > 1 && !stacked ? 0.18 : 0.25)
            let resolve = resolver(scale: scale, band: band, valueAxis: valueAxis, horizontal: true)
            Axes.drawX(&ctx.canvas, f, ticks, grid: true, zeroAt: scale.kind == .log ? nil : scale(0))
            Annotations.drawBands(&ctx.canvas, f, spec.annotations, resolve: resolve)
            drawBars(&ctx.canvas, segments, band: band, scale: scale, horizontal: true, style: style, frame: f)
            Axes.drawBandY(&ctx.canvas, f, zip(categories, ctx.axisLabels(categories, category)).map { (band.center($0) ?? 0, $1) }, maxWidth: labelWidth, step: band.step)
            Annotations.drawRules(&ctx.canvas, f, spec.annotations, resolve: resolve)
            Axes.drawTitles(&ctx.canvas, f, x: valueTitle, y: nil, xLabelHeight: 18)
        }
        switch placement {
        case .top: Legend.drawRows(&ctx.canvas, legendItems, x: 4, y: 4, width: ctx.width - 16, swatch: .square)
        case .bottom: Legend.drawRows(&ctx.canvas, legendItems, x: 4, y: ctx.height - legendHeight, width: ctx.width - 16, swatch: .square)
        case .right: Legend.drawColumn(&ctx.canvas, legendItems, x: ctx.width - legendRight + 4, y: f.y0, maxWidth: legendRight - 8, maxRows: Int(f.plotHeight / Legend.rowHeight))
        default: break
        }
        ctx.summary = summary(segments: segments, stacked: stacked && !normalize, categories: categories, style: style,
                              valueTitle: valueTitle, categoryTitle: categoryTitle)
    }

    /// Shared labelling for one bar chart.
    struct BarStyle {
        var seriesCount: Int
        var stacked: Bool
        /// Display text of each category.
        var categoryLabels: [String]
        var seriesKeys: [String]
        var token: FormatToken
        var currency: String?

        func valueText(_ v: Double) -> String { ValueFormatter.format(v, token, currency: currency) }

        func name(_ seg: Segment) -> String {
            categoryLabels[seg.category] + (seriesCount > 1 ? " · " + seriesKeys[seg.series] : "")
        }

        func showsValues(_ count: Int, horizontal: Bool) -> Bool { seriesCount == 1 && count <= (horizontal ? 40 : 16) }
    }

    private static func resolver(scale: ContinuousScale, band: BandScale, valueAxis: ChartSpec.Annotation.Axis, horizontal: Bool) -> Annotations.Resolver {
        return { axis, value in
            if axis == valueAxis {
                guard let n = value.number() else { return nil }
                return (scale(n), horizontal)
            }
            guard let key = value.key, let center = band.center(key) else { return nil }
            return (center, !horizontal)
        }
    }

    private static func drawBars(_ c: inout SVGCanvas, _ segments: [Segment], band: BandScale, scale: ContinuousScale, horizontal: Bool,
                                 style: BarStyle, frame f: PlotFrame) {
        let grouped = style.seriesCount > 1 && !style.stacked
        let inner = grouped ? band.bandwidth / Double(style.seriesCount) : band.bandwidth
        let tooltips = segments.count <= ChartContext.maxMarkTooltips
        let shapes = Palette.barShapes, negativeShapes = Palette.negativeBarShapes
        c.group("marks") { c in
            for seg in segments {
                let start = band.start(at: seg.category)
                let offset = grouped ? Double(seg.series) * inner : 0
                let base = scale.kind == .log ? (horizontal ? f.x0 : f.y1) : scale(seg.v0)
                let end = scale(seg.v1)
                let title = tooltips ? style.name(seg) + ": " + style.valueText(seg.value) : nil
                let gap = grouped ? min(1.5, inner * 0.1) : 0
                if title == nil {
                    let shape = (seg.value < 0 ? negativeShapes : shapes)[seg.series % 8]
                    if horizontal {
                        c.rect(min(base, end), start + offset + gap / 2, abs(end - base), max(inner - gap, 0.5), shape)
                    } else {
                        c.rect(start + offset + gap / 2, min(base, end), max(inner - gap, 0.5), abs(end - base), shape)
                    }
                    continue
                }
                let cls = (seg.value < 0 ? Palette.negativeBarClasses : Palette.barClasses)[seg.series % 8]
                if horizontal {
                    c.rect(min(base, end), start + offset + gap / 2, abs(end - base), max(inner - gap, 0.5), class: cls, title: title)
                } else {
                    c.rect(start + offset + gap / 2, min(base, end), max(inner - gap, 0.5), abs(end - base), class: cls, title: title)
                }
            }
        }
        guard style.showsValues(segments.count, horizontal: horizontal) else { return }
        c.group("value-labels") { c in
            for seg in segments {
                let center = band.center(at: seg.category)
                let text = style.valueText(seg.value)
                let end = scale(seg.v1)
                if horizontal {
                    let x = seg.value < 0 ? end - 4 : end + 4
                    c.text(text, x: x, y: center + 3.5, anchor: seg.value < 0 ? .end : .start, class: "value-label")
                } else if TextMetrics.width(text, fontSize: SVGCanvas.tickFont) <= band.step - 2 {
                    c.text(text, x: center, y: seg.value < 0 ? end + 12 : end - 4, anchor: .middle, class: "value-label")
                }
            }
        }
    }

    private static func summary(segments: [Segment], stacked: Bool, categories: [String], style: BarStyle,
                                valueTitle: String, categoryTitle: String) -> [String] {
        let keys = style.seriesKeys
        var out = ["Bar chart of \(valueTitle) by \(categoryTitle)"
            + (keys.count > 1 ? ", \(keys.count) series (\(keys.prefix(6).joined(separator: ", ")))" : "")
            + ", \(categories.count) categories."]
        if stacked {
            var totals = [Double?](repeating: nil, count: categories.count)
            for seg in segments { totals[seg.category] = (totals[seg.category] ?? 0) + seg.value }
            let ordered = categories.indices.compactMap { cat in totals[cat].map { (cat, $0) } }
            if let hi = ordered.max(by: { $0.1 < $1.1 }), let lo = ordered.min(by: { $0.1 < $1.1 }) {
                out.append("Largest total: \(style.categoryLabels[hi.0]) (\(style.valueText(hi.1))); smallest: \(style.categoryLabels[lo.0]) (\(style.valueText(lo.1))).")
            }
        } else if let hi = segments.max(by: { $0.value < $1.value }), let lo = segments.min(by: { $0.value < $1.value }) {
            out.append("Highest: \(style.name(hi)) at \(style.valueText(hi.value)); lowest: \(style.name(lo)) at \(style.valueText(lo.value)).")
        }
        return out
    }
}
