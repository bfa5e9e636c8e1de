import Foundation

/// Locale-stable number spelling (en-US conventions: `,` groups, `.` decimals, U+2212 minus),
/// written by hand so output never depends on the system locale or ICU version.
enum NumberText {
    static let minus = "\u{2212}"

    /// `value` rounded half away from zero to `decimals` places, grouped by thousands.
    /// With `trim`, trailing fractional zeros are dropped. Built in one byte buffer: this runs
    /// for every tooltip and label, so it avoids intermediate strings.
    static func fixed(_ value: Double, decimals: Int, grouping: Bool = true, trim: Bool = false) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fixedRoom) { room in
            guard let n = writeFixed(value, decimals: decimals, grouping: grouping, trim: trim, into: room, at: 0) else { return unspellable(value) }
            // Results of up to 15 bytes become small strings (no allocation).
            return String(decoding: UnsafeBufferPointer(rebasing: room[..<n]), as: UTF8.self)
        }
    }

    /// `fixed(…)` appended to `out` as UTF-8, without a `String` in between (data-table cells).
    @inline(__always)
    static func appendFixed(_ value: Double, decimals: Int, grouping: Bool = true, trim: Bool = false, to out: inout ByteBuffer) {
        var spelled = true
        out.write(upTo: fixedRoom) { room in
            guard let n = writeFixed(value, decimals: decimals, grouping: grouping, trim: trim, into: room, at: 0) else { spelled = false; return 0 }
            return n
        }
        if !spelled {
            var text = unspellable(value)
            text.withUTF8 { out.append($0) }
        }
    }

    /// What `fixed` writes for values it cannot spell digit by digit: non-finite ones and
    /// magnitudes past exact integers.
    private static func unspellable(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value < 0 ? minus + "∞" : "∞") }
        return scientific(value)
    }

    /// Room `writeFixed` needs: a minus (3 bytes), at most 16 digits (units below 9e15, at most
    /// 15 decimals) with 5 group separators and a point make 25 bytes.
    static let fixedRoom = 32

    /// Writes `fixed(value, …)` at `i` in `out`, which must have `fixedRoom` bytes of room from
    /// `i` (checked once here; the digit writers below use wrapping arithmetic on positions
    /// bounded by that room), and returns the end; nil (nothing written) for what `fixed` cannot
    /// spell digit by digit. Values below 1,000 take `writeBelowThousand`; the others one pass,
    /// right to left, into a scratch block whose spelling then moves into place as one fixed-size
    /// copy, so no length is computed first.
    @inline(__always)
    static func writeFixed(_ value: Double, decimals: Int, grouping: Bool, trim: Bool,
                           into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int? {
        precondition(i >= 0 && out.count - i >= fixedRoom, "NumberText: no room for a number")
        precondition(decimals >= 0 && decimals <= 15, "NumberText: 0 to 15 decimals (formats use at most 12)")
        if let end = writeBelowThousand(value, decimals: decimals, trim: trim, into: out, at: i) { return end }
        guard value.isFinite else { return nil }
        let factor = pow10(decimals)
        let scaled = roundedHalfAway(abs(value) * factor)
        guard scaled < 9.0e15 else { return nil }
        let units = UInt64(Int64(scaled))  // exact: a whole number under 2^53
        var whole: UInt64, fraction: UInt64
        // Constant divisors for the decimals every format uses (a multiplication, not a division).
        switch decimals {
        case 0: whole = units; fraction = 0
        case 1: whole = units / 10; fraction = units % 10
        case 2: whole = units / 100; fraction = units % 100
        case 3: whole = units / 1000; fraction = units % 1000
        default:
            let divisor = UInt64(Int64(factor))
            whole = units / divisor; fraction = units % divisor
        }
        var digits = decimals
        if trim {
            while digits > 0 && fraction % 10 == 0 { fraction /= 10; digits &-= 1 }
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * fixedRoom) { scratch in
            var k = fixedRoom  // the spelling ends here and is written leftwards
            if digits > 0 {
                k = writeFraction(fraction, digits: digits, into: scratch, endingAt: k)
                k &-= 1; scratch[k] = 0x2E  // .
            }
            k = writeWhole(whole, grouping: grouping, into: scratch, endingAt: k)
            if value < 0 && units != 0 {
                k &-= 3; scratch[k] = 0xE2; scratch[k &+ 1] = 0x88; scratch[k &+ 2] = 0x92  // U+2212
            }
            // `fixedRoom` bytes from `k` (the spelling and scratch after it) in one copy.
            UnsafeMutableRawPointer(out.baseAddress! + i).copyMemory(from: scratch.baseAddress! + k, byteCount: fixedRoom)
            return i &+ fixedRoom &- k
        }
    }

    /// `writeFixed` for the common case, magnitudes that round below 1,000 with at most two
    /// decimals (most table cells, tick labels and tooltips): no group separator, so the length is
    /// known first and the digits go straight into place, without the scratch block and its copy.
    /// Nil for every other value (NaN and infinities included), which the general path spells.
    /// `out` needs `fixedRoom` bytes of room from `i` (unchecked: `writeFixed` checks it).
    @inline(__always)
    static func writeBelowThousand(_ value: Double, decimals: Int, trim: Bool,
                                           into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int? {
        let unit: UInt
        switch decimals {
        case 0: unit = 1
        case 1: unit = 10
        case 2: unit = 100
        default: return nil
        }
        let scaled = abs(value) * Double(unit)
        guard scaled < Double(1000 &* unit) else { return nil }  // false for NaN
        // Rounded half away from zero as `roundedHalfAway` rounds: truncate, then the exact rest.
        // (Through `Int`: a conversion to `UInt` costs range checks and two paths on x86-64.)
        var units = UInt(bitPattern: Int(scaled))
        if scaled - Double(units) >= 0.5 { units &+= 1 }
        guard units < 1000 &* unit else { return nil }
        var whole = units, fraction: UInt = 0
        switch decimals {
        case 1: whole = units / 10; fraction = units &- whole &* 10
        case 2: whole = units / 100; fraction = units &- whole &* 100
        default: break
        }
        var digits = decimals
        if trim {
            while digits > 0 && fraction % 10 == 0 { fraction /= 10; digits &-= 1 }
        }
        let negative = value < 0 && units != 0
        let end = i &+ (negative ? 3 : 0) &+ (whole < 10 ? 1 : whole < 100 ? 2 : 3) &+ (digits > 0 ? digits &+ 1 : 0)
        var k = end
        if digits == 2 {
            k &-= 2; writePair(fraction, into: out, at: k)
            k &-= 1; out[k] = 0x2E  // .
        } else if digits == 1 {
            k &-= 1; out[k] = UInt8(truncatingIfNeeded: fraction) &+ 0x30
            k &-= 1; out[k] = 0x2E
        }
        _ = writeUpToThree(whole, padded: false, into: out, endingAt: k)
        if negative { out[i] = 0xE2; out[i &+ 1] = 0x88; out[i &+ 2] = 0x92 }  // U+2212
        return end
    }

    /// Writes the `digits` decimals of `fraction` (below 10^digits, leading zeros kept) so that
    /// they end at `end`; returns where they start. Two digits per division: a data-table cell
    /// or a label spelled a digit at a time cost two constant divisions per digit.
    @inline(__always)
    private static func writeFraction(_ fraction: UInt64, digits: Int, into out: UnsafeMutableBufferPointer<UInt8>, endingAt end: Int) -> Int {
        var k = end, rest = fraction, left = digits
        while left >= 2 {
            let next = rest / 100
            k &-= 2; writePair(UInt(truncatingIfNeeded: rest &- next &* 100), into: out, at: k)
            rest = next; left &-= 2
        }
        if left == 1 { k &-= 1; out[k] = UInt8(truncatingIfNeeded: rest) &+ 0x30 }
        return k
    }

    /// Writes the digits of `whole` (with `,` between groups of three when `grouping`) so that
    /// they end at `end`; returns where they start. A group of three is one division by 1000 and
    /// one by 100, instead of a division by 10 and a group count per digit.
    @inline(__always)
    private static func writeWhole(_ whole: UInt64, grouping: Bool, into out: UnsafeMutableBufferPointer<UInt8>, endingAt end: Int) -> Int {
        var k = end, rest = whole
        while rest >= 1000 {
            let next = rest / 1000
            k = writeUpToThree(UInt(truncatingIfNeeded: rest &- next &* 1000), padded: true, into: out, endingAt: k)
            if grouping { k &-= 1; out[k] = 0x2C }  // ,
            rest = next
        }
        return writeUpToThree(UInt(truncatingIfNeeded: rest), padded: false, into: out, endingAt: k)
    }

    /// Writes `value` (below 1000) so that it ends at `end`: as three digits when `padded` (a
    /// group after the first), else without leading zeros (`0` for zero). Returns the start.
    @inline(__always)
    private static func writeUpToThree(_ value: UInt, padded: Bool, into out: UnsafeMutableBufferPointer<UInt8>, endingAt end: Int) -> Int {
        if !padded && value < 10 { out[end &- 1] = UInt8(truncatingIfNeeded: value) &+ 0x30; return end &- 1 }
        let hundreds = value / 100
        writePair(value &- hundreds &* 100, into: out, at: end &- 2)
        if !padded && hundreds == 0 { return end &- 2 }
        out[end &- 3] = UInt8(truncatingIfNeeded: hundreds) &+ 0x30
        return end &- 3
    }

    /// "00", "01", … "99": number writers spell two digits per division by 100.
    static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Writes the two digits of `value` (below 100) at `k` in `out`. Callers check their whole
    /// room once (as `SVGNumber.write` does); this checks in debug builds only. Two byte moves
    /// through typed pointers: `copyMemory` and the generic raw loads and stores were not always
    /// inlined (in `HTMLWriter.shape` each pair was a call into the standard library, and with
    /// `copyMemory` on to `memcpy`, for two bytes).
    @inline(__always)
    static func writePair(_ value: UInt, into out: UnsafeMutableBufferPointer<UInt8>, at k: Int) {
        assert(value < 100 && k >= 0 && out.count - k >= 2, "NumberText: no room for two digits")
        let from = digitPairs.utf8Start + Int(bitPattern: value &* 2), to = out.baseAddress! + k
        to[0] = from[0]
        to[1] = from[1]
    }

    /// How many decimal digits `value` has (1 for 0): comparisons only, no division.
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        // Coordinates and cells mostly have 1 to 4 digits.
        if value < 10 { return 1 }
        if value < 100 { return 2 }
        if value < 1000 { return 3 }
        var count = 3, bound: UInt64 = 1000
        while count < 20 && value >= bound { count += 1; bound &*= 10 }
        return count
    }

    /// Thousands-grouped digits of a non-negative integer.
    static func grouped(_ value: UInt64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { room in
            let start = writeWhole(value, grouping: true, into: room, endingAt: room.count)  // at most 26 bytes
            return String(decoding: UnsafeBufferPointer(rebasing: room[start...]), as: UTF8.self)
        }
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

    /// `x.rounded()` (half away from zero), exactly, without the libm call the default x86-64
    /// target makes for it (every table cell and coordinate is rounded).
    @inline(__always)
    static func roundedHalfAway(_ x: Double) -> Double {
        // From 2^52 on every double is an integer (and NaN and infinities stay as they are).
        guard abs(x) < 4_503_599_627_370_496 else { return x }
        let whole = Double(Int64(x))  // toward zero, exact
        let rest = x - whole  // exact
        if rest >= 0.5 { return whole + 1 }
        if rest <= -0.5 { return whole - 1 }
        return whole
    }

    @inline(__always)
    static func pow10(_ n: Int) -> Double {
        switch n {  // the decimals every format uses, without a loop
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1000
        default: break
        }
        var result = 1.0
        if n >= 0 { for _ in 0..<n { result *= 10 } } else { for _ in 0..<(-n) { result /= 10 } }
        return result
    }
}
