import JSONSchema
import XCTest
@testable import StructuredOutput

final class CompilerRecursionTests: XCTestCase {
    static let componentTree = ##"""
    {"$defs":{"component":{"type":"object","properties":{
        "type":{"enum":["card","text","row"]},
        "title":{"type":"string","maxLength":20},
        "children":{"type":"array","items":{"$ref":"#/$defs/component"},"maxItems":4}},
      "required":["type"],"additionalProperties":false}},
     "$ref":"#/$defs/component"}
    """##

    func testComponentTreeWithChildren() throws {
        let f = try CompiledFixture(Self.componentTree)
        f.check(valid: [#"{"type":"card"}"#,
                        #"{"type":"row","children":[{"type":"card","title":"A","children":[{"type":"text"}]},{"type":"text"}]}"#,
                        #"{"type":"row","children":[{"type":"row","children":[{"type":"row","children":[{"type":"row","children":[]}]}]}]}"#],
                invalid: [#"{"type":"row","children":[{"type":"chart"}]}"#,
                          #"{"type":"row","children":[{"title":"x"}]}"#,
                          #"{"type":"row","children":[{"type":"text"},{"type":"text"},{"type":"text"},{"type":"text"},{"type":"text"}]}"#,
                          #"{"type":"row","children":[{"type":"text","extra":1}]}"#])
        // One rule per resolved location: the grammar stays small however deep instances nest.
        XCTAssertLessThan(f.compiled.stats.rules, 20)
    }

    func testSelfReferenceThroughRoot() throws {
        let f = try CompiledFixture(##"{"type":"object","properties":{"next":{"$ref":"#"},"v":{"type":"integer"}},"additionalProperties":false}"##)
        f.check(valid: ["{}", #"{"next":{"next":{"v":1}}}"#], invalid: [#"{"next":{"next":{"v":"x"}}}"#, #"{"next":1}"#])
    }

    func testMutualRecursionAndDraft07Definitions() throws {
        let f = try CompiledFixture(##"""
        {"$schema":"http://json-schema.org/draft-07/schema#",
         "definitions":{"a":{"type":"array","items":{"$ref":"#/definitions/b"}},
                        "b":{"anyOf":[{"type":"integer"},{"$ref":"#/definitions/a"}]}},
         "$ref":"#/definitions/a"}
        """##)
        f.check(valid: ["[]", "[1,[2,[3,[]]]]"], invalid: ["[\"x\"]", "[[1],[\"y\"]]"])
    }

    func testRecursionThroughAllOfOfRefs() throws {
        let f = try CompiledFixture(##"""
        {"$defs":{"leaf":{"type":"object"},
                  "node":{"type":"object","properties":{"next":{"allOf":[{"$ref":"#/$defs/node"},{"$ref":"#/$defs/leaf"}]},"v":{"type":"integer"}},
                          "additionalProperties":false}},
         "$ref":"#/$defs/node"}
        """##)
        f.check(valid: ["{}", #"{"next":{"next":{"v":2}},"v":1}"#], invalid: [#"{"next":{"v":"x"}}"#, #"{"next":1}"#])
    }

    func testRecursiveAllOfFailsCleanly() {
        assertCompileError(##"{"$defs":{"x":{"allOf":[{"$ref":"#/$defs/x"}],"type":"object"}},"$ref":"#/$defs/x"}"##, mentions: "deeper")
    }
}
