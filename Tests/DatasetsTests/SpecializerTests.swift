import Components
import Foundation
import JSONSchema
import StructuredOutput
import XCTest

@testable import Datasets

/// The catalog narrowed to one dataset: what it lets through and what it stops.
final class SpecializerTests: XCTestCase {
    private func specialised() throws -> JSONValue {
        let d = try XCTUnwrap(try QueryTests.registry().dataset("sales"))
        return try SchemaSpecializer.specialize(JSONParser.parse(EmbeddedCatalog.text), for: [d])
    }

    private func errors(_ tree: String, _ schema: JSONValue) throws -> [String] {
        try SchemaValidator(schema: schema).validate(JSONParser.parse(tree)).map { $0.instancePointer.description }
    }

    func testAGroundedTreeIsValidAndTheSchemaCompiles() throws {
        let schema = try specialised()
        XCTAssertEqual(try errors(QueryTests.tree, schema), [])
        // Still valid against the published catalog: specialisation only narrows.
        XCTAssertEqual(try errors(QueryTests.tree, JSONParser.parse(EmbeddedCatalog.text)), [])
        XCTAssertNoThrow(try SchemaCompiler().compile(schema))
    }

    func testUnknownColumnsDatasetsAndInventedNumbersAreOutsideTheSchema() throws {
        let schema = try specialised()
        let cases = [
            ("\"field\":\"units\"},\"format\"", "\"field\":\"profit\"},\"format\""),                 // KPI measure of a column that does not exist
            ("\"dataset\":\"sales\",\"filter\":[],\"aggregate\"", "\"dataset\":\"other\",\"filter\":[],\"aggregate\""),  // unknown dataset
            ("\"field\":\"revenue\",\"type\":\"quantitative\"", "\"field\":\"region\",\"type\":\"quantitative\""),  // quantitative y on a category
            ("\"value\":{\"dataset\":\"sales\",\"filter\":[],\"aggregate\":\"sum\",\"field\":\"units\"}", "\"value\":117"),  // a literal KPI value
            ("\"groupBy\":[\"month\"]", "\"groupBy\":[\"quarter\"]"),
        ]
        for (from, to) in cases {
            let tree = QueryTests.tree.replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(tree, QueryTests.tree, from)
            XCTAssertFalse(try errors(tree, schema).isEmpty, "accepted: \(to)")
        }
        // Inline chart data is not allowed when answering from a dataset.
        let inline = QueryTests.tree.replacingOccurrences(
            of: "\"data\":{\"dataset\":\"sales\",\"filter\":[],\"groupBy\":[\"region\"],\"aggregate\":\"sum\",\"sort\":{\"field\":\"revenue\",\"order\":\"desc\"},\"limit\":null}",
            with: "\"data\":{\"columns\":[{\"name\":\"region\",\"type\":\"nominal\",\"label\":null,\"format\":null,\"unit\":null},{\"name\":\"revenue\",\"type\":\"quantitative\",\"label\":null,\"format\":null,\"unit\":null}],\"rows\":[[\"east\",1]]}")
        XCTAssertNotEqual(inline, QueryTests.tree)
        XCTAssertFalse(try errors(inline, schema).isEmpty)
        XCTAssertEqual(try errors(inline, JSONParser.parse(EmbeddedCatalog.text)), [])
    }

    func testEncodingBranchesFollowColumnTypes() throws {
        let schema = try specialised()
        let quantitative = try XCTUnwrap(schema["$defs"]?["QuantitativeEncoding"]?["properties"]?["field"]?["enum"]?.arrayValue)
        XCTAssertEqual(quantitative.compactMap(\.stringValue), ["units", "revenue"])
        let measure = try XCTUnwrap(schema["$defs"]?["MeasureRef"]?["properties"]?["field"]?["enum"]?.arrayValue)
        XCTAssertEqual(measure, [.string("units"), .string("revenue"), .null])
    }
}
