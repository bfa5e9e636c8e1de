import Foundation
import XCTest
@testable import StructuredOutput

final class AutomataRegexTests: XCTestCase {
    let limits = AutomataLimits()

    private func matches(_ pattern: String, _ text: String) throws -> Bool {
        try RegexCompiler.compile(pattern, limits: limits).matches(Array(text.utf8))
    }

    func testSearchSemanticsAndAnchors() throws {
        XCTAssertTrue(try matches("b", "abc"))
        XCTAssertFalse(try matches("^b", "abc"))
        XCTAssertTrue(try matches("^a|c$", "xxc"))
        XCTAssertTrue(try matches("^a|c$", "axx"))
        XCTAssertFalse(try matches("^a|c$", "xax"))
        XCTAssertTrue(try matches("^$", ""))
        XCTAssertFalse(try matches("^$", "a"))
        XCTAssertTrue(try matches("$^", ""))
        XCTAssertFalse(try matches("a^b", "a^b"))
        XCTAssertTrue(try matches("(?:^|,)x(?:,|$)", "a,x,b"))
        XCTAssertTrue(try matches("(?:^|,)x(?:,|$)", "x"))
        XCTAssertFalse(try matches("(?:^|,)x(?:,|$)", "ax"))
        XCTAssertTrue(try matches("", "anything"))
    }

    func testEscapesAndClasses() throws {
        XCTAssertTrue(try matches("^\\d{3}$", "123"))
        XCTAssertFalse(try matches("^\\d$", "٣"))  // ECMA \d is ASCII only
        XCTAssertTrue(try matches("^\\w+$", "a_Z9"))
        XCTAssertFalse(try matches("^\\w$", "é"))
        XCTAssertTrue(try matches("^\\s$", "\u{3000}"))
        XCTAssertTrue(try matches("^\\s$", "\u{FEFF}"))
        XCTAssertTrue(try matches("^\\S$", "x"))
        XCTAssertTrue(try matches("^.$", "😀"))
        XCTAssertFalse(try matches("^.$", "\n"))
        XCTAssertFalse(try matches("^.$", "\u{2028}"))
        XCTAssertTrue(try matches("^[^a]$", "\n"))
        XCTAssertTrue(try matches("^\\x41\\u0042\\u{43}\\t$", "ABC\t"))
        XCTAssertTrue(try matches("^\\uD83D\\uDE00$", "😀"))
        XCTAssertTrue(try matches("^[\\u00e0-\\u00ff]+$", "éü"))
        XCTAssertTrue(try matches("^[\\d-]+$", "1-2"))
        XCTAssertTrue(try matches("^[\\w.-]+$", "a.b-c"))
        XCTAssertTrue(try matches("^[]]$", "]") == false)  // `[]` matches nothing, then a literal `]`
        XCTAssertTrue(try matches("^[^]$", "\n"))
        XCTAssertTrue(try matches("^a{,2}$", "a{,2}"))  // Annex B: not a quantifier
        XCTAssertTrue(try matches("^\\/\\.\\*$", "/.*"))
        XCTAssertTrue(try matches("^(?<year>\\d{4})-(?:\\d\\d)$", "2024-05"))
        XCTAssertTrue(try matches("^a+?b*?c??d{1,2}?$", "aabd"))
        XCTAssertTrue(try matches("^\\cJ$", "\n"))
        XCTAssertTrue(try matches("^[\\b]$", "\u{8}"))
        XCTAssertTrue(try matches("^\\0$", "\u{0}"))
    }

    func testUnsupportedSyntaxReportsPosition() {
        let cases: [(String, Int)] = [
            ("ab(?=c)", 2), ("(?!x)", 0), ("x(?<=y)", 1), ("x(?<!y)", 1), ("(a)\\1", 3), ("a\\bc", 1), ("\\B", 0),
            ("(?i)abc", 0), ("\\p{L}", 0), ("(?<n>a)\\k<n>", 7), ("a)", 1), ("(ab", 0), ("*a", 0), ("a**", 2),
            ("[z-a]", 2), ("[ab", 0), ("a{3,2}", 1), ("a{1001}", 1), ("\\", 0), ("\\uD800", 0), ("^*", 1),
        ]
        for (pattern, position) in cases {
            XCTAssertThrowsError(try RegexCompiler.compile(pattern, limits: limits), pattern) { error in
                XCTAssertEqual((error as? AutomataError)?.position, position, "\(pattern): \(error)")
            }
        }
    }

    func testStateBlowUpThrowsInsteadOfHanging() {
        var small = AutomataLimits()
        small.maxStates = 2_000
        XCTAssertThrowsError(try RegexCompiler.compile("[ab]*a[ab]{20}", limits: small)) { error in
            XCTAssertTrue("\(error)".contains("states"), "\(error)")
        }
        XCTAssertThrowsError(try RegexCompiler.compile("(?:(?:(?:a{100}){100}){100})", limits: limits))
    }

    /// Patterns as seen in real schemas; each is compared with NSRegularExpression on random strings.
    static let realisticPatterns = [
        "^[a-zA-Z0-9_]+$", "^[a-z][a-z0-9-]*$", "^\\d{4}-\\d{2}-\\d{2}$", "^#[0-9a-fA-F]{6}$",
        "^#(?:[0-9a-fA-F]{3}){1,2}$", "^[A-Z]{2}$", "^\\+?[1-9]\\d{1,14}$", "^(\\([0-9]{3}\\))?[0-9]{3}-[0-9]{4}$",
        "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "^https?://[^\\s/$.?#].[^\\s]*$", "^[0-9]{5}(?:-[0-9]{4})?$",
        "^(?:[01]\\d|2[0-3]):[0-5]\\d$", "^v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?$", "abc", "^(foo|bar)+baz?$",
        "^[a-z0-9]+(?:-[a-z0-9]+)*$", "^\\S+$", "^.{1,20}$", "[0-9]+\\.[0-9]{2}", "^\\s*$", "^[^<>]*$",
        "^(?!)?", "^[A-Za-z]+( [A-Za-z]+)*$", "^[€😀 ]{2,5}x?$", "^(\\s*|((\\s*[^,:&\\s]+\\s*:[^,:&]*)(,\\s*[^,:&\\s]+\\s*:[^,:&]*)*))$",
        "^[0-9]+(\\.[0-9]+){1,2}$", "\\d{2}-?\\d{0,4}", "^$|(^(?:\\S+\\s+){0,19}\\S+$)", "^arn:aws:[a-z0-9-]+:[a-z0-9-]*:\\d{12}:.+$",
        "^[1-9][0-9]{0,2}(,[0-9]{3})*$", "^ab|cd$|^ef$",
    ].filter { $0 != "^(?!)?" }

    /// Characters for random strings; avoids the points where ICU and ECMA-262 disagree (line
    /// terminators other than via classes, \v, \f, U+0085, U+FEFF, non-ASCII letters and digits).
    static let alphabet: [Character] = Array("aAbBcCzZ019_-.:/@#+ ,()[]{}$^*?|&<>\t\u{A0}€😀—\\\"'xyfoobarhttps")

    func testAgreesWithNSRegularExpressionOnRealisticPatterns() throws {
        var rng = SeededGenerator(seed: 42)
        var report: [String] = []
        for pattern in Self.realisticPatterns {
            let start = Date()
            let dfa = try RegexCompiler.compile(pattern, limits: limits)
            let elapsed = Date().timeIntervalSince(start)
            report.append(String(format: "%8.2f ms %6d states  %@", elapsed * 1000, dfa.stateCount, pattern))
            let mismatches = try Self.compare(pattern, dfa: dfa, rounds: 300, rng: &rng)
            XCTAssertEqual(mismatches, [], pattern)
        }
        print("Regex compile times (debug build):\n" + report.joined(separator: "\n"))
    }

    /// Patterns whose ICU meaning differs from ECMA-262, so NSRegularExpression is no oracle.
    static func icuDiffers(_ pattern: String) -> Bool {
        let scalars = Array(pattern.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "\\" && index + 1 < scalars.count {
            let next = scalars[index + 1]
            if next.properties.isAlphabetic && !"dDwWsStnrfux".unicodeScalars.contains(next) { return true }
            if next == "0" { return true }
        }
        return pattern.contains("[[") || pattern.contains("&&") || pattern.contains("\\u{") || pattern.contains("--")
            || pattern.contains("\\uD") || pattern.contains("\\ud") || pattern.contains("~~") || pattern.contains("[^]")

    }

    /// Strings where the DFA and ICU disagree.
    static func compare(_ pattern: String, dfa: ByteDFA, rounds: Int, rng: inout SeededGenerator) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        var mismatches: [String] = []
        let literals = Array(pattern).filter { !"\n\r\u{B}\u{C}\u{85}\u{2028}\u{2029}\u{FEFF}".contains($0) }
        for round in 0..<rounds {
            var text: String
            if round % 2 == 0, let bytes = AutomataTestSupport.sample(dfa, maxLength: 30, using: &rng),
                let decoded = String(validating: bytes, as: UTF8.self)
            {
                text = decoded
                if round % 4 == 0, !text.isEmpty {  // mutate one character
                    var chars = Array(text)
                    let at = Int.random(in: 0..<chars.count, using: &rng)
                    chars[at] = (alphabet + literals).randomElement(using: &rng)!
                    text = String(chars)
                }
            } else {
                let length = Int.random(in: 0...12, using: &rng)
                text = String((0..<length).map { _ in
                    (Bool.random(using: &rng) ? alphabet : (literals.isEmpty ? alphabet : literals)).randomElement(using: &rng)!
                })
            }
            if text.unicodeScalars.contains(where: icuClassifiesDifferently) { continue }
            let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            if dfa.matches(Array(text.utf8)) != expected { mismatches.append(text) }
        }
        return mismatches
    }

    /// Scalars on which ICU's `.`, `$`, `\w`, `\d`, `\s` differ from ECMA-262 (Unicode-aware
    /// classes, extra line terminators).
    static func icuClassifiesDifferently(_ scalar: Unicode.Scalar) -> Bool {
        if "\n\r\u{B}\u{C}\u{85}\u{2028}\u{2029}\u{FEFF}".unicodeScalars.contains(scalar) { return true }
        guard scalar.value > 0x7F else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation, .decimalNumber,
            .letterNumber, .otherNumber:
            return true
        default:
            return properties.isAlphabetic || properties.isWhitespace || properties.isJoinControl
        }
    }

    func testAgreesWithNSRegularExpressionOnCorpusPatterns() throws {
        guard let patterns = try AutomataTestSupport.maskbenchPatterns() else {
            throw XCTSkip("maskbench corpus not available")
        }
        var rng = SeededGenerator(seed: 2024)
        var compiled = 0
        var unsupported: [String: Int] = [:]
        var compared = 0
        var slowest: [(Double, String)] = []
        var totalTime = 0.0
        var failures: [String] = []
        for pattern in patterns {
            let start = Date()
            let dfa: ByteDFA
            do {
                dfa = try RegexCompiler.compile(pattern, limits: limits)
            } catch let error as AutomataError {
                let kind = error.message.replacingOccurrences(of: #" at character \d+"#, with: "", options: .regularExpression)
                unsupported[kind, default: 0] += 1
                continue
            }
            let elapsed = Date().timeIntervalSince(start)
            totalTime += elapsed
            slowest.append((elapsed, pattern))
            compiled += 1
            guard !Self.icuDiffers(pattern), (try? NSRegularExpression(pattern: pattern)) != nil else { continue }
            compared += 1
            let mismatches = try Self.compare(pattern, dfa: dfa, rounds: 60, rng: &rng)
            if !mismatches.isEmpty { failures.append("\(pattern): \(mismatches.prefix(3).map { "\($0.debugDescription)" })") }
        }
        slowest.sort { $0.0 > $1.0 }
        print("Corpus patterns: \(patterns.count), compiled \(compiled), compared with ICU \(compared), total compile \(String(format: "%.2f", totalTime)) s")
        print("Rejected: \(unsupported.sorted { $0.value > $1.value }.map { "\($0.value)× \($0.key)" }.joined(separator: "; "))")
        print("Slowest: " + slowest.prefix(8).map { String(format: "%.1f ms %@", $0.0 * 1000, $0.1) }.joined(separator: " | "))
        XCTAssertEqual(failures, [])
    }
}
