import Foundation
import JSONSchema
import XCTest
@testable import StructuredOutput

/// Schemas built to blow up a naive compiler: each must compile to a small grammar or fail with a
/// clear `SchemaError` (the suite itself finishing is the "fast" part; no timing assertions).
final class CompilerPathologicalTests: XCTestCase {
    func testHugeEnumFailsOnLimit() {
        let values = (0..<20_000).map { "\"v\($0)\"" }.joined(separator: ",")
        assertCompileError("{\"enum\":[\(values)]}", mentions: "maxEnumLiterals")
    }

    func testLargeEnumWithinLimitsIsOneTrie() throws {
        let values = (0..<2_000).map { "\"value-\($0)\"" }.joined(separator: ",")
        let f = try CompiledFixture("{\"enum\":[\(values)]}")
        XCTAssertEqual(f.compiled.stats.rules, 1)
        f.check(valid: [#""value-1999""#, #""value-0""#], invalid: [#""value-2000""#, #""value-""#])
    }

    func testDeepNestingFailsOnLimit() {
        var schema = "{\"type\":\"integer\"}"
        for _ in 0..<500 { schema = "{\"type\":\"array\",\"items\":\(schema)}" }
        assertCompileError(schema, mentions: "deeper")
    }

    func testExponentialAnyOfStaysLinear() throws {
        // Each level references the previous one twice; inlining would give 2^40 copies.
        var defs: [String] = ["\"d0\":{\"type\":\"integer\"}"]
        for i in 1...40 {
            defs.append("\"d\(i)\":{\"anyOf\":[{\"$ref\":\"#/$defs/d\(i - 1)\"},{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/d\(i - 1)\"}}]}")
        }
        let f = try CompiledFixture("{\"$defs\":{\(defs.joined(separator: ","))},\"$ref\":\"#/$defs/d40\"}")
        XCTAssertLessThan(f.compiled.stats.rules, 400)
        f.check(valid: ["1", "[1]"], invalid: ["\"x\"", "[\"x\"]"])
    }

    func testAllOfOfAnyOfsHitsBranchLimit() {
        let anyOf = "{\"anyOf\":[" + (0..<20).map { "{\"properties\":{\"p\($0)\":{\"type\":\"integer\"}}}" }.joined(separator: ",") + "]}"
        assertCompileError("{\"allOf\":[\(anyOf),\(anyOf),\(anyOf)]}", mentions: "branches")
    }

    func testHugeCountBoundsUseRepetitions() throws {
        let strings = try CompiledFixture(#"{"type":"string","maxLength":1000000000}"#)
        XCTAssertLessThan(strings.compiled.stats.automatonStates, 100)
        strings.check(valid: [#""abc""#], invalid: ["1"])
        let arrays = try CompiledFixture(#"{"type":"array","items":{"type":"integer"},"minItems":3,"maxItems":1000000000}"#)
        XCTAssertLessThan(arrays.compiled.stats.automatonStates, 100)
        arrays.check(valid: ["[1,2,3]", "[1,2,3,4,5]"], invalid: ["[1,2]"])
    }

    func testPatternWithHugeLengthFailsClearly() {
        // A pattern other than fixed classes then one repeated class still needs the pattern × length product.
        assertCompileError(#"{"type":"string","pattern":"^[a-z]+a$","maxLength":1000000000}"#, mentions: "limits")
    }

    func testClassPatternWithLengthBoundsUsesARepetition() throws {
        let huge = try CompiledFixture(#"{"type":"string","pattern":"^[a-z]+$","maxLength":1000000000}"#)
        XCTAssertLessThan(huge.compiled.stats.automatonStates, 100)
        huge.check(valid: [#""abc""#, #""\u0061b""#], invalid: [#""""#, #""aB""#, "1"])
        // Pattern and length bounds intersect: {2,5} and 3...4.
        let digits = try CompiledFixture(#"{"type":"string","pattern":"^[0-9]{2,5}$","minLength":3,"maxLength":4}"#)
        digits.check(valid: [#""123""#, #""1234""#, #""\u0031\u00322""#], invalid: [#""12""#, #""12345""#, #""12a""#])
        // Characters that need escapes in JSON count once.
        let quotes = try CompiledFixture(#"{"type":"string","pattern":"^[a\"\\\\]{1,3}$","maxLength":2}"#)
        quotes.check(valid: [#""a\"""#, #""\\a""#], invalid: [#""a\"a""#, #""b""#])
        // Bounds that cannot both hold: nothing.
        let never = try CompiledFixture(#"{"type":"string","pattern":"^[a-z]{5}$","maxLength":3}"#)
        never.check(valid: [], invalid: [#""abc""#, #""abcde""#])
    }

    func testHugePropertyCountBoundsFailOrStaySmall() throws {
        let f = try CompiledFixture(#"{"type":"object","maxProperties":1000000000,"minProperties":1}"#)
        XCTAssertLessThan(f.compiled.stats.automatonStates, 200)
        f.check(valid: [#"{"a":1}"#], invalid: ["{}"])
        let props = (0..<400).map { "\"p\($0)\":{}" }.joined(separator: ",")
        assertCompileError("{\"type\":\"object\",\"properties\":{\(props)},\"minProperties\":300}", mentions: "states")
    }

    /// `^P[C]{a,b}$` with a fixed-length prefix of classes compiles to the prefix's small DFA and a
    /// counted repetition: few states for any bound, and exactly the strings the validator accepts
    /// (checked on random strings over each pattern's alphabet, raw and `\u`-escaped).
    func testClassSequenceWithLengthBoundsMatchesTheValidator() throws {
        // (schema, a start the pattern wants, the alphabet of the rest: wanted characters, then one unwanted).
        let cases: [(String, String, [Character])] = [
            (#"{"type":"string","pattern":"^[a-z][a-z0-9-]{0,99}$"}"#, "a", ["a", "z", "0", "-", "A"]),
            (#"{"type":"string","pattern":"^a[a-z]+$","maxLength":1000000000}"#, "a", ["a", "q", "z", "1"]),
            (#"{"type":"string","pattern":"^[A-Z]{2}-[0-9]{8,120}$"}"#, "AB-", ["0", "5", "9", "a"]),
            (#"{"type":"string","pattern":"^x[\"\\\\é]*$","minLength":3,"maxLength":72}"#, "x", ["\"", "\\", "é", "e"]),
            (#"{"type":"string","pattern":"^[a-c]{3}[a-c]*$","minLength":5,"maxLength":80}"#, "ab", ["a", "b", "c", "d"]),
            (#"{"type":"string","pattern":"^[a-c]{3}[a-c]*$","minLength":5,"maxLength":20}"#, "ab", ["a", "b", "c", "d"]),
            (#"{"type":"string","pattern":"^ab[b-d]{1,30}$","minLength":40}"#, "ab", ["b", "c", "d"]),
            (#"{"type":"string","pattern":"^https?://.+$","maxLength":1024}"#, "https://", ["a", "/", "é", "\n"]),
            (#"{"type":"string","pattern":"^https?://","minLength":10,"maxLength":90}"#, "https://", ["a", "\n", "\"", "x"]),
            (#"{"type":"string","pattern":"^(ab|c)[0-9]{2,4}[x-z]{0,80}$"}"#, "ab12", ["x", "z", "y", "a"]),
            (#"{"type":"string","pattern":"^\\d{3}(-\\d{2})?[a-z]{5,70}$","minLength":12}"#, "123-45", ["a", "q", "z", "-"]),
        ]
        var random = SystemRandomNumberGenerator()
        for (text, start, alphabet) in cases {
            let fixture = try CompiledFixture(text)
            XCTAssertLessThan(fixture.compiled.stats.automatonStates, 400, text)
            let validator = try SchemaValidator(schema: fixture.schema)
            var accepted = 0
            for trial in 0..<600 {
                // Strings around the bounds (up to 130 characters); a third without the start.
                let length = Int.random(in: 0...130, using: &random)
                // Half the time without the alphabet's last character (the unwanted one).
                let letters = trial % 2 == 0 ? alphabet.dropLast() : alphabet[...]
                let string = (trial % 3 == 0 ? "" : start) + String((0..<length).map { _ in letters.randomElement(using: &random)! })
                let escaped = trial % 4 == 1
                let json = escaped ? "\"" + string.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined() + "\""
                                   : JSONWriter().string(.string(string))
                let valid = validator.validate(.string(string)).isEmpty
                XCTAssertEqual(fixture.accepts(json), valid, "\(text) on \(json)")
                if valid { accepted += 1 }
            }
            if !text.contains("minLength\":40") { XCTAssertGreaterThan(accepted, 10, "few valid samples for \(text)") }
        }
    }
}
