import Components
import XCTest

@testable import Rendering

/// The byte-level writers behind every page: `ByteBuffer`, the escaping scan, and the
/// right-to-left number spellings, each checked against a plain reference written the slow way.
final class ByteWritingTests: XCTestCase {
    func testBufferCopiesEveryLengthExactly() {
        let source = (0..<64).map { UInt8(0x21 + $0) }
        for length in 0...source.count {
            var buffer = ByteBuffer(capacity: 1)  // grows on the way
            buffer.append(0x7C)
            source.withUnsafeBufferPointer { buffer.append(UnsafeBufferPointer(rebasing: $0[..<length])) }
            buffer.append(0x7C)
            XCTAssertEqual(buffer.array, [0x7C] + source[..<length] + [0x7C], "length \(length)")
        }
    }

    func testBufferIsAValue() {
        var a = ByteBuffer(capacity: 4)
        a.append("shared")
        var b = a
        b.append(" b")
        a.append(" a")
        XCTAssertEqual(a.string, "shared a")
        XCTAssertEqual(b.string, "shared b")
        let c = a
        a.write(upTo: 8) { room in
            room[0] = 0x21
            return 1
        }
        XCTAssertEqual(a.string, "shared a!")
        XCTAssertEqual(c.string, "shared a")
    }

    /// Copies share a block, and the copy that wrote last appends in place: every other copy,
    /// and every rewrite of written bytes, must move to a block of its own first.
    func testBufferCopiesThatWriteInTurnKeepTheirOwnBytes() {
        var a = ByteBuffer(capacity: 64)
        a.append("abc")
        let snapshot = a
        a.append("def")  // in place: the snapshot still reads "abc"
        var b = a
        b.append("X")  // in place again: `a` no longer wrote last
        a.append("Y")  // moves out
        b.append("Z")
        XCTAssertEqual(snapshot.string, "abc")
        XCTAssertEqual(a.string, "abcdefY")
        XCTAssertEqual(b.string, "abcdefXZ")

        var c = b
        c.truncate(to: 2)  // shared: truncating must not free room that `b` still reads
        c.append("!")
        XCTAssertEqual(c.string, "ab!")
        XCTAssertEqual(b.string, "abcdefXZ")
        b.append("1")
        XCTAssertEqual(b.string, "abcdefXZ1")

        var d = b
        "__".utf8.withContiguousStorageIfAvailable { d.replaceSubrange(0..<1, with: $0) }
        XCTAssertEqual(d.string, "__bcdefXZ1")
        XCTAssertEqual(b.string, "abcdefXZ1")
        b.truncate(to: 1)
        b.append("2")
        XCTAssertEqual(b.string, "a2")
        XCTAssertEqual(d.string, "__bcdefXZ1")
    }

    func testBufferWritesIntoAGivenBlockUntilItOutgrowsIt() {
        var block = [UInt8](repeating: 0, count: 16)
        block.withUnsafeMutableBufferPointer { block in
            var buffer = ByteBuffer(writingInto: block)
            buffer.append("0123456789")
            XCTAssertTrue(buffer.isWritten(in: block))
            XCTAssertEqual(Array(block[..<10]), Array("0123456789".utf8))
            buffer.append("abcdefghij")  // past the block: moves to a block of its own
            XCTAssertFalse(buffer.isWritten(in: block))
            XCTAssertEqual(buffer.string, "0123456789abcdefghij")
        }
    }

    /// A page is written into the returned array when it fits the estimate, and copied out of
    /// the writer when it does not; both are the shell around the same body.
    func testPageIsTheSameWhetherItFitsItsEstimateOrNot() {
        let renderer = HTMLRenderer()
        for pairs in [50, 9500] {  // six texts of 19,000 characters outgrow the 64 KB estimate
            let texts = (0..<6).map { Node.text(Text(id: "t\($0)", text: String(repeating: "x<", count: pairs))) }
            let surface = Surface(title: "Big", answer: nil, root: Dashboard(id: "d", title: "Big", subtitle: nil, asOf: nil, children: texts))
            let body = SafeHTML(bytes: Array(renderer.renderFragment(surface).utf8))
            let page = renderer.renderPageUTF8(surface)
            XCTAssertEqual(page, PageTemplate.document(title: surface.title, body: body), "texts of \(2 * pairs) characters")
            XCTAssertEqual(page.count > HTMLRenderer.estimatedBytes(surface), pairs > 50, "which path the page took")
        }
    }

    func testEscapingScanFindsACharacterAtEveryPosition() {
        let specials: [(String, String)] = [("<", "&lt;"), ("&", "&amp;"), ("\"", "&quot;"), ("'", "&#39;"), (">", "&gt;"),
                                            ("\u{7}", ""), ("\u{7F}", ""), ("\u{85}", ""), ("\u{202E}", ""), ("é", "é"), ("→", "→")]
        for length in 1...20 {
            for position in 0..<length {
                for (special, escaped) in specials {
                    let before = String(repeating: "a", count: position), after = String(repeating: "b", count: length - position - 1)
                    XCTAssertEqual(Escaping.escape(before + special + after), before + escaped + after, "\(special.debugDescription) at \(position) of \(length)")
                }
            }
            let plain = String(repeating: "x", count: length)
            XCTAssertEqual(Escaping.escape(plain), plain)
        }
    }

    func testFixedMatchesAReferenceSpelling() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            let magnitude = NumberText.pow10(Int(random.next() * 10)) * random.next()
            let value = random.next() < 0.3 ? -magnitude : magnitude
            for decimals in 0...4 {
                for trim in [false, true] {
                    XCTAssertEqual(NumberText.fixed(value, decimals: decimals, trim: trim), referenceFixed(value, decimals: decimals, trim: trim),
                                   "\(value) to \(decimals) decimals, trim \(trim)")
                }
            }
            XCTAssertEqual(svgNumber(value), referenceSVGNumber(value), "\(value)")
        }
        // Where the below-1,000 path hands over to the grouped one, and rounding ties.
        let edges: [Double] = [999.994, 999.995, 999.949, 999.95, 999.49, 999.5, 1000, 0.5, 0.05, 0.005, 0.004, 0.125, 2.5, 99.995, 9.995,
                               0, -0.0, 1e-300]
        for edge in edges {
            for value in [edge, -edge, edge.nextUp, edge.nextDown] {
                for decimals in 0...3 {
                    for trim in [false, true] {
                        XCTAssertEqual(NumberText.fixed(value, decimals: decimals, trim: trim), referenceFixed(value, decimals: decimals, trim: trim),
                                       "\(value) to \(decimals) decimals, trim \(trim)")
                    }
                }
            }
        }
        XCTAssertEqual(NumberText.fixed(-.nan, decimals: 1), "–")
        XCTAssertEqual(NumberText.fixed(-.infinity, decimals: 2), "\u{2212}∞")
        XCTAssertEqual(NumberText.fixed(8_999_999_999_999.5, decimals: 2), "8,999,999,999,999.50")
        XCTAssertEqual(svgNumber(-12_345_678_901.25), "-12345678901.25")
        XCTAssertEqual(svgNumber(80_000_000_000_000), "80000000000000")
    }

    /// `fixed` the slow way: rounded half away from zero, grouped, trimmed, U+2212 for minus.
    private func referenceFixed(_ value: Double, decimals: Int, trim: Bool) -> String {
        let units = Int64((abs(value) * NumberText.pow10(decimals)).rounded())
        var whole = String(units / Int64(NumberText.pow10(decimals)))
        var grouped = ""
        while whole.count > 3 { grouped = "," + whole.suffix(3) + grouped; whole.removeLast(3) }
        grouped = whole + grouped
        var fraction = decimals == 0 ? "" : String(units % Int64(NumberText.pow10(decimals)))
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        if trim { while fraction.hasSuffix("0") { fraction.removeLast() } }
        return (value < 0 && units != 0 ? "\u{2212}" : "") + grouped + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `svgNumber` the slow way: hundredths, no trailing zeros, `-` for minus, `0` for zero.
    private func referenceSVGNumber(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        if hundredths == 0 { return "0" }
        var fraction = String(abs(hundredths) % 100)
        if fraction.count == 1 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (hundredths < 0 ? "-" : "") + String(abs(hundredths) / 100) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
