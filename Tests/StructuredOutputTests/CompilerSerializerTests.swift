import JSONSchema
import XCTest
@testable import StructuredOutput

final class CompilerSerializerTests: XCTestCase {
    func serialize(_ schema: String, _ instance: String) throws -> String {
        try InstanceSerializer(schema: try JSONParser.parse(schema)).string(try JSONParser.parse(instance))
    }

    func testSchemaOrderThenDocumentOrder() throws {
        let schema = #"{"properties":{"b":{},"a":{"properties":{"y":{},"x":{}}}},"required":["c"]}"#
        XCTAssertEqual(try serialize(schema, #"{"z":1, "a":{"x":1,"y":2}, "c":3, "b":[1.0]}"#), #"{"b":[1],"a":{"y":2,"x":1},"c":3,"z":1}"#)
    }

    func testFollowsRefAllOfAndBestAnyOfBranch() throws {
        let schema = ##"""
        {"$defs":{"base":{"properties":{"id":{},"kind":{}}}},
         "allOf":[{"$ref":"#/$defs/base"}],
         "anyOf":[{"properties":{"kind":{"const":"a"},"q":{},"p":{}}},{"properties":{"kind":{"const":"b"},"s":{},"r":{}}}]}
        """##
        XCTAssertEqual(try serialize(schema, #"{"r":1,"s":2,"kind":"b","id":0}"#), #"{"id":0,"kind":"b","s":2,"r":1}"#)
        XCTAssertEqual(try serialize(schema, #"{"p":1,"q":2,"kind":"a","id":0}"#), #"{"id":0,"kind":"a","q":2,"p":1}"#)
    }

    func testNumbersAndDraft04() throws {
        XCTAssertEqual(try serialize("{}", "[1e-6,2.50,1E2,-0.0,3]"), "[0.000001,2.5,100,0,3]")
        XCTAssertEqual(try serialize(#"{"$schema":"http://json-schema.org/draft-04/schema#"}"#, "[1e-6,2.0,1E2]"), "[0.000001,2.0,1E2]")
    }

    func testPrinterDumpsRules() throws {
        let f = try CompiledFixture(#"{"type":"array","items":{"type":"integer"},"maxItems":3}"#)
        let text = GrammarPrinter.dump(f.compiled.grammar)
        XCTAssertTrue(text.hasPrefix("start = R0\n"))
        XCTAssertTrue(text.contains("'['"))
        XCTAssertTrue(text.contains("..3 items"))
    }
}
