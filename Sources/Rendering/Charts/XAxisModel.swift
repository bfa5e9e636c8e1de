import Components

/// The horizontal axis of line, area and point charts: time, linear/log or categorical points.
struct XAxisModel {
    enum Kind { case time, continuous, points }
    var kind: Kind
    var encoding: ChartSpec.Encoding
    /// Category keys for `.points`, in axis order.
    var keys: [String] = []
    var continuous = ContinuousScale(kind: .linear, domain: (0, 1), range: (0, 1))
    var band = BandScale(domain: [], range: (0, 1))
    /// The position key of every data row (nil where the cell has none), computed once: parsing
    /// timestamps per use dominated line charts.
    private(set) var rowPositions: [Double?] = []
    private var keyIndex: [String: Int] = [:]

    /// Builds the model from the x column's values.
    init(encoding: ChartSpec.Encoding, column: Int, ctx: ChartContext, extraValues: [Double]) {
        self.encoding = encoding
        switch encoding.type {
        case .temporal: kind = .time
        case .quantitative: kind = .continuous
        case .ordinal, .nominal: kind = .points
        }
        let table = ctx.data.table
        switch kind {
        case .points:
            let categories = table.categories(column, temporal: false)
            keys = categories.keys
            keyIndex = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            rowPositions = categories.ids.map { $0.map(Double.init) }
        case .continuous:
            rowPositions = table.numbers(column).map { $0.isFinite ? $0 : nil }
        case .time:
            // `position` of each cell, read from the catalog's cells (no `ChartSpec.Value` per row).
            var dates = ISO8601.ColumnReader()
            rowPositions = (0..<table.rowCount).map { r in
                switch table.cell(r, column) {
                case .string(let s): return dates.parse(s)?.epochSeconds
                case .number(let n): return position(.number(n))
                case .bool, .null: return nil
                }
            }
        }
        if kind != .points {
            var (lo, hi) = Self.extent(rowPositions, extraValues)
            if kind == .time {
                if lo == hi { lo -= 86_400; hi += 86_400 }
                continuous = ContinuousScale(kind: .linear, domain: (lo, hi), range: (0, 1))
            } else if encoding.scale?.type == .log, lo > 0 {
                continuous = .log(lo: lo, hi: hi, range: (0, 1))
            } else if let d = encoding.scale?.domain, d.1 > d.0 {
                continuous = ContinuousScale(kind: .linear, domain: d, range: (0, 1))
            } else {
                if lo == hi { lo -= 1; hi += 1 }
                continuous = .linear(lo: lo, hi: hi, includeZero: encoding.scale?.zero ?? false, nice: true, range: (0, 1), tickCount: 6)
            }
        }
    }

    /// The least and greatest of `positions` and `extra` (all finite), or (0, 1) when there are
    /// none; one pass, without gathering them in an array first (a time axis has a position per
    /// row).
    private static func extent(_ positions: [Double?], _ extra: [Double]) -> (Double, Double) {
        var lo = Double.infinity, hi = -Double.infinity, any = false
        // The first of equal extremes wins, as with `min()` and `max()` (0 and -0).
        @inline(__always) func add(_ v: Double) {
            if !any || v < lo { lo = v }
            if !any || v > hi { hi = v }
            any = true
        }
        for case let v? in positions { add(v) }
        for v in extra { add(v) }
        return any ? (lo, hi) : (0, 1)
    }

    /// The numeric position key of a cell (epoch seconds for time; a bare integer year counts).
    func position(_ value: ChartSpec.Value) -> Double? {
        switch kind {
        case .time:
            if case .number(let n) = value, n == n.rounded(), n >= 1000, n <= 9999 { return CivilDate(year: Int(n), month: 1, day: 1).epochSeconds }
            return value.number(temporal: true)
        case .continuous: return value.number()
        case .points: return value.key.flatMap { keyIndex[$0] }.map(Double.init)
        }
    }

    mutating func setRange(_ x0: Double, _ x1: Double) {
        continuous.range = (x0, x1)
        band = BandScale(domain: keys, range: (x0, x1), paddingInner: 1, paddingOuter: 0.5)
    }

    /// Pixel x of a position key.
    func pixel(_ position: Double) -> Double {
        switch kind {
        case .points:
            let i = Int(position)
            return i >= 0 && i < keys.count ? (band.center(keys[i]) ?? 0) : 0
        default: return continuous(position)
        }
    }

    /// Display text for a position key.
    func label(_ position: Double, ctx: ChartContext) -> String {
        switch kind {
        case .time:
            let token = ctx.data.format(encoding)
            return ValueFormatter.temporal(position, token.isTemporal ? token : .date)
        case .continuous: return ctx.data.display(position, encoding)
        case .points:
            let i = Int(position)
            return i >= 0 && i < keys.count ? ctx.categoryLabel(keys[i], encoding) : ""
        }
    }

    /// Draws the axis (with vertical grid lines for continuous/time axes).
    func draw(_ c: inout SVGCanvas, _ f: PlotFrame, ctx: ChartContext) -> Double {
        switch kind {
        case .time:
            let ticks = Axes.timeTicks(continuous, count: ChartContext.tickCount(forLength: f.plotWidth, spacing: 90))
            Axes.drawX(&c, f, ticks, grid: false, zeroAt: nil)
            return 18
        case .continuous:
            let count = ChartContext.tickCount(forLength: f.plotWidth, spacing: 80)
            let ticks = Axes.ticks(continuous, count: count, token: ctx.data.format(encoding), currency: ctx.spec.currency)
            Axes.drawX(&c, f, ticks, grid: true, zeroAt: continuous.kind == .linear && continuous.domain.0 < 0 && continuous.domain.1 > 0 ? continuous(0) : nil)
            return 18
        case .points:
            let labels = Axes.bandLabels(keys.map { (band.center($0) ?? 0, ctx.categoryLabel($0, encoding)) }, step: band.step,
                                         ordered: encoding.type == .ordinal)
            Axes.drawBandX(&c, f, labels)
            return labels.height
        }
    }

    /// Label height the axis will need (to size the bottom margin before drawing).
    func labelHeight(plotWidth: Double, ctx: ChartContext) -> Double {
        guard kind == .points else { return 18 }
        let step = plotWidth / Double(max(keys.count, 1))
        return Axes.bandLabels(keys.map { (0, ctx.categoryLabel($0, encoding)) }, step: step, ordered: encoding.type == .ordinal).height
    }
}
