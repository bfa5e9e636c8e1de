import JSONSchema
import XCTest
@testable import StructuredOutput

/// Helpers shared by the compiler tests: compile a schema from JSON text and check documents with
/// the `ReferenceRecognizer` oracle.
struct CompiledFixture {
    let compiled: CompiledSchema
    let schema: JSONValue

    init(_ schemaText: String, options: CompileOptions = CompileOptions(), file: StaticString = #filePath, line: UInt = #line) throws {
        schema = try JSONParser.parse(schemaText)
        compiled = try SchemaCompiler(options: options).compile(schema)
    }

    func accepts(_ text: String) -> Bool { ReferenceRecognizer.accepts(grammar: compiled.grammar, text: text) }

    /// Asserts every text in `valid` is accepted and every text in `invalid` rejected.
    func check(valid: [String], invalid: [String], file: StaticString = #filePath, line: UInt = #line) {
        for v in valid { XCTAssertTrue(accepts(v), "should accept \(v)", file: file, line: line) }
        for v in invalid { XCTAssertFalse(accepts(v), "should reject \(v)", file: file, line: line) }
    }
}

/// Asserts the schema fails to compile with an error whose message mentions `keyword`, and returns it.
@discardableResult
func assertCompileError(_ schemaText: String, mentions keyword: String, options: CompileOptions = CompileOptions(),
                        file: StaticString = #filePath, line: UInt = #line) -> SchemaError? {
    do {
        let schema = try JSONParser.parse(schemaText)
        _ = try SchemaCompiler(options: options).compile(schema)
        XCTFail("expected a compile error mentioning \(keyword)", file: file, line: line)
    } catch let error as SchemaError {
        XCTAssertTrue(error.message.contains(keyword) || error.pointer.description.contains(keyword),
                      "error \(error) should mention \(keyword)", file: file, line: line)
        return error
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
    return nil
}
