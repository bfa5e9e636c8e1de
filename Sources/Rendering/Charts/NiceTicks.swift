import Foundation

/// "Nice" tick steps from {1, 2, 2.5, 5} × 10ⁿ and nice domains.
enum NiceTicks {
    /// The nice step for spreading `[lo, hi]` over about `count` intervals.
    static func step(lo: Double, hi: Double, count: Int) -> Double {
        let span = hi - lo
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let power = NumberText.pow10(Int(log10(raw).rounded(.down)))
        var best = power
        var bestError = Double.infinity
        for multiple in [1.0, 2.0, 2.5, 5.0, 10.0] {
            let step = multiple * power
            let error = abs(span / step - Double(count))
            // 2.5 only when strictly better: 1-2-5 reads more naturally.
            let penalty = multiple == 2.5 ? 0.5 : 0
            if error + penalty < bestError { bestError = error + penalty; best = step }
        }
        return best
    }

    /// Decimal places needed to spell multiples of `step` exactly.
    static func decimals(for step: Double) -> Int {
        var d = 0
        var s = step
        while d < 12 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) { s *= 10; d += 1 }
        return d
    }

    /// Multiples of `step` inside `[lo, hi]` (with a small tolerance), cleaned of float noise.
    static func values(lo: Double, hi: Double, step: Double) -> [Double] {
        guard step > 0, lo <= hi, (hi - lo) / step < 10_000 else { return [] }
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        let places = NumberText.pow10(decimals(for: step))
        return stride(from: first, through: last, by: 1).map { k in ((k * step) * places).rounded() / places }
    }

    /// `[lo, hi]` extended outward to multiples of the nice step (two passes, like d3).
    static func niceDomain(lo: Double, hi: Double, count: Int) -> (Double, Double) {
        var lo = lo, hi = hi
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        for _ in 0..<2 {
            let s = step(lo: lo, hi: hi, count: count)
            lo = (lo / s).rounded(.down) * s
            hi = (hi / s).rounded(.up) * s
        }
        return (lo, hi)
    }
}
