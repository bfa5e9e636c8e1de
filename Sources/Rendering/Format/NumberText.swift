import Foundation

/// Locale-stable number spelling (en-US conventions: `,` groups, `.` decimals, U+2212 minus),
/// written by hand so output never depends on the system locale or ICU version.
enum NumberText {
    static let minus = "\u{2212}"

    /// `value` rounded half away from zero to `decimals` places, grouped by thousands.
    /// With `trim`, trailing fractional zeros are dropped.
    static func fixed(_ value: Double, decimals: Int, grouping: Bool = true, trim: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value < 0 ? minus + "∞" : "∞") }
        let factor = pow10(decimals)
        let scaled = (abs(value) * factor).rounded(.toNearestOrAwayFromZero)
        if scaled >= 9.0e15 { return scientific(value) }
        let units = UInt64(scaled)
        let divisor = UInt64(factor)
        let whole = units / divisor
        var fraction = units % divisor
        var out = (value < 0 && units != 0) ? minus : ""
        out += grouping ? grouped(whole) : String(whole)
        if decimals > 0 {
            var digits = decimals
            if trim {
                while digits > 0 && fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            }
            if digits > 0 {
                let text = String(fraction)
                out += "."
                out += String(repeating: "0", count: digits - text.count)
                out += text
            }
        }
        return out
    }

    /// Thousands-grouped digits of a non-negative integer.
    static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        guard digits.count > 3 else { return digits }
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        let lead = digits.count % 3
        for (index, ch) in digits.enumerated() {
            if index != 0 && (index - lead) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return out
    }

    /// `1.2e21` style for magnitudes beyond exact integers.
    static func scientific(_ value: Double) -> String {
        let exponent = Int(log10(abs(value)).rounded(.down))
        let mantissa = value / pow10(exponent)
        return fixed(mantissa, decimals: 2, grouping: false, trim: true) + "e" + String(exponent)
    }

    /// Significant-digit spelling for small magnitudes (`0.00123`).
    static func significant(_ value: Double, digits: Int) -> String {
        guard value != 0, value.isFinite else { return fixed(value, decimals: 0) }
        let magnitude = Int(log10(abs(value)).rounded(.down))
        let decimals = max(0, min(12, digits - 1 - magnitude))
        return fixed(value, decimals: decimals, trim: true)
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        if n >= 0 { for _ in 0..<n { result *= 10 } } else { for _ in 0..<(-n) { result /= 10 } }
        return result
    }
}
