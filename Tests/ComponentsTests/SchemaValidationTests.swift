import Foundation
import JSONSchema
import XCTest
@testable import Components

/// The examples and the schema agree: every example is valid against `Schemas/genui.schema.json`
/// (checked by `SchemaValidator`), and mutations the decoder rejects are rejected by the schema too.
final class SchemaValidationTests: XCTestCase {
    func validator() throws -> SchemaValidator {
        try SchemaValidator(schema: try JSONParser.parse(try Repo.read(Repo.bundle)))
    }

    func testEveryExampleValidatesAgainstTheBundle() throws {
        let v = try validator()
        for url in try Repo.exampleFiles() {
            let errors = v.validate(try JSONParser.parse(try Repo.read(url)))
            XCTAssertEqual(errors.map(\.description), [], url.lastPathComponent)
        }
    }

    func testSchemaAndDecoderRejectTheSameMutations() throws {
        let v = try validator()
        let base = try JSONParser.parse(try Repo.read(Repo.examples.appendingPathComponent("sales-performance.json")))
        let chart = "/root/children/1/children/0"
        let mutations: [(String, JSONValue?)] = [
            ("\(chart)/mark", .string("pie")),
            ("\(chart)/legend", nil),
            ("\(chart)/x/type", .string("time")),
            ("\(chart)/data/rows/0/2", .bool(true)),
            ("/root/children/0/items/0/type", .string("Text")),
            ("/root/children/0/items/0/span", .int(13)),
            ("/version", .string("2")),
        ]
        for (path, replacement) in mutations {
            let pointer = try XCTUnwrap(JSONPointer(parsing: path))
            let mutated = Self.set(base, pointer.tokens[...], replacement)
            XCTAssertFalse(v.isValid(mutated), "schema accepted \(path)")
            XCTAssertThrowsError(try Surface.decode(from: mutated), "decoder accepted \(path)")
        }
        XCTAssertTrue(v.isValid(base))
    }

    /// `doc` with the value at `path` replaced (or the member removed when `value` is nil).
    static func set(_ doc: JSONValue, _ path: ArraySlice<String>, _ value: JSONValue?) -> JSONValue {
        guard let head = path.first else { return value ?? .null }
        switch doc {
        case .object(var o):
            if path.count == 1, value == nil { o[head] = nil } else { o[head] = set(o[head] ?? .null, path.dropFirst(), value) }
            return .object(o)
        case .array(var a):
            guard let i = Int(head), a.indices.contains(i) else { return doc }
            a[i] = set(a[i], path.dropFirst(), value)
            return .array(a)
        default:
            return doc
        }
    }
}
