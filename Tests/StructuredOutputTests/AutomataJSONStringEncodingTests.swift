import Foundation
import XCTest
@testable import StructuredOutput

final class AutomataJSONStringEncodingTests: XCTestCase {
    let limits = AutomataLimits()

    /// Encodes with a random choice among the accepted spellings of each character.
    private func encode(_ text: String, using rng: inout SeededGenerator) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let hex = String(format: "\\u%04x", value)
            let choice = Int.random(in: 0..<3, using: &rng)
            let forms: [String]
            switch scalar {
            case "\"": forms = ["\\\"", hex, hex.uppercased().replacingOccurrences(of: "\\U", with: "\\u")]
            case "\\": forms = ["\\\\", hex]
            case "/": forms = ["/", "\\/", hex]
            case "\n": forms = ["\\n", hex]
            case "\t": forms = ["\\t", "\\u0009"]
            case "\r": forms = ["\\r"]
            case "\u{8}": forms = ["\\b"]
            case "\u{C}": forms = ["\\f"]
            default:
                if value < 0x20 { forms = [hex] }
                else if value > 0xFFFF { forms = [String(scalar)] }
                else { forms = [String(scalar), hex, hex.uppercased().replacingOccurrences(of: "\\U", with: "\\u")] }
            }
            out += forms[choice % forms.count]
        }
        return out
    }

    func testEncodedLanguageMatchesContentOnRandomStrings() throws {
        var rng = SeededGenerator(seed: 3)
        let patterns = ["^[a-z\"\\\\/]{0,6}$", "^.*$", "^[^x]*é$", "^\\s+$", "\"", "^[\\u0000-\\u001f]{1,3}$", "^[€😀a]+$", "^\\d{2,3}$"]
        let alphabet: [Character] = Array("ax\"\\/é€😀\n\t\r\u{1}\u{1F}\u{8}\u{C} 09\u{3000}")
        for pattern in patterns {
            let content = try RegexCompiler.compile(pattern, limits: limits)
            let encoded = try JSONStringEncoding.encode(content, limits: limits)
            for round in 0..<400 {
                let text: String
                if round % 2 == 0, let bytes = AutomataTestSupport.sample(content, maxLength: 12, using: &rng) {
                    text = String(decoding: bytes, as: UTF8.self)
                } else {
                    text = String((0..<Int.random(in: 0...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
                }
                let body = encode(text, using: &rng)
                // The test encoder itself must produce valid JSON for `text`.
                let decoded = try JSONSerialization.jsonObject(with: Data("\"\(body)\"".utf8), options: .fragmentsAllowed) as? String
                if !text.unicodeScalars.contains("\u{FEFF}") { XCTAssertEqual(decoded, text) }  // Foundation drops BOMs
                XCTAssertEqual(encoded.matches(Array(body.utf8)), content.matches(Array(text.utf8)), "\(pattern): \(body.debugDescription)")
            }
        }
    }

    /// What the compiler encodes (pattern, format, name and length DFAs, and their
    /// products) is well-formed UTF-8 already, so `CompilerContext.encode` skips the intersection
    /// with the UTF-8 strings: here that intersection leaves each of them unchanged.
    func testCompilerContentIsWellFormed() throws {
        let utf8 = try ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits)
        var contents: [(String, ByteDFA)] = []
        let patterns = [
            "^[a-z\"\\\\/]{0,6}$", "^.*$", "^[^x]*é$", "^\\s+$", "\\S", "^[\\u0000-\\u001f]{1,3}$", "^[€😀a]+$",
            "[^a]", "^\\W\\D$", "^https?://", "(?:\\ud83d)?x", "^[\\u{10000}-\\u{10FFFF}]$", "^[\\ud800-\\udfff]?a$", ".",
        ]
        for pattern in patterns {
            guard let dfa = try? RegexCompiler.compile(pattern, limits: limits) else { continue }
            contents.append((pattern, dfa))
        }
        XCTAssertGreaterThan(contents.count, 10)
        for name in FormatDFA.supportedFormats {
            contents.append((name, try XCTUnwrap(FormatDFA.dfa(for: name, limits: limits))))
        }
        contents.append(("names", ByteDFA.literals(["a", "é", "😀", ""].map { Array($0.utf8) })))
        contents.append(("lengths", try ByteDFA.anyUTF8String(minChars: 2, maxChars: 5, limits: limits)))
        contents.append(("product", try contents[0].1.intersection(contents.last!.1, limits: limits)))
        contents.append(("difference", try utf8.difference(contents[contents.count - 3].1, limits: limits)))
        for (name, dfa) in contents {
            XCTAssertEqual(try dfa.intersection(utf8, limits: limits), dfa, name)
        }
    }

    /// The bottom-up quotient of an encoding equals Hopcroft's minimization of it.
    func testQuotientEqualsMinimization() throws {
        let patterns = [
            "^[a-z\"\\\\/]{0,6}$", "^.*$", "^[^x]*é$", "^\\s+$", "\"", "^[\\u0000-\\u001f]{1,3}$", "^[€😀a]+$",
            "^\\d{2,3}$", "^[a-z][a-z0-9-]{0,47}$", "\\S", "^https?://", "^[A-Z]{3}$", "a|b|é", "^(ab|cd)*x?$", "",
        ]
        for pattern in patterns {
            let content = try RegexCompiler.compile(pattern, limits: limits)
            let valid = try content.intersection(ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits), limits: limits)
            for level in JSONStringEncoding.EscapeLevel.allCases {
                let minimized = try JSONStringEncoding.encode(valid, escapes: level, limits: limits, wellFormed: true)
                XCTAssertEqual(try JSONStringEncoding.encodeMinimal(valid, escapes: level, limits: limits), minimized, "\(pattern) \(level)")
            }
        }
    }

    /// The range-based, densely numbered exploration builds exactly the automaton (same states,
    /// same numbering, same edges) as the byte-by-byte, hashed one it replaced, at every escape
    /// level: escapes, control characters, non-ASCII, astral characters, length-bounded patterns.
    func testRangeExplorationEqualsByteByByteExploration() throws {
        var patterns = [
            "^[a-z\"\\\\/]{0,6}$", "^.*$", "^[^x]*é$", "^\\s+$", "\"", "^[\\u0000-\\u001f]{1,3}$", "^[€😀a]+$",
            "^\\d{2,3}$", "^[a-z][a-z0-9-]{0,47}$", "\\S", "^https?://.+$", "^([^,]|$)", "^\\S+@\\S+$",
            "^[^\"\\\\]+$", "^[\\u007f-\\u00ff]+$", "^[\\u0800-\\uffff]{1,2}$", "a|b|é", "^(ab|cd)*x?$", "",
        ]
        if let corpus = try AutomataTestSupport.maskbenchPatterns() {
            // A deterministic sample of the corpus patterns.
            patterns += corpus.enumerated().filter { $0.offset % 7 == 0 }.map(\.element)
        }
        var compared = 0
        for pattern in patterns {
            guard let content = try? RegexCompiler.compile(pattern, limits: limits) else { continue }
            var contents = [content]
            for (lo, hi) in [(0, 5), (2, 17), (1, 64)] {
                let lengths = try ByteDFA.anyUTF8String(minChars: lo, maxChars: hi, limits: limits)
                if let bounded = try? content.intersection(lengths, limits: limits) { contents.append(bounded) }
            }
            for c in contents {
                let valid = try c.intersection(ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits), limits: limits)
                for level in JSONStringEncoding.EscapeLevel.allCases {
                    let new = try? JSONStringEncoding.explored(valid, escapes: level, limits: limits, reference: false)
                    let old = try? JSONStringEncoding.explored(valid, escapes: level, limits: limits, reference: true)
                    XCTAssertEqual(new?.dfa, old?.dfa, "\(pattern) \(level)")
                    XCTAssertEqual(new?.isContent, old?.isContent, "\(pattern) \(level)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    func testRejectsInvalidBodies() throws {
        let any = try JSONStringEncoding.encode(ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits), limits: limits)
        for body in ["abc", "\\\"", "\\u00e9", "\\uFFFF", "\\/", "😀", "\\u0000"] { XCTAssertTrue(any.matches(Array(body.utf8)), body) }
        for body in ["\"", "\\", "\\x41", "\\u12", "\\uD83D\\uDE00", "\\uDC00", "\n", "\t", "\u{1}", "\\U0041", "\\a"] {
            XCTAssertFalse(any.matches(Array(body.utf8)), body.debugDescription)
        }
        XCTAssertFalse(any.matches([0xC3]))
        XCTAssertFalse(any.matches([0xED, 0xA0, 0x80]))
    }

    func testFallsBackToCheaperEscapeLevelsWhenLarge() throws {
        var small = AutomataLimits()
        small.maxStates = 600
        let content = try RegexCompiler.compileWhole("[a-z€\\n]{0,20}", limits: small)
        let encoded = try JSONStringEncoding.encode(content, limits: small)
        XCTAssertTrue(encoded.matches(Array("ab€\\u0063\\n".utf8)))
        XCTAssertFalse(encoded.matches(Array("ab\\u20ac".utf8)))
        let full = try JSONStringEncoding.encode(content, limits: limits)
        XCTAssertTrue(full.matches(Array("ab\\u20AC\\u000a".utf8)))

        let controls = try JSONStringEncoding.encode(content, escapes: .controlCharacters, limits: limits)
        XCTAssertTrue(controls.matches(Array("ab€\\u000A\\n".utf8)))
        XCTAssertFalse(controls.matches(Array("\\u0063".utf8)))
        XCTAssertThrowsError(try JSONStringEncoding.encode(content, escapes: .basicMultilingualPlane, limits: small))

        // A long bounded string still encodes under the default limits.
        let long = try ByteDFA.anyUTF8String(minChars: 0, maxChars: 1_000, limits: limits)
        let longEncoded = try JSONStringEncoding.encode(long, limits: limits)
        XCTAssertTrue(longEncoded.matches(Array((String(repeating: "é", count: 999) + "\\n").utf8)))
        XCTAssertFalse(longEncoded.matches(Array(String(repeating: "a", count: 1_001).utf8)))
        XCTAssertFalse(longEncoded.matches(Array("\\u0001\n".utf8)))
    }
}

extension AutomataJSONStringEncodingTests {
    /// The member-name shortcut of the compiler: encoding commutes with removing a finite set of
    /// names, so Enc(any) − Enc(names) is the same language as Enc(any − names) at one escape level.
    func testEncodingCommutesWithRemovingNames() throws {
        let nameSets: [[String]] = [
            ["a"], ["", "id"], ["name", "names", "n"], ["a\"b", "back\\slash", "sl/ash", "tab\t", "\u{1}"],
            ["é", "日本", "😀x", "€uro"], ["type", "properties", "required", "additionalProperties", "items", "x-y_z"],
        ]
        let any = try ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits)
        let level = JSONStringEncoding.EscapeLevel.basicMultilingualPlane
        for names in nameSets {
            let excluded = ByteDFA.literals(names.map { Array($0.utf8) })
            let direct = try JSONStringEncoding.encode(try any.difference(excluded, limits: limits), escapes: level, limits: limits)
            let shortcut = try JSONStringEncoding.encode(any, escapes: level, limits: limits)
                .difference(try JSONStringEncoding.encode(excluded, escapes: level, limits: limits), limits: limits)
            XCTAssertTrue(try direct.difference(shortcut, limits: limits).isEmpty, "\(names): direct accepts more")
            XCTAssertTrue(try shortcut.difference(direct, limits: limits).isEmpty, "\(names): shortcut accepts more")
        }
    }
}
extension AutomataJSONStringEncodingTests {
    /// The member-name key set the compiler builds directly, `encodedStrings(excluding:)`, is the
    /// minimal, canonically numbered automaton of Enc(any − names): equal (`==`) to encoding the
    /// difference and minimizing, and the same language as Enc(any) − Enc(names).
    func testKeySetExcludingNamesIsTheEncodedDifference() throws {
        var nameSets: [[String]] = [
            ["a"], [""], ["", "id"], ["name", "names", "n"], ["a\"b", "back\\slash", "sl/ash", "tab\t", "\u{1}"],
            ["é", "日本", "😀x", "€uro"], ["type", "properties", "required", "additionalProperties", "items", "x-y_z"],
            ["\\", "\"", "/", "\u{8}", "\u{C}", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}"],
            ["z", "Z", "zz", "zZ", "\u{7A}\u{5A}"], ["\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"],
            ["include_lowercase", "include_numbers", "include_symbols", "include_uppercase", "length"],
            ["a", "ab", "abc", "abcd", "b", "bc"], ["ß", "ßß", "s", "ss"], ["\u{FFFD}", "\u{FEFF}", "\u{2028}x"],
        ]
        // Random sets over an alphabet of ASCII, escapes, 2-, 3- and 4-byte characters.
        let alphabet: [Character] = ["a", "b", "A", "z", "0", "\"", "\\", "/", "\n", "\u{1}", "é", "ÿ", "€", "中", "\u{FFFF}", "😀"]
        var rng = SeededGenerator(seed: 0x4B45_5953)
        for _ in 0..<40 {
            nameSets.append((0..<Int.random(in: 1...5, using: &rng)).map { _ in
                String((0..<Int.random(in: 0...4, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            })
        }
        let any = try ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits)
        let level = JSONStringEncoding.EscapeLevel.basicMultilingualPlane
        let anyEncoded = try JSONStringEncoding.encode(any, escapes: level, limits: limits)
        for names in nameSets {
            let excluded = ByteDFA.literals(names.map { Array($0.utf8) })
            let direct = try JSONStringEncoding.encode(try any.difference(excluded, limits: limits), escapes: level, limits: limits)
            let built = try JSONStringEncoding.encodedStrings(excluding: names, limits: limits)
            XCTAssertEqual(built, direct, "\(names)")
            let subtracted = try anyEncoded.difference(try JSONStringEncoding.encode(excluded, escapes: level, limits: limits), limits: limits)
            XCTAssertEqual(built, subtracted, "\(names)")
            for name in names {
                XCTAssertFalse(built.matches(CompilerContext.encodedKey(name).dropFirst().dropLast()), "\(names): \(name) accepted")
            }
        }
        var small = limits
        small.maxStates = 60
        XCTAssertThrowsError(try JSONStringEncoding.encodedStrings(excluding: [String(repeating: "abcdefghij", count: 8)], limits: small))
    }
}
