import XCTest

@testable import Rendering

final class FormattingTests: XCTestCase {
    private let m = "\u{2212}"

    func testNumberTokens() {
        XCTAssertEqual(ValueFormatter.format(1234567.891, .integer), "1,234,568")
        XCTAssertEqual(ValueFormatter.format(-1234.5, .integer), m + "1,235")
        XCTAssertEqual(ValueFormatter.format(1234.56, .decimal1), "1,234.6")
        XCTAssertEqual(ValueFormatter.format(0.005, .decimal2), "0.01")
        XCTAssertEqual(ValueFormatter.format(-0.001, .decimal2), "0.00")
        XCTAssertEqual(ValueFormatter.format(0.123, .percent0), "12%")
        XCTAssertEqual(ValueFormatter.format(0.1234, .percent1), "12.3%")
        XCTAssertEqual(ValueFormatter.format(-0.05, .percent1), m + "5.0%")
    }

    func testCompact() {
        XCTAssertEqual(ValueFormatter.format(950, .compact), "950")
        XCTAssertEqual(ValueFormatter.format(1234, .compact), "1.2K")
        XCTAssertEqual(ValueFormatter.format(999_960, .compact), "1M")
        XCTAssertEqual(ValueFormatter.format(34_500_000, .compact), "34.5M")
        XCTAssertEqual(ValueFormatter.format(-5_600_000_000, .compact), m + "5.6B")
        XCTAssertEqual(ValueFormatter.format(7.1e12, .compact), "7.1T")
        XCTAssertEqual(ValueFormatter.format(123_456, .compact), "123K")
    }

    func testCurrency() {
        XCTAssertEqual(ValueFormatter.format(1234.5, .currency0), "$1,235")
        XCTAssertEqual(ValueFormatter.format(1234.5, .currency2, currency: "EUR"), "€1,234.50")
        XCTAssertEqual(ValueFormatter.format(-99.999, .currency2, currency: "GBP"), m + "£100.00")
        XCTAssertEqual(ValueFormatter.format(1234.5, .currency2, currency: "JPY"), "¥1,235")
        XCTAssertEqual(ValueFormatter.format(10, .currency0, currency: "SEK"), "SEK\u{00A0}10")
        XCTAssertEqual(ValueFormatter.format(-0.001, .currency2), "$0.00")
        XCTAssertEqual(ValueFormatter.format(-0.4, .currency0), "$0")
        XCTAssertEqual(ValueFormatter.format(-0.5, .currency0), m + "$1")
        XCTAssertEqual(ValueFormatter.format(-0.4, .currency0, currency: "KRW"), "₩0")
        XCTAssertEqual(ValueFormatter.format(-.infinity, .currency0), m + "$∞")
        XCTAssertEqual(ValueFormatter.format(5, .currency2, currency: "usd"), "$5.00")
    }

    func testBytesAndDuration() {
        XCTAssertEqual(ValueFormatter.format(512, .bytes), "512 B")
        XCTAssertEqual(ValueFormatter.format(1536, .bytes), "1.5 KB")
        XCTAssertEqual(ValueFormatter.format(5.3e12, .bytes), "4.8 TB")
        XCTAssertEqual(ValueFormatter.format(0.25, .duration), "250ms")
        XCTAssertEqual(ValueFormatter.format(4.5, .duration), "4.5s")
        XCTAssertEqual(ValueFormatter.format(200, .duration), "3m 20s")
        XCTAssertEqual(ValueFormatter.format(7500, .duration), "2h 5m")
        XCTAssertEqual(ValueFormatter.format(3 * 86_400 + 4 * 3600, .duration), "3d 4h")
        XCTAssertEqual(ValueFormatter.format(-60, .duration), m + "1m")
    }

    func testAuto() {
        XCTAssertEqual(ValueFormatter.format(42, .auto), "42")
        XCTAssertEqual(ValueFormatter.format(12345, .auto), "12,345")
        XCTAssertEqual(ValueFormatter.format(3.14159, .auto), "3.14")
        XCTAssertEqual(ValueFormatter.format(0.001234, .auto), "0.00123")
        XCTAssertEqual(ValueFormatter.format(2_500_000, .auto), "2.5M")
        XCTAssertEqual(ValueFormatter.format(.nan, .auto), "–")
    }

    func testDates() {
        XCTAssertEqual(ValueFormatter.format("2024-03-05", .date), "Mar 5, 2024")
        XCTAssertEqual(ValueFormatter.format("2024-03-05", .month), "Mar 2024")
        XCTAssertEqual(ValueFormatter.format("2024-03-05", .year), "2024")
        XCTAssertEqual(ValueFormatter.format("2024-03-05T23:30:00-02:00", .datetime), "Mar 6, 2024, 01:30 UTC")
        XCTAssertEqual(ValueFormatter.format("2024-02", .auto), "Feb 2024")
        XCTAssertEqual(ValueFormatter.format("2024-Q3", .month), "Jul 2024")
        XCTAssertEqual(ValueFormatter.format("not a date", .date), "not a date")
        XCTAssertEqual(ValueFormatter.format(2024, .year), "2024")
        XCTAssertEqual(ValueFormatter.format(0, .date), "Jan 1, 1970")
        XCTAssertEqual(ValueFormatter.format("12.5", .percent0), "1,250%")
    }

    func testISO8601Parser() throws {
        XCTAssertEqual(ISO8601.parse("1970-01-01")?.epochSeconds, 0)
        XCTAssertEqual(ISO8601.parse("2000-02-29T12:00Z")?.epochSeconds, 951_825_600)
        XCTAssertEqual(ISO8601.parse("2024-01-01T00:00:00.5+01:00")?.epochSeconds, 1_704_063_600.5)
        XCTAssertEqual(ISO8601.parse("2024")?.precision, .year)
        XCTAssertEqual(ISO8601.parse("2024-06")?.precision, .month)
        XCTAssertEqual(ISO8601.parse("2024-06-01T10:00")?.precision, .minute)
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-01T25:00", "2024-01-01X", "", "2024-01-01T10:00+"] {
            XCTAssertNil(ISO8601.parse(bad), bad)
        }
    }

    func testColumnReaderMatchesParse() {
        // Runs of days within a month, month and year ends, leap days, days past a month's end
        // right after a valid day of that month, and text that only looks like a day.
        var texts: [String] = []
        for (y, m) in [(2023, 1), (2023, 2), (2024, 2), (2024, 12), (2025, 1), (1900, 2), (2000, 2)] {
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            for d in 1...32 { texts.append("\(y)-\(two(m))-\(two(d))") }
        }
        texts += ["2024-02-29", "2024-02-3x", "2024-02-1", "2024-02-10 ", "2024-02-11", "2024-02-00", "2024-02-11T10:00Z",
                  "2024-02-12", "2024-02", "2024", "2024-02-13", "not a date", "2024-02-14"]
        var reader = ISO8601.ColumnReader()
        for text in texts {
            let expected = ISO8601.parse(text), read = reader.parse(text)
            XCTAssertEqual(read?.epochSeconds, expected?.epochSeconds, text)
            XCTAssertEqual(read?.precision, expected?.precision, text)
            XCTAssertEqual(read?.hasOffset, expected?.hasOffset, text)
        }
    }

    func testCivilDateRoundTrip() {
        for days in [-719_468, -1, 0, 59, 11_016, 19_782, 2_932_896] {
            let (y, m, d) = CivilDate.fromDays(days)
            XCTAssertEqual(CivilDate.days(year: y, month: m, day: d), days)
        }
        XCTAssertEqual(CivilDate(epochSeconds: 1_709_596_800).month, 3)
        XCTAssertEqual(CivilDate(epochSeconds: -1).year, 1969)
    }

    func testSVGNumbersAreRoundedToTwoDecimals() {
        XCTAssertEqual(svgNumber(1.0499999999999972), "1.05")
        XCTAssertEqual(svgNumber(-0.001), "0")
        XCTAssertEqual(svgNumber(12), "12")
        XCTAssertEqual(svgNumber(3.1), "3.1")
        XCTAssertEqual(svgNumber(-2.345), "-2.35")
        XCTAssertEqual(svgNumber(0.07), "0.07")
        XCTAssertEqual(svgNumber(.nan), "0")
    }

    func testWriterNumbersMatchSVGNumber() {
        for v in [0, -0.001, 1.0499999999999972, 12, 3.1, -2.345, 0.07, 1e9 + 0.125, -1234.5, .nan, .infinity, 99.995] {
            var w = HTMLWriter()
            w.beginOpen(.rect); w.number(.x, v); w.finishOpen(); w.close(.rect)
            XCTAssertEqual(w.html.string, "<rect x=\"\(svgNumber(v))\"></rect>", "\(v)")
        }
    }

    func testEveryTokenIsCovered() {
        for token in FormatToken.allCases {
            XCTAssertFalse(ValueFormatter.format(1_700_000_000, token).isEmpty, token.rawValue)
        }
    }
}
