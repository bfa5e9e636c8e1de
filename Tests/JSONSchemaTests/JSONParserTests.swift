import XCTest
@testable import JSONSchema

final class JSONParserTests: XCTestCase {
    func testKeepsKeyOrderAndNumberText() throws {
        let v = try JSONParser.parse(#"{"z":1,"a":[1.50,2e3,-0],"m":{"k":"v"}}"#)
        XCTAssertEqual(v.objectValue?.keys, ["z", "a", "m"])
        XCTAssertEqual(JSONWriter().string(v), #"{"z":1,"a":[1.50,2e3,-0],"m":{"k":"v"}}"#)
        XCTAssertEqual(v["a"]?.arrayValue?[1].numberValue?.isInteger, true)
    }

    /// Objects keep first-appearance order, let a repeated key replace the value in place, compare
    /// and hash without regard to order, and behave the same below and above the size where
    /// lookups switch from a scan to a table.
    func testObjectMembersBelowAndAboveTheIndexedSize() throws {
        for size in [3, JSONObject.indexedCount, JSONObject.indexedCount + 1, 40] {
            var o = JSONObject()
            for i in 0..<size { o["k\(i)"] = .string("v\(i)") }
            o["k0"] = .bool(true)  // replaced in place
            XCTAssertEqual(o.keys, (0..<size).map { "k\($0)" })
            XCTAssertEqual(o["k0"], .bool(true))
            XCTAssertEqual(o["k\(size - 1)"], .string("v\(size - 1)"))
            XCTAssertNil(o["missing"])
            var reversed = JSONObject()
            for (k, v) in o.reversed() { reversed[k] = v }
            XCTAssertEqual(o, reversed)
            XCTAssertEqual(o.hashValue, reversed.hashValue)
            reversed["k1"] = .null
            XCTAssertNotEqual(o, reversed)
            o["k1"] = nil
            XCTAssertEqual(o.count, size - 1)
            XCTAssertNil(o["k1"])
            XCTAssertEqual(o["k2"] ?? .null, size > 2 ? .string("v2") : .null)
            XCTAssertEqual(o.map(\.key), (0..<size).filter { $0 != 1 }.map { "k\($0)" })
        }
        let parsed = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        XCTAssertEqual(parsed.objectValue?.keys, ["a", "b"])
        XCTAssertEqual(JSONWriter().string(parsed), #"{"a":3,"b":2}"#)
    }

    func testNumbersCompareByValue() throws {
        XCTAssertEqual(try JSONParser.parse("1.0"), try JSONParser.parse("1"))
        XCTAssertNotEqual(try JSONParser.parse("1.5"), try JSONParser.parse("1"))
    }

    func testEscapesAndSurrogates() throws {
        let v = try JSONParser.parse(#""a\"b\\c\n\u00e9\ud83d\ude00""#)
        XCTAssertEqual(v.stringValue, "a\"b\\c\né😀")
        XCTAssertEqual(JSONWriter().string(v), "\"a\\\"b\\\\c\\né😀\"")
    }

    func testErrorsCarryLineAndColumn() {
        for (text, line, col) in [("{\n  \"a\": tru }", 2, 8), ("[1,]", 1, 4), ("{\"a\" 1}", 1, 6), ("01", 1, 1), ("\"abc", 1, 1), ("[1] x", 1, 5)] {
            XCTAssertThrowsError(try JSONParser.parse(text), text) { e in
                let err = e as! JSONParseError
                XCTAssertEqual(err.line, line, "\(text): \(err)")
                XCTAssertEqual(err.column, col, "\(text): \(err)")
            }
        }
    }

    func testDepthLimit() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertThrowsError(try JSONParser.parse(deep))
        XCTAssertNoThrow(try JSONParser.parse(deep, maxDepth: 700))
    }

    func testInvalidUTF8() {
        XCTAssertThrowsError(try JSONParser.parse(bytes: [0x22, 0xC3, 0x28, 0x22]))
    }

    func testPointer() throws {
        let doc = try JSONParser.parse(#"{"a/b":[{"~k":3}]}"#)
        let p = try XCTUnwrap(JSONPointer(parsing: "/a~1b/0/~0k"))
        XCTAssertEqual(p.resolve(in: doc), .int(3))
        XCTAssertEqual(p.description, "/a~1b/0/~0k")
        XCTAssertEqual(JSONPointer(parsing: "#/a~1b/0")?.tokens, ["a/b", "0"])
    }
}
