/// A finite decimal `digits × 10^exponent` read from a JSON number lexeme, for exact `multipleOf`.
struct ExactDecimal: Equatable {
    /// Significant digits without leading zeros (empty for zero).
    var digits: [UInt8]
    var exponent: Int
    var negative: Bool

    init?(_ text: String) {
        var chars = Substring(text)
        negative = chars.first == "-"
        if negative || chars.first == "+" { chars = chars.dropFirst() }
        var exp = 0
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let v = Int(chars[chars.index(after: e)...].replacingOccurrences(of: "+", with: "")),
                  abs(v) < 100_000 else { return nil }
            exp = v
            chars = chars[..<e]
        }
        var ds: [UInt8] = []
        var seenDot = false
        for c in chars {
            if c == "." { guard !seenDot else { return nil }; seenDot = true; continue }
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            ds.append(UInt8(d))
            if seenDot { exp -= 1 }
        }
        while ds.first == 0 { ds.removeFirst() }
        while ds.last == 0 { ds.removeLast(); exp += 1 }
        digits = ds
        exponent = ds.isEmpty ? 0 : exp
    }

    var isZero: Bool { digits.isEmpty }

    /// Whether `self` is an integer multiple of `divisor` (exactly, with arbitrary precision).
    func isMultiple(of divisor: ExactDecimal) -> Bool? {
        if divisor.isZero { return nil }
        if isZero { return true }
        // self / divisor = (a × 10^ea) / (b × 10^eb); align exponents to integers A and B, test A mod B.
        let shift = exponent - divisor.exponent
        if shift < 0 {
            // A = a, B = b × 10^-shift: B > A unless leading digit lengths allow; do it generally.
            guard -shift <= 4_000 else { return false }
            return Self.mod(digits, divisor.digits + [UInt8](repeating: 0, count: -shift))
        }
        guard shift <= 4_000 else { return nil }
        return Self.mod(digits + [UInt8](repeating: 0, count: shift), divisor.digits)
    }

    /// `a mod b == 0` for decimal digit arrays (b non-empty, no leading zeros).
    private static func mod(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a.count < b.count { return false }
        // Small divisor fast path: long division with a machine-word remainder.
        if b.count <= 17 {
            var divisor: UInt64 = 0
            for d in b { divisor = divisor * 10 + UInt64(d) }
            var rem: UInt64 = 0
            for d in a { rem = (rem * 10 + UInt64(d)) % divisor }
            return rem == 0
        }
        // Large divisor: schoolbook long division with repeated subtraction on digit arrays.
        var rem: [UInt8] = []
        for d in a {
            rem.append(d)
            while rem.first == 0 { rem.removeFirst() }
            while compare(rem, b) >= 0 { rem = subtract(rem, b) }
        }
        return rem.isEmpty
    }

    private static func compare(_ x: [UInt8], _ y: [UInt8]) -> Int {
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return 0
    }

    private static func subtract(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        var out = x
        var borrow = 0
        var i = x.count - 1, j = y.count - 1
        while i >= 0 {
            var v = Int(out[i]) - borrow - (j >= 0 ? Int(y[j]) : 0)
            borrow = v < 0 ? 1 : 0
            if v < 0 { v += 10 }
            out[i] = UInt8(v)
            i -= 1; j -= 1
        }
        while out.first == 0 { out.removeFirst() }
        return out
    }
}
