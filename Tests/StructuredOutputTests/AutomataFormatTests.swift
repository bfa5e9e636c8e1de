import Foundation
import XCTest
@testable import StructuredOutput
#if canImport(Glibc)
import Glibc
#endif

final class AutomataFormatTests: XCTestCase {
    let limits = AutomataLimits()

    private func format(_ name: String) throws -> ByteDFA {
        guard let dfa = try FormatDFA.dfa(for: name, limits: limits) else {
            XCTFail("unknown format \(name)")
            return .nothing
        }
        return dfa
    }

    func testEveryFormatCompilesAndUnknownIsNil() throws {
        for name in FormatDFA.supportedFormats {
            let start = Date()
            let dfa = try format(name)
            print(String(format: "format %@: %d states, %.1f ms", name, dfa.stateCount, Date().timeIntervalSince(start) * 1000))
            XCTAssertFalse(dfa.isEmpty)
        }
        XCTAssertEqual(FormatDFA.supportedFormats.count, 11)
        XCTAssertNil(try FormatDFA.dfa(for: "color", limits: limits))
    }

    func testDatesByBruteForce() throws {
        let date = try format("date")
        func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }
        let years = Array(0...30) + Array(1_890...2_110) + [2_400, 2_500, 9_996, 9_999]
        for year in years {
            for month in 0...13 {
                for day in 0...32 {
                    let daysIn = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
                    let valid = (1...12).contains(month) && day >= 1 && day <= daysIn[month - 1 < 0 || month > 12 ? 0 : month - 1]
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    XCTAssertEqual(date.matches(Array(text.utf8)), valid, text)
                }
            }
        }
        for text in ["2024-1-01", "24-01-01", "2024-01-01T", "2024/01/01", "+2024-01-01"] {
            XCTAssertFalse(date.matches(Array(text.utf8)), text)
        }
    }

    func testTimesDurationsAndDateTimes() throws {
        let cases: [String: (valid: [String], invalid: [String])] = [
            "time": (["00:00:00Z", "23:59:60+14:00", "12:30:45.123456-05:30", "08:00:00z"],
                     ["24:00:00Z", "12:60:00Z", "12:00:61Z", "12:00:00", "12:00Z", "12:00:00+2400", "12:00:00.Z"]),
            "date-time": (["2024-02-29T12:00:00Z", "1999-12-31t23:59:59.5+01:00"],
                          ["2023-02-29T12:00:00Z", "2024-02-29 12:00:00Z", "2024-02-29T12:00:00"]),
            "duration": (["P1D", "PT1H", "P1Y2M3DT4H5M6S", "P2W", "PT36H", "P1M", "PT0S", "P1YT1S"],
                         ["P", "PT", "P1H", "P1W2D", "1D", "P1DT", "PT1H1H", "P1S", "P1.5D", "P1Y1Y"]),
            "uuid": (["123e4567-e89b-12d3-a456-426614174000", "123E4567-E89B-12D3-A456-426614174000"],
                     ["123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400", "g23e4567-e89b-12d3-a456-426614174000"]),
            "hostname": (["example.com", "a", "a-b.c-d", "xn--bcher-kva.example", String(repeating: "a", count: 63)],
                         ["-a.com", "a-.com", "a..b", "", ".a", "a_b", String(repeating: "a", count: 64), "ex ample"]),
            "email": (["a@b.co", "first.last+tag@example.org", "x@[192.168.0.1]", "o'brien@host"],
                      ["a@", "@b", "a@@b", "a.@b", ".a@b", "a b@c", "a@b..c"]),
            "uri": (["https://example.com/a?b=c#d", "mailto:x@y.z", "urn:isbn:0451450523", "a+b-c.d:%20x", "http://[::1]:8080/p", "a:b#c?d/"],
                    ["//example.com", "/relative", "1http://x", "http://exa mple.com", "http://x/%zz", "", "a:b[c]", "a:b#c#d", "http://x/[::1]"]),
            "uri-reference": (["https://e.com", "/relative/path?q", "#frag", "", "../up"],
                              ["a b", "%g0", "<x>"]),
        ]
        for (name, samples) in cases {
            let dfa = try format(name)
            for text in samples.valid { XCTAssertTrue(dfa.matches(Array(text.utf8)), "\(name) should accept \(text)") }
            for text in samples.invalid { XCTAssertFalse(dfa.matches(Array(text.utf8)), "\(name) should reject \(text)") }
        }
    }

    #if canImport(Glibc)
    private func pton(_ family: Int32, _ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(family, text, &buffer) == 1
    }

    func testIPAddressesAgainstInetPton() throws {
        let ipv4 = try format("ipv4")
        let ipv6 = try format("ipv6")
        var rng = SeededGenerator(seed: 99)
        let octets = ["0", "1", "9", "10", "99", "100", "199", "249", "250", "255", "256", "300", "01", "00", "1000", ""]
        for _ in 0..<4_000 {
            let count = Int.random(in: 3...5, using: &rng)
            let text = (0..<count).map { _ in octets.randomElement(using: &rng)! }.joined(separator: ".")
            XCTAssertEqual(ipv4.matches(Array(text.utf8)), pton(AF_INET, text), text)
        }
        let groups = ["0", "1", "ff", "FFFF", "abcd", "12345", "g", "0000", "00000", "", "1.2.3.4", "255.255.255.255", "1.2.3"]
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...9, using: &rng)
            var text = (0..<count).map { _ in groups.randomElement(using: &rng)! }.joined(separator: ":")
            if Int.random(in: 0..<6, using: &rng) == 0 { text = "::" + text }
            if Int.random(in: 0..<6, using: &rng) == 0 { text += "::" }
            XCTAssertEqual(ipv6.matches(Array(text.utf8)), pton(AF_INET6, text), text)
        }
        for text in ["::", "::1", "1::", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.128", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4"] {
            XCTAssertTrue(ipv6.matches(Array(text.utf8)), text)
        }
        for text in [":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::1%eth0", "1:2:3:4:5:6:7:1.2.3.4"] {
            XCTAssertFalse(ipv6.matches(Array(text.utf8)), text)
        }
    }
    #endif
}
