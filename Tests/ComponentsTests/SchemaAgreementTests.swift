import Foundation
import JSONSchema
import XCTest
@testable import Components

/// The Swift types and the JSON Schema must describe the same keys in the same order.
final class SchemaAgreementTests: XCTestCase {
    func testComponentKeysMatchSchemaProperties() throws {
        let bundle = try JSONParser.parse(try Repo.read(Repo.bundle))
        let types: [any Component.Type] = [Dashboard.self] + Node.componentTypes
        for t in types {
            let props = bundle["$defs"]?[t.typeName]?["properties"]?.objectValue
            XCTAssertEqual(props?.keys, t.keys, t.typeName)
            XCTAssertEqual(props?["type"]?["enum"], .array([.string(t.typeName)]), t.typeName)
        }
    }

    func testEnumsMatchSchema() throws {
        let bundle = try JSONParser.parse(try Repo.read(Repo.bundle))
        func values(_ p: String) -> [String] {
            (JSONPointer(parsing: p)?.resolve(in: bundle)?.arrayValue ?? []).compactMap(\.stringValue)
        }
        XCTAssertEqual(values("/$defs/Tone/enum"), Tone.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Format/enum"), Format.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/FieldType/enum"), FieldType.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Chart/properties/mark/enum"), Chart.Mark.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Chart/properties/stack/enum"), Chart.Stacking.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Chart/properties/legend/enum"), Chart.Legend.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Encoding/properties/aggregate/enum"), Encoding.Aggregate.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Scale/properties/type/enum"), Scale.Kind.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/TableColumn/properties/type/enum"), TableColumn.ColumnType.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/TableColumn/properties/align/enum"), TableColumn.Align.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/TableTotal/properties/agg/enum"), TableTotal.Aggregate.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/KPIDelta/properties/kind/enum"), KPIDelta.Kind.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/KPIDelta/properties/goodDirection/enum"), KPIDelta.GoodDirection.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Annotation/properties/kind/enum"), Annotation.Kind.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Image/properties/aspect/enum"), ImageAspect.allCases.map(\.rawValue))
        XCTAssertEqual(values("/$defs/Stack/properties/align/enum"), StackAlign.allCases.map(\.rawValue))
    }
}
