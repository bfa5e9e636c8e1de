import XCTest
@testable import JSONSchema

/// Keyword-by-keyword checks of `SchemaValidator`.
final class SchemaValidatorTests: XCTestCase {
    private func validator(_ schema: String, limits: ValidationLimits = ValidationLimits()) throws -> SchemaValidator {
        try SchemaValidator(schema: try JSONParser.parse(schema), limits: limits)
    }

    /// Asserts the verdict for each `(instance, valid)` pair, and that `isValid` agrees with `validate`.
    private func check(_ schema: String, _ cases: [(String, Bool)], file: StaticString = #filePath, line: UInt = #line) throws {
        let v = try validator(schema)
        for (text, expected) in cases {
            let instance = try JSONParser.parse(text)
            let errors = v.validate(instance)
            XCTAssertEqual(errors.isEmpty, expected, "\(schema) on \(text): \(errors)", file: file, line: line)
            XCTAssertEqual(v.isValid(instance), expected, "isValid: \(schema) on \(text)", file: file, line: line)
        }
    }

    func testUnionsTaggedByAConstantPropertyAreDispatchedOnTheTag() throws {
        let union = #"""
        {"$defs": {
           "a": {"type": "object", "properties": {"kind": {"const": "a"}, "n": {"type": "integer"}}, "required": ["kind"]},
           "b": {"type": "object", "properties": {"kind": {"enum": ["b"]}, "s": {"type": "string"}}, "required": ["kind"]}},
         "anyOf": [{"$ref": "#/$defs/a"}, {"$ref": "#/$defs/b"}, {"type": "array"}]}
        """#
        // The array branch has no tag: the union is not dispatched, and the verdicts are the same.
        try check(union, [(#"{"kind":"a","n":1}"#, true), (#"{"kind":"b","s":"x"}"#, true), (#"{"kind":"a","n":"x"}"#, false), ("[]", true)])
        XCTAssertTrue(try validator(union).discriminators.isEmpty)

        let tagged = union.replacingOccurrences(of: #", {"type": "array"}"#, with: "")
        let v = try validator(tagged)
        XCTAssertEqual(v.discriminators[JSONPointer(["anyOf"])]?.property, "kind")
        try check(tagged, [
            (#"{"kind":"a","n":1}"#, true), (#"{"kind":"b","s":"x"}"#, true),
            (#"{"kind":"a","s":"x","n":2}"#, true), (#"{"kind":"c"}"#, false), (#"{"n":1}"#, false), ("[]", false),
        ])
        // A wrong member of a tagged branch is reported at its place, with that branch's reason.
        let errors = v.validate(try JSONParser.parse(#"{"kind":"b","s":3}"#))
        XCTAssertEqual(errors.map(\.instancePointer.description), ["/s"])
        XCTAssertEqual(errors.first?.schemaPointer.description, "/$defs/b/properties/s/type")
        // oneOf too; and an unknown tag still gets the "none of the alternatives" message.
        let one = tagged.replacingOccurrences(of: "anyOf", with: "oneOf")
        try check(one, [(#"{"kind":"a","n":1}"#, true), (#"{"kind":"b","s":1}"#, false)])
        XCTAssertTrue(try validator(one).validate(try JSONParser.parse(#"{"kind":"z"}"#)).first?.message.contains("none of the 2") ?? false)
        // Before 2019-09, $ref hides its siblings: a tag next to a $ref does not count.
        let legacy = #"""
        {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"any": {}},
         "anyOf": [{"$ref": "#/definitions/any", "properties": {"kind": {"const": "a"}}}, {"properties": {"kind": {"const": "b"}}}]}
        """#
        XCTAssertTrue(try validator(legacy).discriminators.isEmpty)
        try check(legacy, [(#"{"kind":"z"}"#, true)])
    }

    func testBooleanSchemas() throws {
        try check("true", [("1", true), ("{}", true)])
        try check("false", [("1", false), ("null", false)])
        try check(#"{"properties":{"a":false,"b":true}}"#, [(#"{"b":1}"#, true), (#"{"a":1}"#, false)])
    }

    func testTypes() throws {
        try check(#"{"type":"integer"}"#, [("1", true), ("1.0", true), ("1e2", true), ("1.5", false), ("\"1\"", false)])
        try check(#"{"type":"number"}"#, [("1", true), ("1.5", true), ("true", false)])
        try check(#"{"type":["string","null"]}"#, [("\"a\"", true), ("null", true), ("0", false)])
        try check(#"{"type":"object"}"#, [("{}", true), ("[]", false)])
        try check(#"{"type":"array"}"#, [("[]", true), ("{}", false)])
        try check(#"{"type":"boolean"}"#, [("false", true), ("0", false)])
    }

    func testDraft4IntegerExcludesFractionLexemes() throws {
        try check(#"{"$schema":"http://json-schema.org/draft-04/schema#","type":"integer"}"#, [("1", true), ("1.0", false)])
    }

    func testEnumAndConstUseJSONEquality() throws {
        try check(#"{"enum":[1,"a",{"x":1,"y":[true]},null]}"#, [
            ("1.0", true), (#""a""#, true), (#"{"y":[true],"x":1}"#, true), ("null", true), ("true", false), (#"{"x":1}"#, false),
        ])
        try check(#"{"const":{"a":1,"b":2}}"#, [(#"{"b":2.0,"a":1}"#, true), (#"{"a":1}"#, false)])
        try check(#"{"const":false}"#, [("false", true), ("0", false)])
        try check(#"{"const":0}"#, [("0", true), ("-0", true), ("false", false)])
    }

    func testNumericBounds() throws {
        try check(#"{"minimum":1,"maximum":3}"#, [("1", true), ("3", true), ("0.99", false), ("3.01", false), ("\"9\"", true)])
        try check(#"{"exclusiveMinimum":1,"exclusiveMaximum":3}"#, [("1", false), ("2", true), ("3", false)])
        try check(#"{"$schema":"http://json-schema.org/draft-04/schema#","minimum":1,"exclusiveMinimum":true,"maximum":3,"exclusiveMaximum":true}"#,
                  [("1", false), ("2", true), ("3", false)])
    }

    func testMultipleOfIsExact() throws {
        try check(#"{"multipleOf":0.1}"#, [("0.3", true), ("0.7", true), ("1e1", true), ("0.35", false)])
        try check(#"{"multipleOf":0.01}"#, [("19.99", true), ("4.005", false)])
        try check(#"{"multipleOf":3}"#, [("9", true), ("10", false), ("-6", true), ("0", true), ("9.0", true)])
        try check(#"{"multipleOf":1e-8}"#, [("0.00000003", true), ("0.000000035", false)])
        try check(#"{"multipleOf":7}"#, [("123456789012345678901234567890", true), ("123456789012345678901234567893", false)])
    }

    func testExactDecimal() {
        XCTAssertEqual(ExactDecimal("1.50e2")?.digits, [1, 5])
        XCTAssertEqual(ExactDecimal("1.50e2")?.exponent, 1)
        XCTAssertEqual(ExactDecimal("-0.0")?.isZero, true)
        XCTAssertEqual(ExactDecimal("12")!.isMultiple(of: ExactDecimal("0.4")!), true)
        XCTAssertEqual(ExactDecimal("12.1")!.isMultiple(of: ExactDecimal("0.4")!), false)
        XCTAssertNil(ExactDecimal("1")!.isMultiple(of: ExactDecimal("0")!))
        // Divisor with more digits than a machine word.
        XCTAssertEqual(ExactDecimal("246913578024691357802469135780")!.isMultiple(of: ExactDecimal("123456789012345678901234567890")!), true)
        XCTAssertEqual(ExactDecimal("246913578024691357802469135781")!.isMultiple(of: ExactDecimal("123456789012345678901234567890")!), false)
    }

    func testStringLengthCountsCodePoints() throws {
        try check(#"{"minLength":2,"maxLength":3}"#, [("\"ab\"", true), ("\"a\"", false), ("\"abcd\"", false),
                                                     ("\"😀😀\"", true), ("\"é\"", false), ("5", true)])
    }

    func testPatternIsUnanchoredECMA() throws {
        try check(#"{"pattern":"b+"}"#, [("\"abbc\"", true), ("\"ac\"", false)])
        try check(#"{"pattern":"^[a-z]+$"}"#, [("\"abc\"", true), ("\"abc\\n\"", false), ("\"ab1\"", false)])
        // `\d` is ASCII-only in ECMA-262: Arabic-Indic digits do not match.
        try check(#"{"pattern":"^\\d+$"}"#, [("\"123\"", true), ("\"١٢٣\"", false)])
        try check(#"{"pattern":"^[^]$"}"#, [("\"x\"", true), ("\"xy\"", false)])
        try check(#"{"pattern":"^\\p{L}+$"}"#, [("\"héllo\"", true), ("\"h3\"", false)])
    }

    func testFormats() throws {
        try check(#"{"format":"date"}"#, [("\"2024-02-29\"", true), ("\"2023-02-29\"", false), ("\"2024-13-01\"", false), ("\"24-01-01\"", false), ("3", true)])
        try check(#"{"format":"time"}"#, [("\"12:30:00Z\"", true), ("\"12:30:00.5+02:00\"", true), ("\"12:30:00\"", false), ("\"25:00:00Z\"", false)])
        try check(#"{"format":"date-time"}"#, [("\"2024-01-01T10:00:00Z\"", true), ("\"2024-01-01t10:00:00-05:30\"", true), ("\"2024-01-01 10:00:00Z\"", false), ("\"2024-01-01\"", false)])
        try check(#"{"format":"duration"}"#, [("\"P1Y2M3DT4H5M6S\"", true), ("\"PT0.5S\"", true), ("\"P3W\"", true), ("\"P\"", false), ("\"PT\"", false), ("\"P1D2Y\"", false), ("\"1D\"", false)])
        try check(#"{"format":"email"}"#, [("\"a.b@example.com\"", true), ("\"a@b\"", true), ("\"no-at\"", false), ("\".a@b.com\"", false), ("\"a@-b.com\"", false)])
        try check(#"{"format":"hostname"}"#, [("\"example.com\"", true), ("\"-bad.com\"", false), ("\"a..b\"", false), ("\"\(String(repeating: "a", count: 64)).com\"", false)])
        try check(#"{"format":"ipv4"}"#, [("\"192.168.0.1\"", true), ("\"256.1.1.1\"", false), ("\"01.1.1.1\"", false), ("\"1.1.1\"", false)])
        try check(#"{"format":"ipv6"}"#, [("\"::1\"", true), ("\"2001:db8::8a2e:370:7334\"", true), ("\"::ffff:192.168.1.1\"", true),
                                          ("\"1:2:3:4:5:6:7:8\"", true), ("\"1:2:3:4:5:6:7:8:9\"", false), ("\"1::2::3\"", false), ("\"12345::\"", false)])
        try check(#"{"format":"uuid"}"#, [("\"123e4567-e89b-12d3-a456-426614174000\"", true), ("\"123e4567e89b12d3a456426614174000\"", false), ("\"123e4567-e89b-12d3-a456-42661417400g\"", false)])
        try check(#"{"format":"uri"}"#, [("\"https://example.com/a?b#c\"", true), ("\"urn:isbn:123\"", true), ("\"/relative\"", false), ("\"http://a b\"", false), ("\"http://x/%zz\"", false)])
        try check(#"{"format":"uri-reference"}"#, [("\"/relative/path\"", true), ("\"#frag\"", true), ("\"a b\"", false)])
        try check(#"{"format":"regex"}"#, [("\"^a+$\"", true), ("\"[\"", false)])
        try check(#"{"format":"made-up-format"}"#, [("\"anything\"", true)])
    }

    func testFormatAssertionCanBeDisabled() throws {
        var v = try validator(#"{"format":"email"}"#)
        v.assertsFormat = false
        XCTAssertTrue(v.isValid(.string("nope")))
    }

    func testObjectKeywords() throws {
        let schema = #"""
        {"properties":{"a":{"type":"integer"}},"patternProperties":{"^x-":{"type":"string"}},
         "additionalProperties":{"type":"boolean"},"required":["a"],"minProperties":1,"maxProperties":3}
        """#
        try check(schema, [(#"{"a":1}"#, true), (#"{"a":1,"x-y":"s","other":true}"#, true), (#"{"a":1,"x-y":2}"#, false),
                           (#"{"a":1,"other":"s"}"#, false), (#"{"x-y":"s"}"#, false), (#"{"a":1,"b":true,"c":true,"d":true}"#, false)])
        try check(#"{"propertyNames":{"maxLength":3}}"#, [(#"{"abc":1}"#, true), (#"{"abcd":1}"#, false)])
        try check(#"{"additionalProperties":false,"properties":{"a":{}}}"#, [(#"{"a":1}"#, true), (#"{"b":1}"#, false)])
    }

    func testDependencies() throws {
        try check(#"{"dependentRequired":{"a":["b"]}}"#, [(#"{"a":1,"b":2}"#, true), (#"{"a":1}"#, false), (#"{"b":1}"#, true)])
        try check(#"{"dependentSchemas":{"a":{"required":["c"]}}}"#, [(#"{"a":1,"c":2}"#, true), (#"{"a":1}"#, false)])
        try check(#"{"$schema":"http://json-schema.org/draft-07/schema#","dependencies":{"a":["b"],"c":{"properties":{"d":{"type":"string"}}}}}"#,
                  [(#"{"a":1,"b":1}"#, true), (#"{"a":1}"#, false), (#"{"c":1,"d":"x"}"#, true), (#"{"c":1,"d":1}"#, false)])
    }

    func testArrayKeywords2020() throws {
        try check(#"{"prefixItems":[{"type":"string"},{"type":"integer"}],"items":false}"#,
                  [(#"["a",1]"#, true), (#"["a"]"#, true), (#"["a",1,2]"#, false), (#"[1]"#, false)])
        try check(#"{"items":{"type":"integer"},"minItems":1,"maxItems":2}"#, [("[1]", true), ("[]", false), ("[1,2,3]", false), ("[1,\"a\"]", false)])
        try check(#"{"uniqueItems":true}"#, [("[1,2]", true), ("[1,1.0]", false), (#"[{"a":1,"b":2},{"b":2,"a":1}]"#, false), ("[1,true]", true),
                                             ("[[1],[1]]", false), ("[]", true)])
        let many = "[" + (0..<100).map(String.init).joined(separator: ",") + ",50]"
        try check(#"{"uniqueItems":true}"#, [(many, false)])
    }

    func testDraft7TupleItems() throws {
        try check(#"{"$schema":"http://json-schema.org/draft-07/schema#","items":[{"type":"string"}],"additionalItems":{"type":"integer"}}"#,
                  [(#"["a",1,2]"#, true), (#"["a","b"]"#, false), (#"[1]"#, false)])
        // Without `$schema`, an array `items` is still read as the tuple form.
        try check(#"{"items":[{"type":"string"}],"additionalItems":false}"#, [(#"["a"]"#, true), (#"["a",1]"#, false)])
    }

    func testContains() throws {
        try check(#"{"contains":{"type":"string"}}"#, [(#"[1,"a"]"#, true), ("[1,2]", false), ("[]", false)])
        try check(#"{"contains":{"type":"string"},"minContains":2,"maxContains":3}"#,
                  [(#"["a","b"]"#, true), (#"["a",1]"#, false), (#"["a","b","c","d"]"#, false)])
        try check(#"{"contains":{"type":"string"},"minContains":0}"#, [("[]", true), ("[1]", true)])
    }

    func testCombinators() throws {
        try check(#"{"allOf":[{"type":"integer"},{"minimum":2}]}"#, [("3", true), ("1", false), ("2.5", false)])
        try check(#"{"anyOf":[{"type":"string"},{"minimum":2}]}"#, [("\"a\"", true), ("3", true), ("1", false)])
        try check(#"{"oneOf":[{"type":"integer"},{"minimum":2}]}"#, [("1", true), ("2.5", true), ("3", false), ("1.5", false)])
        try check(#"{"not":{"type":"string"}}"#, [("1", true), ("\"a\"", false)])
        try check(#"{"if":{"properties":{"k":{"const":"a"}}},"then":{"required":["a"]},"else":{"required":["b"]}}"#,
                  [(#"{"k":"a","a":1}"#, true), (#"{"k":"a","b":1}"#, false), (#"{"k":"z","b":1}"#, true), (#"{"k":"z"}"#, false)])
        try check(#"{"then":{"type":"string"}}"#, [("1", true)])
    }

    func testRefSiblingsDependOnDialect() throws {
        let defs = #""$defs":{"s":{"type":"string"}},"definitions":{"s":{"type":"string"}}"#
        try check("{\(defs),\"$ref\":\"#/$defs/s\",\"maxLength\":2}", [("\"ab\"", true), ("\"abc\"", false), ("1", false)])
        try check("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\(defs),\"$ref\":\"#/definitions/s\",\"maxLength\":2}",
                  [("\"abc\"", true), ("1", false)])
    }

    func testRecursiveRefs() throws {
        let tree = ##"{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#"}}},"required":["value"]}"##
        try check(tree, [(#"{"value":1,"children":[{"value":2,"children":[{"value":3}]}]}"#, true),
                         (#"{"value":1,"children":[{"value":2,"children":[{"value":"x"}]}]}"#, false)])
        let v = try validator(tree)
        let errors = v.validate(try JSONParser.parse(#"{"value":1,"children":[{"value":2},{"children":[]}]}"#))
        XCTAssertEqual(errors.map(\.description), ["/children/1: missing required property \"value\""])
        XCTAssertEqual(errors.first?.schemaPointer.description, "/required")
    }

    func testAnchorsAndEmbeddedResources() throws {
        try check(##"{"$id":"https://x.org/root","$defs":{"p":{"$anchor":"pos","minimum":0},"e":{"$id":"e.json","type":"string"}},"properties":{"a":{"$ref":"#pos"},"b":{"$ref":"e.json"}}}"##,
                  [(#"{"a":1,"b":"s"}"#, true), (#"{"a":-1}"#, false), (#"{"b":1}"#, false)])
    }

    func testUnresolvableRefIsAnError() throws {
        let v = try validator(#"{"properties":{"a":{"$ref":"https://remote.example/s.json"}}}"#)
        let errors = v.validate(try JSONParser.parse(#"{"a":1}"#))
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].message.contains("https://remote.example/s.json"), errors[0].message)
        XCTAssertEqual(errors[0].instancePointer.description, "/a")
        XCTAssertTrue(v.isValid(try JSONParser.parse("{}")), "an unreached reference does not matter")
    }

    func testUnevaluatedProperties() throws {
        let schema = #"""
        {"properties":{"a":{}},"allOf":[{"properties":{"b":{}}}],
         "anyOf":[{"properties":{"c":{"const":1}},"required":["c"]},{"properties":{"d":{}}}],
         "unevaluatedProperties":false}
        """#
        try check(schema, [(#"{"a":1,"b":1}"#, true), (#"{"a":1,"c":1}"#, true), (#"{"a":1,"d":1}"#, true),
                           (#"{"a":1,"e":1}"#, false), (#"{"c":2}"#, false)])
        // Properties evaluated only by a failing `if` are not counted.
        try check(#"{"if":{"properties":{"x":{"const":1}},"required":["x"]},"then":{"properties":{"y":{}}},"unevaluatedProperties":false}"#,
                  [(#"{"x":1,"y":2}"#, true), (#"{"x":2}"#, false)])
        // Annotations flow through `$ref`.
        try check(##"{"$defs":{"base":{"properties":{"id":{}}}},"$ref":"#/$defs/base","properties":{"name":{}},"unevaluatedProperties":false}"##,
                  [(#"{"id":1,"name":2}"#, true), (#"{"id":1,"other":2}"#, false)])
    }

    func testUnevaluatedItems() throws {
        try check(#"{"prefixItems":[{}],"allOf":[{"prefixItems":[{},{}]}],"unevaluatedItems":false}"#,
                  [("[1,2]", true), ("[1,2,3]", false)])
        try check(#"{"contains":{"type":"string"},"unevaluatedItems":{"type":"integer"}}"#,
                  [(#"["a",1,"b"]"#, true), (#"["a",true]"#, false)])
    }

    func testErrorPointersAndMessages() throws {
        let v = try validator(#"{"properties":{"root":{"properties":{"children":{"items":{"properties":{"id":{"type":"string"}}},"uniqueItems":true}}}}}"#)
        let doc = try JSONParser.parse(#"{"root":{"children":[{"id":"a"},{"id":"b"},{"id":7},{"id":"a"}]}}"#)
        let errors = v.validate(doc)
        XCTAssertEqual(errors.map(\.description), [
            "/root/children/2/id: expected string, found integer",
            "/root/children/3: duplicate item: equal to item 0 ({\"id\":\"a\"})",
        ])
        XCTAssertEqual(errors[0].schemaPointer.description, "/properties/root/properties/children/items/properties/id/type")
    }

    func testCombinatorMessages() throws {
        let v = try validator(#"{"oneOf":[{"type":"integer"},{"minimum":2}]}"#)
        XCTAssertEqual(v.validate(.int(3)).first?.message, "value matches 2 alternatives of oneOf (0, 1); exactly one is allowed")
        // Two plausible alternatives: a summary naming the closest one.
        let a = try validator(#"{"anyOf":[{"type":"object","required":["y","z"]},{"type":"object","required":["x"]}]}"#)
        let msg = try XCTUnwrap(a.validate(.object(JSONObject())).first?.message)
        XCTAssertTrue(msg.hasPrefix("value matches none of the 2 alternatives of anyOf"), msg)
        XCTAssertTrue(msg.contains("missing required property \"x\""), msg)
        // Every alternative but one is ruled out by type or by a discriminating const: its errors are reported as is.
        let b = try validator(#"{"anyOf":[{"type":"string"},{"type":"object","required":["x"]}]}"#)
        XCTAssertEqual(b.validate(.object(JSONObject())).map(\.description), ["/: missing required property \"x\""])
        let union = try validator(#"""
            {"oneOf":[{"properties":{"kind":{"const":"kpi"},"value":{"type":"number"}}},
                      {"properties":{"kind":{"const":"text"},"body":{"type":"string"}}}]}
            """#)
        let errors = union.validate(try JSONParser.parse(#"{"kind":"kpi","value":"high"}"#))
        XCTAssertEqual(errors.map(\.description), ["/value: expected number, found string"])
        XCTAssertEqual(errors.first?.schemaPointer.description, "/oneOf/0/properties/value/type")
    }

    func testInfiniteRefRecursionIsReported() throws {
        let v = try validator(##"{"$defs":{"a":{"anyOf":[{"$ref":"#/$defs/a"},{"type":"string"}]}},"$ref":"#/$defs/a"}"##)
        XCTAssertFalse(v.isValid(.int(1)))
        XCTAssertTrue(v.isValid(.string("s")))
    }

    func testStepBudgetStopsHostileSchemas() throws {
        // Nested anyOf whose branches all fail late: exponential without a budget.
        // Each definition refers twice to the previous one: 2^40 evaluations without a budget.
        var defs = [#""d0":{"type":"string"}"#]
        for i in 1...40 { defs.append("\"d\(i)\":{\"anyOf\":[{\"$ref\":\"#/$defs/d\(i - 1)\"},{\"$ref\":\"#/$defs/d\(i - 1)\"}]}") }
        let schema = "{\"$defs\":{\(defs.joined(separator: ","))},\"$ref\":\"#/$defs/d40\"}"
        let limits = ValidationLimits(maxDepth: 200, maxSteps: 10_000, maxErrors: 100)
        let v = try SchemaValidator(schema: try JSONParser.parse(schema), limits: limits)
        XCTAssertTrue(v.isValid(.string("ok")))
        let errors = v.validate(.int(1))
        XCTAssertTrue(errors.contains { $0.message.contains("step budget") }, "\(errors.suffix(2))")
    }

    func testDepthLimit() throws {
        let limits = ValidationLimits(maxDepth: 20, maxSteps: 100_000, maxErrors: 100)
        let v = try SchemaValidator(schema: try JSONParser.parse(##"{"items":{"$ref":"#"}}"##), limits: limits)
        let deep = try JSONParser.parse(String(repeating: "[", count: 50) + String(repeating: "]", count: 50))
        XCTAssertTrue(v.validate(deep).contains { $0.message.contains("deeper than 20") })
        XCTAssertTrue(v.isValid(try JSONParser.parse("[[[]]]")))
    }

    func testErrorCountLimit() throws {
        let limits = ValidationLimits(maxDepth: 50, maxSteps: 100_000, maxErrors: 5)
        let v = try SchemaValidator(schema: try JSONParser.parse(#"{"items":{"type":"string"}}"#), limits: limits)
        let errors = v.validate(.array(Array(repeating: .int(1), count: 50)))
        XCTAssertEqual(errors.count, 6)
        XCTAssertTrue(errors.last!.message.contains("stopped after 5 errors"))
    }
}

/// Number equality as `enum`, `const` and `uniqueItems` need it.
final class JSONNumberEqualityTests: XCTestCase {
    func testLargeIntegersCompareExactly() throws {
        let a = try JSONParser.parse("123456789012345678901234567890")
        let b = try JSONParser.parse("123456789012345678901234567891")
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(a, try JSONParser.parse("1.2345678901234567890123456789e29"))
        XCTAssertEqual(try JSONParser.parse("9007199254740993"), try JSONParser.parse("9007199254740993.0"))
        XCTAssertNotEqual(try JSONParser.parse("9007199254740993"), try JSONParser.parse("9007199254740992.0"))
    }

    func testEqualNumbersHashAlike() throws {
        let forms = ["100", "100.0", "1e2", "1.00E+2", "10000e-2"]
        let set = Set(try forms.map { try JSONParser.parse($0) })
        XCTAssertEqual(set.count, 1)
        XCTAssertEqual(Set([try JSONParser.parse("0"), try JSONParser.parse("-0.0")]).count, 1)
    }

    func testUniqueItemsOnLongArraysUsesExactEquality() throws {
        let v = try SchemaValidator(schema: try JSONParser.parse(#"{"uniqueItems":true}"#))
        let items = (0..<40).map { "\($0)" } + ["9007199254740993", "9007199254740993.0"]
        XCTAssertFalse(v.isValid(try JSONParser.parse("[" + items.joined(separator: ",") + "]")))
        let distinct = (0..<40).map { "\($0)" } + ["123456789012345678901234567890", "123456789012345678901234567891"]
        XCTAssertTrue(v.isValid(try JSONParser.parse("[" + distinct.joined(separator: ",") + "]")))
    }
}

/// Hostile inputs: cycles, deep nesting, concurrent use.
final class SchemaValidatorRobustnessTests: XCTestCase {
    func testRefCycleThatNeverReachesASchemaIsAnError() throws {
        for text in [##"{"$ref":"#"}"##, ##"{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"properties":{"x":{"$ref":"#/$defs/a"}}}"##] {
            let v = try SchemaValidator(schema: try JSONParser.parse(text))
            let errors = v.validate(try JSONParser.parse(#"{"x":1}"#))
            XCTAssertEqual(errors.count, 1, text)
            XCTAssertTrue(errors.first?.message.contains("cycle") == true, "\(errors)")
        }
    }

    /// The default limits must stop recursion before a 2 MiB thread stack runs out (debug frames are large).
    func testDefaultDepthLimitFitsASmallStack() throws {
        let v = try SchemaValidator(schema: try JSONParser.parse(
            ##"{"anyOf":[{"type":"array","items":{"$ref":"#"}},{"type":"object","additionalProperties":{"$ref":"#"}},{"type":"integer"}]}"##))
        var text = "1"
        for i in 0..<400 { text = i % 2 == 0 ? "[\(text)]" : "{\"k\":\(text)}" }
        let instance = try JSONParser.parse(text, maxDepth: 1000)
        let done = expectation(description: "validated")
        nonisolated(unsafe) var errors: [ValidationError] = []
        let thread = Thread {
            errors = v.validate(instance)
            done.fulfill()
        }
        thread.stackSize = 2 << 20
        thread.start()
        wait(for: [done], timeout: 120)
        XCTAssertTrue(errors.last?.message.hasPrefix("validation stopped: nesting") == true, "\(errors.suffix(1))")
    }

    func testConcurrentValidationSharesOneValidator() throws {
        let v = try SchemaValidator(schema: try JSONParser.parse(#"{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"}}"#))
        let good = try JSONParser.parse(#"["abc","def"]"#), bad = try JSONParser.parse(#"["abc","D3"]"#)
        nonisolated(unsafe) var verdicts = [Bool](repeating: false, count: 64)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let ok = v.isValid(i % 2 == 0 ? good : bad)
            lock.lock(); verdicts[i] = ok; lock.unlock()
        }
        XCTAssertEqual(verdicts, (0..<64).map { $0 % 2 == 0 })
    }
}
