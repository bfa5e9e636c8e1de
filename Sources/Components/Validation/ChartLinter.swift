import JSONSchema

/// Deterministic chart and KPI lint: every finding is a warning (the tree renders, but misleads).
/// Rules (codes), each with the pointer it reports:
///
/// - `arc-too-many-slices` (`…/mark`): a pie or donut with more than `maxSlices` (6) slices, counted
///   as the distinct non-null values of the color field (rows when there is no color). Use a bar chart.
/// - `arc-negative` (`…/data/rows/i/j`): a negative theta value; slices cannot be negative.
/// - `log-nonpositive` (`…/data/rows/i/j`, or `…/<channel>/scale/domain/0`): a log-scaled encoding
///   whose field holds a value ≤ 0 (first such row reported), or whose domain starts at ≤ 0.
/// - `bar-zero-baseline` (`…/<channel>/scale/zero|domain|type`): a bar chart whose quantitative x or
///   y scale has `zero: false`, a domain that excludes 0, or a log type. Bar length must encode value.
/// - `temporal-as-category` (`…/<channel>/type`): an x or y encoding typed nominal or ordinal whose
///   non-null values are all ISO dates or months (`YYYY-MM`, `YYYY-MM-DD`, date-times) — type it temporal.
/// - `too-many-series` (`…/color`): a line chart whose color field has more than `maxLineSeries` (8)
///   distinct values. Show the top series and group the rest as "Other", or split the chart.
/// - `kpi-delta-direction` (`…/delta/value`): the delta label contradicts the delta. The delta is
///   *good* when `goodDirection` is up and value > 0, or down and value < 0; *bad* for the opposite
///   signs; neither when the value is 0 or `goodDirection` is none. The label *claims improvement* when
///   it contains (case-insensitively) one of `improvementWords` and *claims decline* when it contains
///   one of `declineWords`. Warn when a bad delta claims improvement or a good delta claims decline.
public struct ChartLinter: Sendable {
    public var maxSlices = 6
    public var maxLineSeries = 8
    public static let improvementWords = ["improv", "better", "gain", "record high", "ahead", "beat", "outperform"]
    public static let declineWords = ["worse", "declin", "drop", "fell", "behind", "miss", "deteriorat", "underperform"]

    public init() {}

    /// Warnings for every chart and KPI of `surface`, in document order.
    public func lint(_ surface: Surface) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for v in TreeWalk.nodes(of: surface) {
            if let chart = v.component as? Chart { out += lint(chart, at: v.pointer) }
            if let kpi = v.component as? KPI { out += lint(kpi, at: v.pointer) }
        }
        return out
    }

    /// Warnings for one chart found at `p`.
    public func lint(_ chart: Chart, at p: JSONPointer) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let data = chart.data
        func column(_ e: Encoding?) -> (index: Int, values: [Cell])? {
            guard let e, let i = data.columnIndex(e.field) else { return nil }
            return (i, data.rows.map { i < $0.count ? $0[i] : .null })
        }
        func distinct(_ values: [Cell]) -> Int { Set(values.filter { !$0.isNull }).count }

        if chart.mark == .arc {
            let slices = chart.color.flatMap(column).map { distinct($0.values) } ?? data.rows.count
            if slices > maxSlices {
                out.append(Diagnostic(.warning, "arc-too-many-slices", p / "mark",
                                      "\(slices) slices are hard to compare; use a bar chart (at most \(maxSlices) slices)"))
            }
            if let theta = column(chart.theta) {
                for (i, v) in theta.values.enumerated() where (v.number ?? 0) < 0 {
                    out.append(Diagnostic(.warning, "arc-negative", p / "data" / "rows" / i / theta.index,
                                          "a pie slice cannot be negative; use a bar chart"))
                }
            }
        }

        for (channel, e) in chart.encodings {
            guard let scale = e.scale else { continue }
            let cp = p / channel / "scale"
            if scale.type == .log {
                if let d = scale.domain, let lo = d.first, lo <= 0 {
                    out.append(Diagnostic(.warning, "log-nonpositive", cp / "domain" / 0, "a log scale cannot start at \(JSONNumber(lo))"))
                }
                if let col = column(e), let i = col.values.firstIndex(where: { ($0.number ?? 1) <= 0 }) {
                    let n = col.values.filter { ($0.number ?? 1) <= 0 }.count
                    out.append(Diagnostic(.warning, "log-nonpositive", p / "data" / "rows" / i / col.index,
                                          "\(n) value(s) of \"\(e.field)\" are ≤ 0 and cannot be drawn on a log scale"))
                }
            }
            if chart.mark == .bar, channel == "x" || channel == "y", e.type == .quantitative {
                if scale.zero == false {
                    out.append(Diagnostic(.warning, "bar-zero-baseline", cp / "zero", "bars must start at zero; remove zero: false"))
                } else if let d = scale.domain, d.count == 2, !(min(d[0], d[1])...max(d[0], d[1])).contains(0) {
                    out.append(Diagnostic(.warning, "bar-zero-baseline", cp / "domain", "the bar domain must include zero"))
                } else if scale.type == .log {
                    out.append(Diagnostic(.warning, "bar-zero-baseline", cp / "type", "bars cannot use a log scale; lengths would not encode values"))
                }
            }
        }

        for (channel, e) in [("x", chart.x), ("y", chart.y)] {
            guard let e, e.type == .nominal || e.type == .ordinal, let col = column(e) else { continue }
            let strings = col.values.filter { !$0.isNull }
            if !strings.isEmpty, strings.allSatisfy({ $0.string.map(ValueShapes.looksTemporal) ?? false }) {
                out.append(Diagnostic(.warning, "temporal-as-category", p / channel / "type",
                                      "\"\(e.field)\" holds dates; type it temporal so gaps and spacing are drawn to scale"))
            }
        }

        if chart.mark == .line, let col = column(chart.color) {
            let series = distinct(col.values)
            if series > maxLineSeries {
                out.append(Diagnostic(.warning, "too-many-series", p / "color",
                                      "\(series) line series are unreadable; show the top \(maxLineSeries - 1) and group the rest as Other"))
            }
        }
        return out
    }

    /// Warnings for one KPI found at `p`.
    public func lint(_ kpi: KPI, at p: JSONPointer) -> [Diagnostic] {
        guard let d = kpi.delta, let label = d.label?.lowercased(), d.value != 0, d.goodDirection != .none else { return [] }
        let good = (d.goodDirection == .up) == (d.value > 0)
        let claimsImprovement = Self.improvementWords.contains { label.contains($0) }
        let claimsDecline = Self.declineWords.contains { label.contains($0) }
        if !good && claimsImprovement && !claimsDecline {
            return [Diagnostic(.warning, "kpi-delta-direction", p / "delta" / "value",
                               "the label claims an improvement but the delta moves the bad way (goodDirection \(d.goodDirection.rawValue))")]
        }
        if good && claimsDecline && !claimsImprovement {
            return [Diagnostic(.warning, "kpi-delta-direction", p / "delta" / "value",
                               "the label claims a decline but the delta moves the good way (goodDirection \(d.goodDirection.rawValue))")]
        }
        return []
    }
}
