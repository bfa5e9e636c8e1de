import JSONSchema
import XCTest
@testable import StructuredOutput

final class CompilerKeywordTests: XCTestCase {
    func testTypesAndUnions() throws {
        try CompiledFixture(#"{"type":"integer"}"#).check(valid: ["0", "-12", "7"], invalid: ["1.5", "01", "\"1\"", "", "1e3"])
        try CompiledFixture(#"{"type":"number"}"#).check(valid: ["0", "-1.5e+3", "2E-7", "0.0"], invalid: ["-", ".5", "1.", "+1", "NaN"])
        try CompiledFixture(#"{"type":["string","null"]}"#).check(valid: ["null", "\"x\""], invalid: ["1", "true", "nul"])
        try CompiledFixture(#"{"type":"boolean"}"#).check(valid: ["true", "false"], invalid: ["True", "0", "truefalse"])
        try CompiledFixture("true").check(valid: ["{\"a\":[1,{\"b\":null}]}", "\"s\"", "[]", "{}", "-0.5"], invalid: ["{a:1}", "[1,]", "{\"a\"}"])
        try CompiledFixture("false").check(valid: [], invalid: ["null", "{}", ""])
        try CompiledFixture("{}").check(valid: ["[[[]]]", "{\"x\":{}}"], invalid: ["[", "}"])
    }

    func testStringEscapesAndUTF8() throws {
        let f = try CompiledFixture(#"{"type":"string"}"#)
        f.check(valid: [#""""#, #""a\"b""#, #""\u00e9\n\t\/""#, #""\ud83d\ude00""#, "\"é😀\""],
                invalid: [#""\x""#, #""\ud83d""#, #""\ude00""#, "\"a\nb\"", #""abc"#, #""\u12g4""#])
        XCTAssertFalse(ReferenceRecognizer.accepts(grammar: f.compiled.grammar, bytes: [0x22, 0xC0, 0xAF, 0x22]), "overlong UTF-8")
        XCTAssertFalse(ReferenceRecognizer.accepts(grammar: f.compiled.grammar, bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]), "UTF-8 surrogate")
    }

    func testStringLengthCountsCharacters() throws {
        let f = try CompiledFixture(#"{"type":"string","minLength":2,"maxLength":3}"#)
        f.check(valid: [#""ab""#, #""abc""#, "\"é😀\"", #""\u00e9\ud83d\ude00x""#, #""\n\"""#],
                invalid: [#""a""#, #""abcd""#, #""""#, "\"😀\"", #""\ud83d\ude00""#])
        try CompiledFixture(#"{"type":"string","maxLength":0}"#).check(valid: [#""""#], invalid: [#""a""#])
        try CompiledFixture(#"{"type":"string","minLength":1}"#).check(valid: [#""a""#], invalid: [#""""#])
    }

    func testEnumAndConst() throws {
        try CompiledFixture(#"{"enum":["red","green",3,null,{"b":1,"a":[true]}]}"#)
            .check(valid: [#""red""#, #""green""#, "3", "null", #"{"b":1,"a":[true]}"#], invalid: [#""blue""#, "4", #"{"a":[true],"b":1}"#, #""gree""#])
        try CompiledFixture(#"{"const":{"x":"y"}}"#).check(valid: [#"{"x":"y"}"#], invalid: ["{}", #"{"x":"z"}"#])
        // Siblings filter the literals.
        try CompiledFixture(#"{"type":"string","enum":["a","bb",1],"maxLength":1}"#).check(valid: [#""a""#], invalid: [#""bb""#, "1"])
    }

    func testObjectsRequiredOptionalAndCommas() throws {
        let f = try CompiledFixture(#"""
        {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"},"c":{"type":"boolean"}},
         "required":["b"],"additionalProperties":false}
        """#)
        f.check(valid: [#"{"b":"x"}"#, #"{"a":1,"b":"x"}"#, #"{"b":"x","c":true}"#, #"{"a":1,"b":"x","c":false}"#],
                invalid: ["{}", #"{"a":1}"#, #"{"b":"x",}"#, #"{,"b":"x"}"#, #"{"b":"x","a":1}"#, #"{"b":"x","d":1}"#, #"{"a":1"b":"x"}"#])
    }

    func testAdditionalPropertiesForms() throws {
        let open = try CompiledFixture(#"{"type":"object","properties":{"a":{"type":"integer"}}}"#)
        open.check(valid: ["{}", #"{"a":1}"#, #"{"a":1,"z":[1]}"#, #"{"z":"q","y":null}"#],
                   invalid: [#"{"a":"x"}"#, #"{"z":1,"a":"no"}"#, #"{"\u0061":"x"}"#])
        let typed = try CompiledFixture(#"{"type":"object","properties":{"a":{}},"additionalProperties":{"type":"string"}}"#)
        typed.check(valid: [#"{"a":1,"x":"s","y":"t"}"#, #"{"x":"s"}"#], invalid: [#"{"x":1}"#, #"{"a":1,"x":2}"#])
        let patterns = try CompiledFixture(#"{"type":"object","patternProperties":{"^n_":{"type":"number"},"^s_":{"type":"string"}},"additionalProperties":false}"#)
        patterns.check(valid: [#"{"n_1":2,"s_x":"v"}"#, "{}"], invalid: [#"{"n_1":"v"}"#, #"{"other":1}"#])
    }

    /// Patterns whose schema is the additional one fold away (no key-set product): every undeclared
    /// key, matching or not, gets that schema; declared names still get the patterns' schemas merged.
    func testPatternPropertiesFoldingIntoAdditional() throws {
        let free = try CompiledFixture(#"{"type":"object","patternProperties":{"^.{1,255}$":{}}}"#)
        free.check(valid: [#"{"a":1}"#, #"{"":[],"\n":null}"#, #"{"\u2028x":"s","\#(String(repeating: "k", count: 300))":{}}"#, "{}"],
                   invalid: [#"{"a":}"#, #"{"a":1,}"#])
        let typed = try CompiledFixture(#"{"type":"object","properties":{"n_a":{"minimum":0}},"patternProperties":{"^n_":{"type":"number"},"x":{"type":"number"}},"additionalProperties":{"type":"number"}}"#)
        typed.check(valid: [#"{"n_a":1,"n_b":-2,"q":3,"x\n":4}"#, #"{"z":5}"#, "{}"],
                    invalid: [#"{"n_a":-1}"#, #"{"n_a":"s"}"#, #"{"q":"s"}"#, #"{"n_b":null}"#])
        let closed = try CompiledFixture(#"{"type":"object","properties":{"a":{}},"patternProperties":{"^b":false},"additionalProperties":false}"#)
        closed.check(valid: [#"{"a":1}"#, "{}"], invalid: [#"{"b":1}"#, #"{"c":1}"#])
        func folds(_ patterns: String, _ additional: JSONValue) throws -> Bool {
            CompilerContext.patternsFoldIntoAdditional(try XCTUnwrap(try JSONParser.parse(patterns).objectValue), additional)
        }
        XCTAssertTrue(try folds(#"{"p":{}}"#, .bool(true)))
        XCTAssertTrue(try folds(#"{"p":true}"#, .object(JSONObject())))
        XCTAssertFalse(try folds(#"{"p":true,"q":false}"#, .bool(true)))
        XCTAssertFalse(try folds("{}", .bool(true)))
    }

    func testRequiredOnlyNamesAndPropertyCounts() throws {
        try CompiledFixture(#"{"type":"object","required":["id"],"additionalProperties":{"type":"integer"}}"#)
            .check(valid: [#"{"id":1}"#, #"{"id":1,"x":2}"#], invalid: ["{}", #"{"x":2}"#, #"{"id":"s"}"#])
        let counted = try CompiledFixture(#"{"type":"object","properties":{"a":{},"b":{},"c":{}},"minProperties":2,"maxProperties":3,"additionalProperties":{"type":"null"}}"#)
        counted.check(valid: [#"{"a":1,"c":2}"#, #"{"a":1,"b":2,"c":3}"#, #"{"a":1,"x":null}"#, #"{"x":null,"y":null,"z":null}"#],
                      invalid: [#"{"a":1}"#, "{}", #"{"a":1,"b":2,"c":3,"x":null}"#, #"{"w":null,"x":null,"y":null,"z":null}"#])
    }

    func testArrays() throws {
        try CompiledFixture(#"{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":3}"#)
            .check(valid: ["[1]", "[1,2,3]"], invalid: ["[]", "[1,2,3,4]", "[1,]", "[\"a\"]", "[,1]"])
        try CompiledFixture(#"{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],"items":false}"#)
            .check(valid: ["[]", "[\"a\"]", "[\"a\",1]"], invalid: ["[1]", "[\"a\",1,2]"])
        try CompiledFixture(#"{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","items":[{"type":"string"}],"additionalItems":{"type":"null"},"minItems":2}"#)
            .check(valid: ["[\"a\",null]", "[\"a\",null,null]"], invalid: ["[\"a\"]", "[\"a\",1]"])
        try CompiledFixture(#"{"type":"array","maxItems":1000000000}"#).check(valid: ["[]", "[1,\"x\"]"], invalid: ["[1 2]"])
    }

    func testCombinators() throws {
        try CompiledFixture(#"{"anyOf":[{"type":"string","maxLength":1},{"type":"integer"}]}"#)
            .check(valid: [#""a""#, "5"], invalid: [#""ab""#, "1.5"])
        try CompiledFixture(#"{"oneOf":[{"type":"string"},{"type":"null"}]}"#).check(valid: ["null", #""x""#], invalid: ["1"])
        try CompiledFixture(#"""
        {"oneOf":[{"type":"object","properties":{"kind":{"const":"a"},"x":{"type":"integer"}},"required":["kind"]},
                  {"type":"object","properties":{"kind":{"const":"b"},"y":{"type":"string"}},"required":["kind"]}]}
        """#).check(valid: [#"{"kind":"a","x":1}"#, #"{"kind":"b","y":"s"}"#], invalid: [#"{"kind":"c"}"#, #"{"kind":"a","x":"s"}"#])
        assertCompileError(#"{"oneOf":[{"type":"integer"},{"type":"number"}]}"#, mentions: "oneOf")
        let lenient = try CompiledFixture(#"{"oneOf":[{"type":"integer"},{"type":"number"}]}"#, options: CompileOptions(lenient: true))
        XCTAssertEqual(lenient.compiled.warnings.count, 1)
        try CompiledFixture(#"""
        {"allOf":[{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]},
                  {"properties":{"b":{"type":"string"},"a":{"minimum":0}},"required":["b"]}]}
        """#).check(valid: [#"{"a":1,"b":"x"}"#], invalid: [#"{"a":-1,"b":"x"}"#, #"{"a":1}"#, #"{"b":"x","a":1}"#])
        try CompiledFixture(#"{"type":"object","properties":{"a":{"type":"integer"}},"anyOf":[{"required":["a"]},{"properties":{"b":{"type":"null"}},"required":["b"]}]}"#)
            .check(valid: [#"{"a":1}"#, #"{"b":null}"#, #"{"a":1,"b":null}"#], invalid: ["{}", #"{"b":1}"#])
    }

    func testRefSiblingsMergedLikeAllOf() throws {
        try CompiledFixture(##"{"$defs":{"s":{"type":"string"}},"$ref":"#/$defs/s","maxLength":2}"##)
            .check(valid: [#""ab""#], invalid: [#""abc""#, "1"])
        // Draft-07: siblings of $ref are ignored.
        try CompiledFixture(##"{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"s":{"type":"string"}},"$ref":"#/definitions/s","maxLength":2}"##)
            .check(valid: [#""abc""#], invalid: ["1"])
    }

    func testPatternFormatAndNumberBoundsWhenAvailable() throws {
        guard (try? RegexCompiler.compile("^a+$", limits: AutomataLimits())) != nil,
              (try? JSONStringEncoding.encode(.emptyString, limits: AutomataLimits())) != nil else {
            throw XCTSkip("automata encoding not available yet")
        }
        try CompiledFixture(#"{"type":"string","pattern":"^[a-c]+$","maxLength":3}"#)
            .check(valid: [#""abc""#, #""a""#, #""\u0061""#], invalid: [#""abcd""#, #""d""#, #""""#])
    }

    func testUnknownFormatsAreAnnotations() throws {
        let path = try CompiledFixture(#"{"type":"object","properties":{"p":{"type":"string","format":"path"},"u":{"format":"url","maxLength":3}}}"#)
        path.check(valid: [#"{"p":"a/b c"}"#, #"{"u":"x"}"#, #"{"p":""}"#], invalid: [#"{"p":1}"#, #"{"u":"long"}"#])
        XCTAssertEqual(path.compiled.warnings.map(\.pointer.description), ["/properties/p/format", "/properties/u/format"])
        // Known formats stay enforced, next to an unknown one too.
        try CompiledFixture(#"{"type":"string","format":"date"}"#).check(valid: [#""2024-02-29""#], invalid: [#""x""#, #""2023-02-29""#])
        try CompiledFixture(#"{"allOf":[{"format":"date"},{"format":"topic"}],"type":"string"}"#)
            .check(valid: [#""2024-01-31""#], invalid: [#""topic""#])
        // Formats a draft defines but the compiler cannot express stay errors (a validator may assert them).
        assertCompileError(#"{"type":"string","format":"iri"}"#, mentions: "format")
        assertCompileError(#"{"type":"string","format":"host-name"}"#, mentions: "format")
    }

    func testNotForms() throws {
        try CompiledFixture(#"{"not":{"type":["null","string"]}}"#).check(valid: ["1", "[]", "true"], invalid: ["null", #""s""#])
        try CompiledFixture(#"{"type":"object","not":{"required":["a"]}}"#).check(valid: ["{}", #"{"b":1}"#], invalid: [#"{"a":1}"#, #"{"b":1,"a":2}"#])
        try CompiledFixture(#"{"not":{"enum":["x",null]}}"#).check(valid: [#""y""#, #""xx""#, "1"], invalid: [#""x""#, #""x""#, "null"])
        try CompiledFixture(#"{"type":"string","not":{"pattern":"^a"}}"#).check(valid: [#""ba""#, #""""#], invalid: [#""abc""#, "1"])
        try CompiledFixture(#"{"not":{"not":{"type":"integer"}}}"#).check(valid: ["1"], invalid: ["1.5", "null"])
        try CompiledFixture(#"{"not":{}}"#).check(valid: [], invalid: ["1", "null", "{}"])
        // allOf of two nots keeps both (not A ∧ not B = not (A ∨ B)).
        try CompiledFixture(#"{"allOf":[{"not":{"type":"null"}},{"not":{"type":"string"}}]}"#).check(valid: ["1"], invalid: ["null", #""s""#])
    }

    func testUnsupportedKeywordsNamePointer() throws {
        let error = assertCompileError(#"{"properties":{"x":{"not":{"minimum":3}}}}"#, mentions: "not")
        XCTAssertEqual(error?.pointer.description, "/properties/x/not")
        assertCompileError(#"{"type":"array","uniqueItems":true}"#, mentions: "uniqueItems")
        assertCompileError(#"{"if":{},"then":{}}"#, mentions: "if")
        let lenient = try CompiledFixture(#"{"type":"integer","not":{"const":1}}"#, options: CompileOptions(lenient: true))
        XCTAssertEqual(lenient.compiled.warnings.map(\.pointer.description), ["/not"])
        lenient.check(valid: ["1", "2"], invalid: ["x"])
    }

    func testFlexibleWhitespaceIsBounded() throws {
        let options = CompileOptions(whitespace: .flexible(maxRun: 2))
        let f = try CompiledFixture(#"{"type":"object","properties":{"a":{"type":"array","items":{"type":"integer"}}},"required":["a"],"additionalProperties":false}"#, options: options)
        f.check(valid: [#"{"a":[1,2]}"#, "{ \"a\" : [ 1 , 2 ] }", "{\n \"a\":[1,\n 2]\n}"],
                invalid: ["{   \"a\":[1]}", "{\"a\":[1,2]   }", " {\"a\":[]}"])
        try CompiledFixture(#"{"enum":[[1,2]]}"#, options: options).check(valid: ["[1,2]", "[ 1, 2 ]"], invalid: ["[1,   2]", "[1 2]"])
    }
}

extension CompilerKeywordTests {
    func testNumberBounds() throws {
        try CompiledFixture(#"{"type":"integer","minimum":-3,"exclusiveMaximum":10}"#)
            .check(valid: ["-3", "0", "9"], invalid: ["-4", "10", "5.5", "100"])
        try CompiledFixture(#"{"type":"number","exclusiveMinimum":0,"maximum":1}"#)
            .check(valid: ["0.5", "1", "0.0001"], invalid: ["0", "-0.5", "1.5"])
        try CompiledFixture(#"{"type":"integer","maximum":18446744073709551615,"minimum":0}"#)
            .check(valid: ["0", "18446744073709551615"], invalid: ["-1", "18446744073709551616"])
        try CompiledFixture(#"{"type":"integer","multipleOf":5,"minimum":0,"maximum":20}"#)
            .check(valid: ["0", "15", "20"], invalid: ["3", "25", "-5"])
        try CompiledFixture(#"{"$schema":"http://json-schema.org/draft-04/schema#","type":"number","minimum":2,"exclusiveMinimum":true}"#)
            .check(valid: ["2.5", "3"], invalid: ["2", "1"])
        assertCompileError(#"{"type":"number","multipleOf":0.01}"#, mentions: "multipleOf")
    }
}
