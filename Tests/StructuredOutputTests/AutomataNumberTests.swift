import Foundation
import XCTest
@testable import StructuredOutput

final class AutomataNumberTests: XCTestCase {
    let limits = AutomataLimits()

    private func accepts(_ dfa: ByteDFA, _ text: String) -> Bool { dfa.matches(Array(text.utf8)) }

    /// Lexemes that are never canonical JSON numbers.
    static let malformed = ["", "-", "01", "-01", "00", "+1", "1.", ".5", "1..0", "--1", "1-", " 1", "1 ", "0x10", "1e", "1e+", "٣"]

    func testIntegerRangesByBruteForce() throws {
        var rng = SeededGenerator(seed: 11)
        var bounds: [(Int64?, Int64?)] = [(nil, nil), (0, nil), (nil, 0), (-1, 1), (0, 0), (5, 3), (-100, -100), (1, 9), (10, 99), (-99, -10)]
        for _ in 0..<40 {
            let a = Int64.random(in: -1_100...1_100, using: &rng)
            let b = a + Int64.random(in: -5...900, using: &rng)
            bounds.append((Bool.random(using: &rng) || bounds.count < 20 ? a : nil, b))
        }
        for (minimum, maximum) in bounds {
            let dfa = try NumberDFA.integer(minimum: minimum, maximum: maximum, limits: limits)
            for value in -1_500...1_500 {
                let inRange = (minimum.map { Int64(value) >= $0 } ?? true) && (maximum.map { Int64(value) <= $0 } ?? true)
                XCTAssertEqual(accepts(dfa, String(value)), inRange, "\(value) in \(String(describing: minimum))...\(String(describing: maximum))")
            }
            let zeroIn = (minimum ?? 0) <= 0 && (maximum ?? 0) >= 0
            XCTAssertEqual(accepts(dfa, "-0"), zeroIn)
            for text in Self.malformed + ["1.0", "1e2", "-0.0", "10E1"] { XCTAssertFalse(accepts(dfa, text), text) }
        }
    }

    func testIntegerExtremes() throws {
        let all = try NumberDFA.integer(minimum: Int64.min, maximum: Int64.max, limits: limits)
        XCTAssertTrue(accepts(all, "9223372036854775807"))
        XCTAssertFalse(accepts(all, "9223372036854775808"))
        XCTAssertTrue(accepts(all, "-9223372036854775808"))
        XCTAssertFalse(accepts(all, "-9223372036854775809"))
        XCTAssertFalse(accepts(all, "19223372036854775807"))
        let big = try NumberDFA.integer(minimum: 1_000_000_000_000, maximum: nil, limits: limits)
        XCTAssertTrue(accepts(big, "1000000000000"))
        XCTAssertFalse(accepts(big, "999999999999"))
        XCTAssertTrue(accepts(big, "123456789012345678901234567890"))
    }

    /// All plain decimal lexemes with up to 3 fraction digits (and trailing-zero variants) in [-4, 4].
    static let decimalLexemes: [String] = {
        var result: [String] = []
        for thousandths in -4_000...4_000 {
            let magnitude = abs(thousandths)
            let sign = thousandths < 0 ? "-" : ""
            let integer = magnitude / 1_000
            let fraction = magnitude % 1_000
            var digits = String(format: "%03d", fraction)
            result.append("\(sign)\(integer).\(digits)")
            while digits.hasSuffix("0") { digits.removeLast() }
            result.append(digits.isEmpty ? "\(sign)\(integer)" : "\(sign)\(integer).\(digits)")
            if fraction % 97 == 0 { result.append("\(sign)\(integer).\(digits)00") }
        }
        return result
    }()

    func testBoundedNumbersByBruteForce() throws {
        var rng = SeededGenerator(seed: 5)
        func randomBound() -> Decimal? {
            if Int.random(in: 0..<5, using: &rng) == 0 { return nil }
            let hundredths = Int.random(in: -350...350, using: &rng)
            return Decimal(hundredths) / 100
        }
        var cases: [(Decimal?, Bool, Decimal?, Bool, Bool)] = [
            (0, true, nil, false, false), (nil, false, 0, true, false), (0, false, 0, false, false), (-1.5, false, 1.5, true, false),
            (Decimal(string: "0.001"), false, Decimal(string: "0.002"), false, false), (-2, true, -1, true, true),
            (Decimal(string: "-0.5"), false, Decimal(string: "0.5"), false, true),
        ]
        for _ in 0..<45 {
            cases.append((randomBound(), Bool.random(using: &rng), randomBound(), Bool.random(using: &rng), Int.random(in: 0..<4, using: &rng) == 0))
        }
        for (minimum, exclusiveMinimum, maximum, exclusiveMaximum, integerOnly) in cases {
            let dfa = try NumberDFA.number(
                minimum: minimum, exclusiveMinimum: exclusiveMinimum, maximum: maximum, exclusiveMaximum: exclusiveMaximum,
                integerOnly: integerOnly, limits: limits)
            let label = "\(String(describing: minimum))\(exclusiveMinimum ? "<" : "≤")x\(exclusiveMaximum ? "<" : "≤")\(String(describing: maximum)) int=\(integerOnly)"
            for lexeme in Self.decimalLexemes {
                guard let value = Decimal(string: lexeme) else { return XCTFail(lexeme) }
                var expected = true
                if let minimum { expected = expected && (exclusiveMinimum ? value > minimum : value >= minimum) }
                if let maximum { expected = expected && (exclusiveMaximum ? value < maximum : value <= maximum) }
                if integerOnly { expected = expected && !lexeme.contains(".") }
                if accepts(dfa, lexeme) != expected {
                    XCTFail("\(lexeme) with \(label)")
                    break
                }
            }
            let exponents = minimum == nil && maximum == nil && !integerOnly ? [] : ["1e0", "-1E-1", "0.5e1"]
            for text in Self.malformed + exponents { XCTAssertFalse(accepts(dfa, text), "\(text) \(label)") }
        }
    }

    func testUnboundedNumberIsTheJSONGrammar() throws {
        let dfa = try NumberDFA.number(minimum: nil, exclusiveMinimum: false, maximum: nil, exclusiveMaximum: false, integerOnly: false, limits: limits)
        for text in ["0", "-0", "1.5", "-0.0", "10", "1e5", "1E+5", "-2.5e-3", "0e0", "123456789.000"] { XCTAssertTrue(accepts(dfa, text), text) }
        for text in Self.malformed + ["1.e5", "e5", "1e5.0", "Infinity", "NaN"] { XCTAssertFalse(accepts(dfa, text), text) }
        let integers = try NumberDFA.number(minimum: nil, exclusiveMinimum: false, maximum: nil, exclusiveMaximum: false, integerOnly: true, limits: limits)
        XCTAssertTrue(accepts(integers, "-120"))
        XCTAssertFalse(accepts(integers, "1.5"))
        XCTAssertFalse(accepts(integers, "1e5"))
    }

    func testLongDecimalBounds() throws {
        let dfa = try NumberDFA.number(
            minimum: Decimal(string: "0.000000000000000000000000000001"), exclusiveMinimum: false,
            maximum: Decimal(string: "1e30"), exclusiveMaximum: true, integerOnly: false, limits: limits)
        XCTAssertTrue(accepts(dfa, "0.000000000000000000000000000001"))
        XCTAssertFalse(accepts(dfa, "0.0000000000000000000000000000009"))
        XCTAssertTrue(accepts(dfa, "999999999999999999999999999999.99"))
        XCTAssertFalse(accepts(dfa, "1000000000000000000000000000000"))
        XCTAssertFalse(accepts(dfa, "0"))
    }

    func testIntegerMultiplesByBruteForce() throws {
        for k in Int64(1)...37 {
            let dfa = try NumberDFA.integerMultiple(of: k, limits: limits)
            for value in -800...800 {
                XCTAssertEqual(accepts(dfa, String(value)), Int64(value) % k == 0, "\(value) multiple of \(k)")
            }
            XCTAssertTrue(accepts(dfa, "-0"))
            for text in Self.malformed + ["1.0", "0.0"] { XCTAssertFalse(accepts(dfa, text), text) }
        }
        let huge = try NumberDFA.integerMultiple(of: 1_000, limits: limits)
        XCTAssertTrue(accepts(huge, "123456789000"))
        XCTAssertFalse(accepts(huge, "123456789001"))
        XCTAssertThrowsError(try NumberDFA.integerMultiple(of: 0, limits: limits))
        XCTAssertThrowsError(try NumberDFA.integerMultiple(of: 1_000_000, limits: limits))

        // Intersected with a range: multiples of 7 in [-50, 50].
        let range = try NumberDFA.integer(minimum: -50, maximum: 50, limits: limits)
        let both = try range.intersection(NumberDFA.integerMultiple(of: 7, limits: limits), limits: limits)
        for value in -100...100 { XCTAssertEqual(accepts(both, String(value)), abs(value) <= 50 && value % 7 == 0) }
    }
}
