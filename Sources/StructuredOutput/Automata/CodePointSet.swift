/// A set of Unicode code points as sorted, disjoint, non-adjacent closed ranges.
struct CodePointSet: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>]

    static let maxCodePoint: UInt32 = 0x10FFFF

    init() { ranges = [] }

    init(_ ranges: [ClosedRange<UInt32>]) {
        self.ranges = []
        for range in ranges { insert(range) }
    }

    init(scalar: UInt32) { ranges = [scalar...scalar] }

    /// Every Unicode scalar value (surrogates excluded).
    static let anyScalar = CodePointSet([0...0xD7FF, 0xE000...maxCodePoint])

    /// ECMA-262 line terminators: LF, CR, LS, PS.
    static let lineTerminators = CodePointSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])
    /// `\d`.
    static let digits = CodePointSet([0x30...0x39])
    /// `\w`: ASCII letters, digits and underscore.
    static let wordCharacters = CodePointSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// `\s`: ECMA-262 WhiteSpace and LineTerminator, including the Unicode space separators (Zs).
    static let whitespace = CodePointSet([
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])

    var isEmpty: Bool { ranges.isEmpty }

    func contains(_ scalar: UInt32) -> Bool {
        ranges.contains { $0.contains(scalar) }
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        var lower = range.lowerBound
        var upper = range.upperBound
        var kept: [ClosedRange<UInt32>] = []
        var inserted = false
        for existing in ranges {
            if existing.upperBound &+ 1 < lower {
                kept.append(existing)
            } else if upper &+ 1 < existing.lowerBound {
                if !inserted {
                    kept.append(lower...upper)
                    inserted = true
                }
                kept.append(existing)
            } else {
                lower = min(lower, existing.lowerBound)
                upper = max(upper, existing.upperBound)
            }
        }
        if !inserted { kept.append(lower...upper) }
        ranges = kept
    }

    func union(_ other: CodePointSet) -> CodePointSet {
        var result = self
        for range in other.ranges { result.insert(range) }
        return result
    }

    /// All scalar values not in the set (surrogates are never included).
    func inverted() -> CodePointSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= Self.maxCodePoint { result.append(next...Self.maxCodePoint) }
        return CodePointSet(result).subtractingSurrogates()
    }

    func subtractingSurrogates() -> CodePointSet {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges {
            if range.upperBound < 0xD800 || range.lowerBound > 0xDFFF {
                result.append(range)
                continue
            }
            if range.lowerBound < 0xD800 { result.append(range.lowerBound...0xD7FF) }
            if range.upperBound > 0xDFFF { result.append(0xE000...range.upperBound) }
        }
        return CodePointSet(result)
    }

    /// The UTF-8 encodings of the set as sequences of byte ranges: a byte string encodes a member
    /// exactly when it matches one sequence (each byte within the range at its position).
    func utf8Sequences() -> [[ClosedRange<UInt8>]] {
        var result: [[ClosedRange<UInt8>]] = []
        for range in subtractingSurrogates().ranges {
            UTF8RangeSplitter.split(range.lowerBound, range.upperBound, into: &result)
        }
        return result
    }
}

/// Splits code point ranges into UTF-8 byte-range sequences.
enum UTF8RangeSplitter {
    /// Largest code point encoded with 1, 2, 3 and 4 bytes.
    private static let lengthLimits: [UInt32] = [0x7F, 0x7FF, 0xFFFF, 0x10FFFF]

    static func split(_ lower: UInt32, _ upper: UInt32, into result: inout [[ClosedRange<UInt8>]]) {
        guard lower <= upper else { return }
        // 1. Never cross an encoded-length boundary.
        for limit in lengthLimits where lower <= limit && upper > limit {
            split(lower, limit, into: &result)
            split(limit + 1, upper, into: &result)
            return
        }
        let length = encodedLength(lower)
        if length == 1 {
            result.append([UInt8(lower)...UInt8(upper)])
            return
        }
        // 2. Split until every continuation position spans a full or aligned block, so the range
        //    is the cartesian product of per-byte ranges.
        for level in 1..<length {
            let mask: UInt32 = (1 << (6 * UInt32(level))) - 1
            if lower & ~mask != upper & ~mask {
                if lower & mask != 0 {
                    split(lower, lower | mask, into: &result)
                    split((lower | mask) + 1, upper, into: &result)
                    return
                }
                if upper & mask != mask {
                    split(lower, (upper & ~mask) - 1, into: &result)
                    split(upper & ~mask, upper, into: &result)
                    return
                }
            }
        }
        let low = encode(lower)
        let high = encode(upper)
        result.append(zip(low, high).map { $0...$1 })
    }

    static func encodedLength(_ scalar: UInt32) -> Int {
        scalar <= 0x7F ? 1 : scalar <= 0x7FF ? 2 : scalar <= 0xFFFF ? 3 : 4
    }

    /// UTF-8 bytes of a code point (no validity check: callers exclude surrogates).
    static func encode(_ scalar: UInt32) -> [UInt8] {
        switch encodedLength(scalar) {
        case 1:
            return [UInt8(scalar)]
        case 2:
            return [UInt8(0xC0 | (scalar >> 6)), UInt8(0x80 | (scalar & 0x3F))]
        case 3:
            return [
                UInt8(0xE0 | (scalar >> 12)), UInt8(0x80 | ((scalar >> 6) & 0x3F)),
                UInt8(0x80 | (scalar & 0x3F)),
            ]
        default:
            return [
                UInt8(0xF0 | (scalar >> 18)), UInt8(0x80 | ((scalar >> 12) & 0x3F)),
                UInt8(0x80 | ((scalar >> 6) & 0x3F)), UInt8(0x80 | (scalar & 0x3F)),
            ]
        }
    }
}
