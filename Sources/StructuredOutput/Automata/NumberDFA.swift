import Foundation

/// DFAs over JSON number lexemes (RFC 8259: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
///
/// Exactness: every DFA accepts exactly the lexemes of its description. With a bound, `number`
/// accepts plain decimals only (no exponent), and `integerOnly` accepts integer lexemes only (no
/// `1.0`, no `1e2`): those lexemes are valid JSON but never needed to write an in-range value.
/// `-0` (and `-0.0`…) is accepted whenever 0 is in range.
public enum NumberDFA {
    /// Integer lexemes (`-?(0|[1-9][0-9]*)`) whose value lies in `minimum...maximum`.
    public static func integer(minimum: Int64?, maximum: Int64?, limits: AutomataLimits) throws -> ByteDFA {
        try number(
            minimum: minimum.map { Decimal($0) }, exclusiveMinimum: false,
            maximum: maximum.map { Decimal($0) }, exclusiveMaximum: false,
            integerOnly: true, limits: limits)
    }

    /// Number lexemes whose value lies within the bounds. Without bounds (and without
    /// `integerOnly`) the full RFC 8259 grammar, exponents included; with any bound, plain
    /// decimals `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    public static func number(
        minimum: Decimal?, exclusiveMinimum: Bool, maximum: Decimal?, exclusiveMaximum: Bool,
        integerOnly: Bool, limits: AutomataLimits
    ) throws -> ByteDFA {
        if minimum == nil && maximum == nil {
            let node: RegexNode = integerOnly
                ? .concatenation([.repetition(.literal("-"), min: 0, max: 1), NumberNodes.integerPart])
                : NumberNodes.jsonNumber
            return try RegexNode.compileAnchored(node, limits: limits)
        }
        let lower = try minimum.map { try DecimalDigits($0) }
        let upper = try maximum.map { try DecimalDigits($0) }
        let nodes = NumberNodes(integerOnly: integerOnly)

        // Lexemes without '-': value = m (the magnitude).
        let positiveLower: RegexNode? = {
            guard let lower, !lower.isNegativeNonZero else { return nodes.all }
            return exclusiveMinimum ? nodes.greater(than: lower) : nodes.greaterOrEqual(lower)
        }()
        let positiveUpper: RegexNode? = {
            guard let upper else { return nodes.all }
            if upper.isNegativeNonZero { return nil }
            return exclusiveMaximum ? nodes.less(than: upper) : nodes.lessOrEqual(upper)
        }()
        // Lexemes '-' m: value = -m, so `-m ≥ L ⇔ m ≤ -L` and `-m ≤ U ⇔ m ≥ -U`.
        let negativeLower: RegexNode? = {
            guard let lower else { return nodes.all }
            if !lower.isZero && !lower.negative { return nil }
            return exclusiveMinimum ? nodes.less(than: lower) : nodes.lessOrEqual(lower)
        }()
        let negativeUpper: RegexNode? = {
            guard let upper else { return nodes.all }
            if !upper.negative && !upper.isZero { return nodes.all }
            if upper.isZero && !exclusiveMaximum { return nodes.all }
            return exclusiveMaximum ? nodes.greater(than: upper) : nodes.greaterOrEqual(upper)
        }()

        var result = ByteDFA.nothing
        if let positiveLower, let positiveUpper {
            let positive = try RegexNode.compileAnchored(positiveLower, limits: limits)
                .intersection(RegexNode.compileAnchored(positiveUpper, limits: limits), limits: limits)
            result = positive
        }
        if let negativeLower, let negativeUpper {
            let minus = RegexNode.literal("-")
            let negative = try RegexNode.compileAnchored(.concatenation([minus, negativeLower]), limits: limits)
                .intersection(
                    RegexNode.compileAnchored(.concatenation([minus, negativeUpper]), limits: limits),
                    limits: limits)
            result = try result.union(negative, limits: limits)
        }
        return result
    }

    /// Integer lexemes (`-?(0|[1-9][0-9]*)`, `-0` included) whose value is a multiple of `k`.
    /// The automaton tracks the remainder, so `k` must be at most `limits.maxStates`.
    public static func integerMultiple(of k: Int64, limits: AutomataLimits) throws -> ByteDFA {
        guard k > 0 else { throw AutomataError("multipleOf must be positive, got \(k)") }
        guard k <= Int64(limits.maxStates) else {
            throw AutomataError("multipleOf \(k) needs more than \(limits.maxStates) states")
        }
        // States: 0 start, 1 after '-', 2 zero, 3 + r: nonzero magnitude with remainder r.
        let modulus = Int(k)
        var edges: [[ByteDFA.Edge]] = [
            [
                .init(lo: 0x2D, hi: 0x2D, target: 1), .init(lo: 0x30, hi: 0x30, target: 2),
            ],
            [.init(lo: 0x30, hi: 0x30, target: 2)],
            [],
        ]
        let zero = UInt8(ascii: "0")
        for digit in 1...9 {
            let target = Int32(3 + digit % modulus)
            edges[0].append(.init(lo: zero + UInt8(digit), hi: zero + UInt8(digit), target: target))
            edges[1].append(.init(lo: zero + UInt8(digit), hi: zero + UInt8(digit), target: target))
        }
        for remainder in 0..<modulus {
            var list: [ByteDFA.Edge] = []
            for digit in 0...9 {
                let target = Int32(3 + (remainder * 10 + digit) % modulus)
                if let last = list.last, last.target == target {
                    list[list.count - 1].hi += 1
                } else {
                    list.append(.init(lo: zero + UInt8(digit), hi: zero + UInt8(digit), target: target))
                }
            }
            edges.append(list)
        }
        var accepting = [false, false, true] + [Bool](repeating: false, count: modulus)
        accepting[3] = true
        return ByteDFA(edges: edges.map(Self.mergeAdjacent), accepting: accepting).minimized()
    }

    private static func mergeAdjacent(_ list: [ByteDFA.Edge]) -> [ByteDFA.Edge] {
        var merged: [ByteDFA.Edge] = []
        for edge in list { merged.appendMerging(edge.lo, edge.hi, edge.target) }
        return merged
    }
}

/// A decimal as sign, integer digits (no leading zeros, "0" for zero) and fraction digits (no
/// trailing zeros).
struct DecimalDigits: Hashable {
    var negative: Bool
    var integer: [UInt8]
    var fraction: [UInt8]

    /// Longest digit string accepted for a bound.
    static let maxDigits = 400

    init(_ value: Decimal) throws {
        try self.init(text: value.description)
    }

    init(text: String) throws {
        var bytes = Array(text.utf8)
        negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        var exponent = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            guard let value = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)), abs(value) <= Self.maxDigits
            else { throw AutomataError("cannot read the numeric bound \(text)") }
            exponent = value
            bytes.removeSubrange(e...)
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard pointAt == nil else { throw AutomataError("cannot read the numeric bound \(text)") }
                pointAt = digits.count
            } else if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte - 0x30)
            } else {
                throw AutomataError("cannot read the numeric bound \(text)")
            }
        }
        guard !digits.isEmpty, digits.count <= Self.maxDigits else {
            throw AutomataError("cannot read the numeric bound \(text)")
        }
        var point = (pointAt ?? digits.count) + exponent
        if point < 0 {
            digits.insert(contentsOf: repeatElement(0, count: -point), at: 0)
            point = 0
        }
        if point > digits.count { digits.append(contentsOf: repeatElement(0, count: point - digits.count)) }
        var integerDigits = Array(digits[..<point])
        var fractionDigits = Array(digits[point...])
        while integerDigits.first == 0 { integerDigits.removeFirst() }
        if integerDigits.isEmpty { integerDigits = [0] }
        while fractionDigits.last == 0 { fractionDigits.removeLast() }
        integer = integerDigits
        fraction = fractionDigits
        if isZero { negative = false }
    }

    var isZero: Bool { integer == [0] && fraction.isEmpty }
    var isNegativeNonZero: Bool { negative && !isZero }
}

/// Regex trees for magnitudes (unsigned lexemes) compared with a decimal's absolute value.
struct NumberNodes {
    let integerOnly: Bool

    static let digit = RegexNode.scalars(0x30...0x39)
    static let nonZeroDigit = RegexNode.scalars(0x31...0x39)
    /// `0|[1-9][0-9]*`
    static let integerPart = RegexNode.alternation([
        .literal("0"), .concatenation([nonZeroDigit, .repetition(digit, min: 0, max: nil)]),
    ])
    /// The full RFC 8259 number.
    static let jsonNumber = RegexNode.concatenation([
        .repetition(.literal("-"), min: 0, max: 1),
        integerPart,
        .repetition(.concatenation([.literal("."), .repetition(digit, min: 1, max: nil)]), min: 0, max: 1),
        .repetition(
            .concatenation([
                .scalars(0x45...0x45, 0x65...0x65), .repetition(.scalars(0x2B...0x2B, 0x2D...0x2D), min: 0, max: 1),
                .repetition(digit, min: 1, max: nil),
            ]), min: 0, max: 1),
    ])

    private var optionalFraction: RegexNode {
        integerOnly
            ? .empty
            : .repetition(.concatenation([.literal("."), .repetition(Self.digit, min: 1, max: nil)]), min: 0, max: 1)
    }

    /// Every magnitude.
    var all: RegexNode { .concatenation([Self.integerPart, optionalFraction]) }

    private static func digits(_ values: ArraySlice<UInt8>) -> RegexNode {
        .concatenation(values.map { .scalars(0x30 + UInt32($0)...0x30 + UInt32($0)) })
    }

    private static func digitRange(_ low: UInt8, _ high: UInt8) -> RegexNode? {
        low <= high ? .scalars(0x30 + UInt32(low)...0x30 + UInt32(high)) : nil
    }

    /// Magnitudes whose integer part (canonical) is less than `integer`'s, any fraction.
    private func integerLess(_ integer: [UInt8]) -> [RegexNode] {
        let count = integer.count
        var choices: [RegexNode] = []
        if count >= 2 {
            choices.append(.literal("0"))
            choices.append(.concatenation([Self.nonZeroDigit, .repetition(Self.digit, min: 0, max: count - 2)]))
        }
        for index in 0..<count {
            let low: UInt8 = index == 0 && count > 1 ? 1 : 0
            guard integer[index] > 0, let range = Self.digitRange(low, integer[index] - 1) else { continue }
            choices.append(.concatenation([
                Self.digits(integer[..<index]), range, .repetition(Self.digit, min: count - 1 - index, max: count - 1 - index),
            ]))
        }
        return choices.map { .concatenation([$0, optionalFraction]) }
    }

    /// Magnitudes whose integer part is greater than `integer`'s, any fraction.
    private func integerGreater(_ integer: [UInt8]) -> [RegexNode] {
        let count = integer.count
        var choices: [RegexNode] = [
            .concatenation([Self.nonZeroDigit, .repetition(Self.digit, min: count, max: nil)])
        ]
        for index in 0..<count {
            let low = integer[index] + 1
            guard let range = Self.digitRange(low, 9) else { continue }
            choices.append(.concatenation([
                Self.digits(integer[..<index]), range, .repetition(Self.digit, min: count - 1 - index, max: count - 1 - index),
            ]))
        }
        return choices.map { .concatenation([$0, optionalFraction]) }
    }

    /// Magnitudes m with m < |bound|.
    func less(than bound: DecimalDigits) -> RegexNode {
        var choices = integerLess(bound.integer)
        let fraction = bound.fraction
        if !fraction.isEmpty {
            let base = Self.digits(bound.integer[...])
            choices.append(base)  // no fraction at all
            if !integerOnly {
                var fractions: [RegexNode] = []
                for index in 0..<fraction.count {
                    if fraction[index] > 0, let range = Self.digitRange(0, fraction[index] - 1) {
                        fractions.append(.concatenation([
                            Self.digits(fraction[..<index]), range, .repetition(Self.digit, min: 0, max: nil),
                        ]))
                    }
                    if index >= 1 { fractions.append(Self.digits(fraction[..<index])) }
                }
                choices.append(.concatenation([base, .literal("."), .alternation(fractions)]))
            }
        }
        return .alternation(choices)
    }

    /// Magnitudes m with m = |bound|.
    func equal(_ bound: DecimalDigits) -> RegexNode? {
        let base = Self.digits(bound.integer[...])
        if integerOnly { return bound.fraction.isEmpty ? base : nil }
        if bound.fraction.isEmpty {
            return .concatenation([base, .repetition(.concatenation([.literal("."), .repetition(.literal("0"), min: 1, max: nil)]), min: 0, max: 1)])
        }
        return .concatenation([
            base, .literal("."), Self.digits(bound.fraction[...]), .repetition(.literal("0"), min: 0, max: nil),
        ])
    }

    /// Magnitudes m with m > |bound|.
    func greater(than bound: DecimalDigits) -> RegexNode {
        var choices = integerGreater(bound.integer)
        if !integerOnly {
            let fraction = bound.fraction
            var fractions: [RegexNode] = [
                .concatenation([
                    Self.digits(fraction[...]), .repetition(.literal("0"), min: 0, max: nil), Self.nonZeroDigit,
                    .repetition(Self.digit, min: 0, max: nil),
                ])
            ]
            for index in 0..<fraction.count {
                guard let range = Self.digitRange(fraction[index] + 1, 9) else { continue }
                fractions.append(.concatenation([
                    Self.digits(fraction[..<index]), range, .repetition(Self.digit, min: 0, max: nil),
                ]))
            }
            choices.append(.concatenation([Self.digits(bound.integer[...]), .literal("."), .alternation(fractions)]))
        }
        return .alternation(choices)
    }

    func lessOrEqual(_ bound: DecimalDigits) -> RegexNode {
        .alternation([less(than: bound)] + (equal(bound).map { [$0] } ?? []))
    }

    func greaterOrEqual(_ bound: DecimalDigits) -> RegexNode {
        .alternation([greater(than: bound)] + (equal(bound).map { [$0] } ?? []))
    }
}
