import Foundation

/// A tick: a data value, its pixel position and its label.
struct Tick: Sendable {
    var value: Double
    var position: Double
    var label: String
}

/// Continuous position scale: linear or log10.
struct ContinuousScale: Sendable {
    enum Kind: Sendable { case linear, log }
    var kind: Kind
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let (d0, d1) = kind == .log ? (log10(domain.0), log10(domain.1)) : domain
        let v = kind == .log ? log10(max(value, Double.leastNormalMagnitude)) : value
        guard d1 != d0 else { return (range.0 + range.1) / 2 }
        return range.0 + (v - d0) / (d1 - d0) * (range.1 - range.0)
    }

    /// A linear scale whose domain covers `[lo, hi]` (and zero when `includeZero`), made nice.
    static func linear(lo: Double, hi: Double, includeZero: Bool, nice: Bool, range: (Double, Double), tickCount: Int) -> ContinuousScale {
        var lo = lo, hi = hi
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if nice { (lo, hi) = NiceTicks.niceDomain(lo: lo, hi: hi, count: tickCount) } else if lo == hi { lo -= 1; hi += 1 }
        return ContinuousScale(kind: .linear, domain: (lo, hi), range: range)
    }

    /// A log scale around `[lo, hi]` (positive values only) whose ends are 1, 2 or 5 × 10ⁿ.
    static func log(lo: Double, hi: Double, range: (Double, Double)) -> ContinuousScale {
        let lo = max(lo, 1e-12), hi = max(hi, lo * 1.0001)
        let d0 = niceLogFloor(lo), d1 = niceLogCeil(hi)
        return ContinuousScale(kind: .log, domain: (d0, d1 > d0 ? d1 : d0 * 10), range: range)
    }

    /// The largest 1/2/5 × 10ⁿ at or below `v`.
    static func niceLogFloor(_ v: Double) -> Double {
        let p = NumberText.pow10(Int(log10(v).rounded(.down)))
        for m in [5.0, 2.0, 1.0] where m * p <= v * (1 + 1e-9) { return m * p }
        return p
    }

    /// The smallest 1/2/5 × 10ⁿ at or above `v`.
    static func niceLogCeil(_ v: Double) -> Double {
        let p = NumberText.pow10(Int(log10(v).rounded(.down)))
        for m in [1.0, 2.0, 5.0, 10.0] where m * p >= v * (1 - 1e-9) { return m * p }
        return 10 * p
    }

    /// Tick values: nice multiples (linear) or 1/2/5 × 10ⁿ thinned to fit (log).
    func tickValues(count: Int) -> [Double] {
        let lo = min(domain.0, domain.1), hi = max(domain.0, domain.1)
        switch kind {
        case .linear:
            return NiceTicks.values(lo: lo, hi: hi, step: NiceTicks.step(lo: lo, hi: hi, count: count))
        case .log:
            return Self.logTicks(lo: lo, hi: hi, count: count)
        }
    }

    static func logTicks(lo: Double, hi: Double, count: Int) -> [Double] {
        let e0 = Int(log10(lo).rounded(.down)), e1 = Int(log10(hi).rounded(.up))
        let decades = max(1, e1 - e0)
        let multiples: [Double] = decades * 3 <= count + 4 ? [1, 2, 5] : (decades <= count ? [1] : [])
        var out: [Double] = []
        if multiples.isEmpty {
            let every = Int((Double(decades) / Double(max(count, 1))).rounded(.up))
            for e in stride(from: e0, through: e1, by: every) { out.append(NumberText.pow10(e)) }
        } else {
            for e in e0...e1 {
                for m in multiples {
                    let v = m * NumberText.pow10(e)
                    if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { out.append(v) }
                }
            }
        }
        return out
    }
}

/// Discrete band scale (bars, heatmap cells, ordinal points).
struct BandScale: Sendable {
    var domain: [String]
    var range: (Double, Double)
    var paddingInner: Double
    var paddingOuter: Double
    private var index: [String: Int]

    init(domain: [String], range: (Double, Double), paddingInner: Double = 0.2, paddingOuter: Double = 0.1) {
        self.domain = domain; self.range = range
        self.paddingInner = paddingInner; self.paddingOuter = paddingOuter
        var index: [String: Int] = [:]
        for (i, key) in domain.enumerated() where index[key] == nil { index[key] = i }
        self.index = index
    }

    /// Distance between the starts of consecutive bands.
    var step: Double {
        let n = Double(max(domain.count, 1))
        return (range.1 - range.0) / max(n - paddingInner + 2 * paddingOuter, 1e-9)
    }

    var bandwidth: Double { step * (1 - paddingInner) }

    /// The start of the band for `key`.
    func start(_ key: String) -> Double? {
        guard let i = index[key] else { return nil }
        return start(at: i)
    }

    func center(_ key: String) -> Double? { start(key).map { $0 + bandwidth / 2 } }

    /// The start of band `i` (the key `domain[i]`).
    func start(at i: Int) -> Double { range.0 + step * (paddingOuter + Double(i)) }

    func center(at i: Int) -> Double { start(at: i) + bandwidth / 2 }
}
