import Foundation

/// Axis tick layout and drawing: value axes (continuous), band axes (categories) and time axes.
enum Axes {
    /// Ticks for a continuous scale, labelled with one precision per axis.
    static func ticks(_ scale: ContinuousScale, count: Int, token: FormatToken, currency: String?) -> [Tick] {
        if scale.kind == .linear, let unit = tickUnit(token, magnitude: max(abs(scale.domain.0), abs(scale.domain.1))) {
            let lo = min(scale.domain.0, scale.domain.1) / unit, hi = max(scale.domain.0, scale.domain.1) / unit
            let values = NiceTicks.values(lo: lo, hi: hi, step: NiceTicks.step(lo: lo, hi: hi, count: count)).map { $0 * unit }
            return values.map { Tick(value: $0, position: scale($0), label: ValueFormatter.format($0, token)) }
        }
        let values = scale.tickValues(count: count)
        let step: Double
        if scale.kind == .log {
            step = values.map { $0 }.min() ?? 1
        } else {
            step = values.count > 1 ? values[1] - values[0] : 1
        }
        let labels: [String]
        if scale.kind == .log {
            labels = values.map { v in token == .auto ? ValueFormatter.compact(v) : ValueFormatter.format(v, token, currency: currency) }
        } else {
            labels = TickFormat.labels(values, step: step, token: token, currency: currency)
        }
        return zip(values, labels).map { Tick(value: $0, position: scale($0), label: $1) }
    }

    /// The unit ticks of a bytes or duration axis are counted in (nil: plain decimal ticks).
    static func tickUnit(_ token: FormatToken, magnitude: Double) -> Double? {
        switch token {
        case .bytes: return byteUnit(magnitude)
        case .duration:
            if magnitude >= 2 * 86_400 { return 86_400 }
            if magnitude >= 2 * 3600 { return 3600 }
            if magnitude >= 120 { return 60 }
            return nil
        default: return nil
        }
    }

    /// The binary unit (1, 1024, 1024², …) that `magnitude` bytes are best counted in.
    static func byteUnit(_ magnitude: Double) -> Double {
        var unit = 1.0
        while magnitude >= unit * 1024 && unit < 1024 * 1024 * 1024 * 1024 * 1024 { unit *= 1024 }
        return unit
    }

    /// Ticks for a time scale over epoch seconds.
    static func timeTicks(_ scale: ContinuousScale, count: Int) -> [Tick] {
        let t0 = min(scale.domain.0, scale.domain.1), t1 = max(scale.domain.0, scale.domain.1)
        let interval = TimeTicks.interval(t0: t0, t1: t1, count: count)
        let values = TimeTicks.values(t0: t0, t1: t1, interval: interval)
        return values.enumerated().map { i, v in
            Tick(value: v, position: scale(v), label: TimeTicks.label(v, interval: interval, isFirst: i == 0))
        }
    }

    /// Drops ticks until neighbouring horizontal labels no longer overlap (keeps every k-th).
    static func thinHorizontal(_ ticks: [Tick], fontSize: Double, gap: Double = 8) -> [Tick] {
        guard ticks.count > 2 else { return ticks }
        for every in 1...ticks.count {
            let kept = stride(from: 0, to: ticks.count, by: every).map { ticks[$0] }
            var fits = true
            for i in 1..<max(kept.count, 1) where kept.count > 1 {
                let a = kept[i - 1], b = kept[i]
                let need = (TextMetrics.width(a.label, fontSize: fontSize) + TextMetrics.width(b.label, fontSize: fontSize)) / 2 + gap
                if abs(b.position - a.position) < need { fits = false; break }
            }
            if fits { return kept }
        }
        return [ticks[0]]
    }

    /// How category labels under a band axis are laid out.
    struct BandLabels {
        var shown: [(position: Double, text: String)]
        var rotated: Bool
        /// Vertical space the labels need below the axis line.
        var height: Double
    }

    /// Horizontal if every label fits its band; otherwise thin (ordered data) or rotate −40°
    /// with truncation (nominal data).
    static func bandLabels(_ items: [(position: Double, text: String)], step: Double, ordered: Bool) -> BandLabels {
        let font = SVGCanvas.tickFont
        let widest = items.map { TextMetrics.width($0.text, fontSize: font) }.max() ?? 0
        if widest + 6 <= step { return BandLabels(shown: items, rotated: false, height: 18) }
        if ordered {
            let every = Int(((widest + 10) / max(step, 1)).rounded(.up))
            if every <= 8 || items.count > 24 {
                let shown = stride(from: 0, to: items.count, by: max(every, 1)).map { items[$0] }
                return BandLabels(shown: shown, rotated: false, height: 18)
            }
        }
        let every = step < 13 ? Int((13 / max(step, 0.1)).rounded(.up)) : 1
        let shown = stride(from: 0, to: items.count, by: every).map { items[$0] }
            .map { ($0.position, TextMetrics.truncate($0.text, fontSize: font, maxWidth: 110)) }
        let longest = shown.map { TextMetrics.width($0.1, fontSize: font) }.max() ?? 0
        return BandLabels(shown: shown, rotated: true, height: min(longest, 110) * sin(40 * .pi / 180) + 18)
    }

    /// Horizontal grid lines and left labels for a vertical value axis.
    static func drawY(_ c: inout SVGCanvas, _ f: PlotFrame, _ ticks: [Tick], zeroAt: Double?) {
        c.group("grid") { c in
            for t in ticks { c.line(f.x0, t.position, f.x1, t.position) }
        }
        c.group("axis axis-y") { c in
            for t in ticks { c.text(t.label, x: f.x0 - 6, y: t.position + 3.5, anchor: .end, class: "tick") }
        }
        if let zeroAt { c.line(f.x0, zeroAt, f.x1, zeroAt, class: "baseline") }
    }

    /// Vertical grid lines and bottom labels for a horizontal value (or time) axis.
    static func drawX(_ c: inout SVGCanvas, _ f: PlotFrame, _ ticks: [Tick], grid: Bool, zeroAt: Double?) {
        if grid {
            c.group("grid") { c in
                for t in ticks { c.line(t.position, f.y0, t.position, f.y1) }
            }
        }
        let shown = thinHorizontal(ticks, fontSize: SVGCanvas.tickFont)
        c.group("axis axis-x") { c in
            c.line(f.x0, f.y1, f.x1, f.y1, class: "domain")
            for (i, t) in shown.enumerated() {
                // Keep the outermost labels inside the viewport.
                let half = TextMetrics.width(t.label, fontSize: SVGCanvas.tickFont) / 2
                var anchor = SVGCanvas.Anchor.middle
                var x = t.position
                if i == shown.count - 1 && x + half > f.width - 2 { anchor = .end; x = min(x, f.width - 2) }
                if i == 0 && x - half < 2 { anchor = .start; x = max(x, 2) }
                c.line(t.position, f.y1, t.position, f.y1 + 4, class: "tick-mark")
                c.text(t.label, x: x, y: f.y1 + 16, anchor: anchor, class: "tick")
            }
        }
        if let zeroAt { c.line(zeroAt, f.y0, zeroAt, f.y1, class: "baseline") }
    }

    /// Category labels under a horizontal band axis.
    static func drawBandX(_ c: inout SVGCanvas, _ f: PlotFrame, _ labels: BandLabels) {
        c.group("axis axis-x") { c in
            c.line(f.x0, f.y1, f.x1, f.y1, class: "domain")
            for item in labels.shown {
                if labels.rotated {
                    c.text(item.text, x: item.position, y: f.y1 + 12, anchor: .end, class: "tick", rotate: -40)
                } else {
                    c.text(item.text, x: item.position, y: f.y1 + 16, anchor: .middle, class: "tick")
                }
            }
        }
    }

    /// Category labels left of a vertical band axis (truncated to `maxWidth`).
    static func drawBandY(_ c: inout SVGCanvas, _ f: PlotFrame, _ items: [(position: Double, text: String)], maxWidth: Double, step: Double) {
        let every = step < 12 ? Int((12 / max(step, 0.1)).rounded(.up)) : 1
        c.group("axis axis-y") { c in
            c.line(f.x0, f.y0, f.x0, f.y1, class: "domain")
            for item in stride(from: 0, to: items.count, by: every).map({ items[$0] }) {
                c.text(TextMetrics.truncate(item.text, fontSize: SVGCanvas.tickFont, maxWidth: maxWidth),
                       x: f.x0 - 6, y: item.position + 3.5, anchor: .end, class: "tick")
            }
        }
    }

    /// Axis titles: the y title sits above the plot at the left (readable, unrotated); the x
    /// title sits under the axis at the right.
    static func drawTitles(_ c: inout SVGCanvas, _ f: PlotFrame, x: String?, y: String?, xLabelHeight: Double) {
        if let y, !y.isEmpty {
            c.text(TextMetrics.truncate(y, fontSize: SVGCanvas.tickFont, maxWidth: f.width - 8), x: 4, y: f.y0 - 10, class: "axis-title")
        }
        if let x, !x.isEmpty {
            c.text(TextMetrics.truncate(x, fontSize: SVGCanvas.tickFont, maxWidth: f.plotWidth), x: f.x1, y: f.y1 + xLabelHeight + 12, anchor: .end, class: "axis-title")
        }
    }
}
