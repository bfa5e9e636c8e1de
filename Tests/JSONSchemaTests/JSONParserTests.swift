import XCTest
@testable import JSONSchema

final class JSONParserTests: XCTestCase {
    func testKeepsKeyOrderAndNumberText() throws {
        let v = try JSONParser.parse(#"{"z":1,"a":[1.50,2e3,-0],"m":{"k":"v"}}"#)
        XCTAssertEqual(v.objectValue?.keys, ["z", "a", "m"])
        XCTAssertEqual(JSONWriter().string(v), #"{"z":1,"a":[1.50,2e3,-0],"m":{"k":"v"}}"#)
        XCTAssertEqual(v["a"]?.arrayValue?[1].numberValue?.isInteger, true)
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
