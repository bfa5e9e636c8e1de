/// Everything a mark needs while drawing one chart: the spec, its data, the viewport and the
/// canvas, plus what the mark reports back (final height, summary sentences).
struct ChartContext {
    let spec: ChartSpec
    let data: ChartFields
    let width: Double
    var height: Double
    /// What the marks draw into: `ChartRenderer` lends it the page's writer while they draw.
    /// Marks that set it aside (to draw with `ctx` read elsewhere) put an empty one in its place,
    /// so that no copy of the context shares the page's bytes (a write would copy them all).
    var canvas: SVGCanvas
    /// Sentences for the auto summary (range, extremes, trend).
    var summary: [String] = []

    init(spec: ChartSpec, width: Double) {
        self.spec = spec
        data = ChartFields(spec)
        self.width = width
        canvas = SVGCanvas(capacity: 16)
        switch spec.height {
        case .sm: height = 220
        case .md: height = 320
        case .lg: height = 440
        }
    }

    /// The effective legend placement for `seriesCount` series.
    func legendPlacement(seriesCount: Int) -> ChartSpec.Legend {
        guard seriesCount > 1 else { return .none }
        switch spec.legend {
        case .auto: return width < 360 ? .bottom : .top
        default: return spec.legend
        }
    }

    /// Category keys in first-appearance order (temporal keys sorted by time).
    func categories(column: Int, temporal: Bool) -> [String] {
        data.table.categories(column, temporal: temporal).keys
    }

    /// Display text for a category key of `encoding`.
    func categoryLabel(_ key: String, _ encoding: ChartSpec.Encoding) -> String {
        let token = data.format(encoding)
        if encoding.type == .temporal || token.isTemporal { return ValueFormatter.format(key, token) }
        if token != .auto, let n = Double(key) { return ValueFormatter.format(n, token, currency: spec.currency) }
        return key
    }

    /// Axis labels for temporal categories: the year only where it changes (and on the first
    /// label), so a daily axis reads "Jan 13, 2025 · Jan 14 · Jan 15" rather than repeating it.
    func axisLabels(_ keys: [String], _ encoding: ChartSpec.Encoding) -> [String] {
        let token = data.format(encoding)
        guard encoding.type == .temporal, [.auto, .date, .month].contains(token) else { return keys.map { categoryLabel($0, encoding) } }
        var lastYear: Int?
        return keys.map { key in
            guard let parsed = ISO8601.parse(key), parsed.precision == .day || parsed.precision == .month else { return categoryLabel(key, encoding) }
            let c = CivilDate(epochSeconds: parsed.epochSeconds)
            let month = CivilDate.monthAbbreviations[c.month - 1]
            let monthly = token == .month || parsed.precision == .month
            defer { lastYear = c.year }
            if lastYear != c.year { return monthly ? "\(month) \(c.year)" : "\(month) \(c.day), \(c.year)" }
            return monthly ? month : "\(month) \(c.day)"
        }
    }

    /// The value-axis scale for `[lo, hi]`, honouring the encoding's scale settings.
    func valueScale(lo: Double, hi: Double, encoding: ChartSpec.Encoding?, defaultZero: Bool, range: (Double, Double), tickCount: Int) -> ContinuousScale {
        let settings = encoding?.scale
        if settings?.type == .log, lo > 0 {
            if let d = settings?.domain, d.0 > 0, d.1 > d.0 { return ContinuousScale(kind: .log, domain: d, range: range) }
            return .log(lo: lo, hi: hi, range: range)
        }
        if let d = settings?.domain, d.1 > d.0 { return ContinuousScale(kind: .linear, domain: d, range: range) }
        let zero = settings?.zero ?? defaultZero
        let lo = lo.isFinite ? lo : 0, hi = hi.isFinite ? hi : 1
        // Byte and duration axes are made nice in their own units (512 GB, 1 TB; 30m, 1h), not decimal ones.
        if let encoding, let unit = Axes.tickUnit(data.format(encoding), magnitude: max(abs(lo), abs(hi))) {
            var scale = ContinuousScale.linear(lo: lo / unit, hi: hi / unit, includeZero: zero, nice: true, range: range, tickCount: tickCount)
            scale.domain = (scale.domain.0 * unit, scale.domain.1 * unit)
            return scale
        }
        return .linear(lo: lo, hi: hi, includeZero: zero, nice: true, range: range, tickCount: tickCount)
    }

    /// Above this many marks a chart drops per-mark `<title>` tooltips: they are unusable at
    /// that density, and the data table already lists every value.
    static let maxMarkTooltips = 300

    /// A tick count suited to `pixels` of axis length.
    static func tickCount(forLength pixels: Double, spacing: Double) -> Int { max(2, min(10, Int(pixels / spacing))) }
}
