/// Reference rules and bands.
enum Annotations {
    /// Maps an annotation value on `axis` to a pixel position and tells whether that axis runs
    /// horizontally on screen (a rule on it is then a vertical line).
    typealias Resolver = (ChartSpec.Annotation.Axis, ChartSpec.Value) -> (position: Double, horizontalAxis: Bool)?

    static func toneClass(_ tone: String?) -> String {
        switch tone {
        case "info", "success", "warning", "danger", "accent": return "tone-\(tone ?? "neutral")"
        default: return "tone-neutral"
        }
    }

    /// Bands go under the marks.
    static func drawBands(_ c: inout SVGCanvas, _ f: PlotFrame, _ annotations: [ChartSpec.Annotation], resolve: Resolver) {
        let bands = annotations.filter { $0.kind == .band }
        guard !bands.isEmpty else { return }
        c.group("annotation annotation-band") { c in
            for a in bands {
                guard let p0 = resolve(a.axis, a.from), let p1 = resolve(a.axis, a.to) else { continue }
                let lo = min(p0.position, p1.position), hi = max(p0.position, p1.position)
                let cls = "band \(toneClass(a.tone))"
                if p0.horizontalAxis {
                    let x0 = max(lo, f.x0), x1 = min(hi, f.x1)
                    guard x1 > x0 else { continue }
                    c.rect(x0, f.y0, x1 - x0, f.plotHeight, class: cls)
                    if let label = a.label { c.text(TextMetrics.truncate(label, fontSize: SVGCanvas.tickFont, maxWidth: max(x1 - x0 - 4, 30)), x: x0 + 4, y: f.y0 + 12, class: "annotation-label \(toneClass(a.tone))") }
                } else {
                    let y0 = max(lo, f.y0), y1 = min(hi, f.y1)
                    guard y1 > y0 else { continue }
                    c.rect(f.x0, y0, f.plotWidth, y1 - y0, class: cls)
                    if let label = a.label { c.text(TextMetrics.truncate(label, fontSize: SVGCanvas.tickFont, maxWidth: f.plotWidth - 8), x: f.x1 - 4, y: y0 + 12, anchor: .end, class: "annotation-label \(toneClass(a.tone))") }
                }
            }
        }
    }

    /// Rules go over the marks, with their label at the far end.
    static func drawRules(_ c: inout SVGCanvas, _ f: PlotFrame, _ annotations: [ChartSpec.Annotation], resolve: Resolver) {
        let rules = annotations.filter { $0.kind == .rule }
        guard !rules.isEmpty else { return }
        c.group("annotation annotation-rule") { c in
            for a in rules {
                let value: ChartSpec.Value = a.value == .null ? a.from : a.value
                guard let p = resolve(a.axis, value) else { continue }
                let cls = "rule \(toneClass(a.tone))"
                if p.horizontalAxis {
                    guard p.position >= f.x0 - 0.5, p.position <= f.x1 + 0.5 else { continue }
                    c.line(p.position, f.y0, p.position, f.y1, class: cls)
                    if let label = a.label {
                        let text = TextMetrics.truncate(label, fontSize: SVGCanvas.tickFont, maxWidth: 160)
                        let fitsRight = p.position + 4 + TextMetrics.width(text, fontSize: SVGCanvas.tickFont) <= f.x1
                        c.text(text, x: fitsRight ? p.position + 4 : p.position - 4, y: f.y0 - 4, anchor: fitsRight ? .start : .end, class: "annotation-label \(toneClass(a.tone))")
                    }
                } else {
                    guard p.position >= f.y0 - 0.5, p.position <= f.y1 + 0.5 else { continue }
                    c.line(f.x0, p.position, f.x1, p.position, class: cls)
                    if let label = a.label {
                        c.text(TextMetrics.truncate(label, fontSize: SVGCanvas.tickFont, maxWidth: f.plotWidth - 8), x: f.x1 - 2, y: p.position - 4, anchor: .end, class: "annotation-label \(toneClass(a.tone))")
                    }
                }
            }
        }
    }

    /// Whether some labelled rule is drawn as a vertical line on an axis called `axis`
    /// (its label then needs room above the plot).
    static func needsTopLabelRoom(_ annotations: [ChartSpec.Annotation], axis: ChartSpec.Annotation.Axis) -> Bool {
        annotations.contains { $0.kind == .rule && $0.axis == axis && $0.label != nil }
    }

    /// Value range an annotation adds to a numeric axis (so rules outside the data stay visible).
    static func extent(_ annotations: [ChartSpec.Annotation], axis: ChartSpec.Annotation.Axis, temporal: Bool = false) -> [Double] {
        annotations.filter { $0.axis == axis }.flatMap { [$0.value, $0.from, $0.to] }.compactMap { $0.number(temporal: temporal) }
    }
}
