import JSONSchema
import XCTest
@testable import Inference

/// The tracker reports each container exactly when it closes, with the right pointer and range,
/// whatever the chunking of the stream.
final class StreamingJSONTrackerTests: XCTestCase {
    let text = #"{"a":[1,{"b":"x]}\"y"},[]],"c\/d":{"e":{}},"f":"{"}"#

    func expected() -> [(String, String)] {
        [("/a/1", #"{"b":"x]}\"y"}"#), ("/a/2", "[]"), ("/a", #"[1,{"b":"x]}\"y"},[]]"#),
         ("/c~1d/e", "{}"), ("/c~1d", #"{"e":{}}"#), ("", text)]
    }

    func run(chunks: [[UInt8]]) -> [(String, String)] {
        var tracker = StreamingJSONTracker()
        let bytes = Array(text.utf8)
        var out: [(String, String)] = []
        for chunk in chunks {
            for c in tracker.feed(chunk) {
                out.append((c.pointer.description, String(decoding: bytes[c.range], as: UTF8.self)))
            }
        }
        XCTAssertEqual(tracker.depth, 0)
        return out
    }

    func testWholeText() {
        let got = run(chunks: [Array(text.utf8)])
        XCTAssertEqual(got.map(\.0), expected().map(\.0))
        XCTAssertEqual(got.map(\.1), expected().map(\.1))
    }

    func testByteByByteAndRandomChunks() {
        let bytes = Array(text.utf8)
        XCTAssertEqual(run(chunks: bytes.map { [$0] }).map(\.1), expected().map(\.1))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var chunks: [[UInt8]] = [], i = 0
            while i < bytes.count {
                let n = Int.random(in: 1...7, using: &rng)
                chunks.append(Array(bytes[i..<min(bytes.count, i + n)]))
                i += n
            }
            XCTAssertEqual(run(chunks: chunks).map(\.0), expected().map(\.0))
        }
    }

    func testEveryClosedRangeParses() throws {
        let bytes = Array(text.utf8)
        var tracker = StreamingJSONTracker()
        for c in tracker.feed(bytes) {
            let value = try JSONParser().parse(Array(bytes[c.range]))
            let whole = try JSONParser().parse(bytes)
            XCTAssertEqual(c.pointer.resolve(in: whole), value, c.pointer.description)
        }
    }
}
