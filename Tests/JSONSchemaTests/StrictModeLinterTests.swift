import XCTest
@testable import JSONSchema

final class StrictModeLinterTests: XCTestCase {
    private func lint(_ text: String, limits: StrictModeLimits = StrictModeLimits()) throws -> [LintIssue] {
        StrictModeLinter(limits: limits).lint(try JSONParser.parse(text))
    }

    private func errors(_ issues: [LintIssue]) -> [String] { issues.filter { $0.severity == .error }.map(\.description) }
    private func warnings(_ issues: [LintIssue]) -> [String] { issues.filter { $0.severity == .warning }.map(\.description) }

    func testCleanSchemaHasNoIssues() throws {
        let schema = #"""
        {"type":"object","additionalProperties":false,"required":["title","items","when","kind"],
         "properties":{
           "title":{"type":"string","description":"Heading"},
           "when":{"type":["string","null"],"format":"date-time","description":"Timestamp"},
           "kind":{"enum":["bar","line"],"description":"Chart kind"},
           "items":{"type":"array","description":"Rows","items":{"$ref":"#/$defs/row"}}},
         "$defs":{"row":{"type":"object","additionalProperties":false,"required":["v"],
                         "properties":{"v":{"type":"number","minimum":0,"description":"Value"}}}}}
        """#
        XCTAssertEqual(try lint(schema), [])
    }

    func testRootMustBeAnObject() throws {
        XCTAssertTrue(errors(try lint(#"{"anyOf":[{"type":"object","properties":{},"additionalProperties":false}]}"#))
            .contains("error: /: the root schema must be an object, not anyOf; wrap the alternatives in a property"))
        XCTAssertTrue(errors(try lint(#"{"type":"string"}"#)).contains("error: /: the root schema must have type \"object\""))
        XCTAssertTrue(errors(try lint("true")).first?.contains("root schema must be an object schema") == true)
    }

    func testAdditionalPropertiesAndRequired() throws {
        let issues = try lint(#"{"type":"object","properties":{"a":{"type":"string","description":"d"},"b":{"type":"object","description":"d","properties":{},"additionalProperties":true}},"required":["a","c"]}"#)
        XCTAssertEqual(errors(issues), [
            "error: /: object must set additionalProperties: false",
            "error: /required: required lists \"c\", which is not a property",
            "error: /properties/b: property \"b\" must be listed in required (make it nullable with type [\"…\", \"null\"] if it is optional)",
            "error: /properties/b/additionalProperties: additionalProperties must be false in strict mode",
        ])
    }

    func testRejectedKeywordsAreErrors() throws {
        for keyword in ["allOf", "not", "if", "then", "else", "oneOf", "dependentRequired", "dependentSchemas", "patternProperties",
                        "unevaluatedProperties", "unevaluatedItems", "contains", "uniqueItems", "propertyNames",
                        "minProperties", "maxProperties", "prefixItems", "default"] {
            let schema = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{},\"\(keyword)\":{}}"
            let found = errors(try lint(schema))
            XCTAssertTrue(found.contains { $0.hasPrefix("error: /\(keyword): \(keyword) is not supported in strict mode") }, "\(keyword): \(found)")
        }
    }

    func testUnenforcedKeywordsAndFormatsWarn() throws {
        let issues = try lint(#"{"type":"object","additionalProperties":false,"required":["a","b"],"properties":{"a":{"type":"string","maxLength":5,"description":"d"},"b":{"type":"string","format":"uri","description":"d"}}}"#)
        XCTAssertEqual(errors(issues), [])
        XCTAssertEqual(warnings(issues).count, 2)
        XCTAssertTrue(warnings(issues)[0].hasPrefix("warning: /properties/a/maxLength: maxLength is not enforced"))
        XCTAssertTrue(warnings(issues)[1].hasPrefix("warning: /properties/b/format: format \"uri\" is not supported"))
        for format in StrictModeLinter.supportedFormats {
            let schema = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\",\"format\":\"\(format)\",\"description\":\"d\"}}}"
            XCTAssertEqual(try lint(schema), [], format)
        }
    }

    func testMissingDescriptionWarns() throws {
        let issues = try lint(##"{"type":"object","additionalProperties":false,"required":["a","r"],"properties":{"a":{"type":"integer"},"r":{"$ref":"#/$defs/d"}},"$defs":{"d":{"type":"string","description":"described at the definition"}}}"##)
        XCTAssertEqual(issues.map(\.description), ["warning: /properties/a: property \"a\" has no description"])
    }

    func testSchemasNeedATypeAndArraysNeedItems() throws {
        let issues = try lint(#"{"type":"object","additionalProperties":false,"required":["a","b","c"],"properties":{"a":{"description":"d"},"b":{"type":"array","description":"d"},"c":{"type":"strin","description":"d"}}}"#)
        XCTAssertEqual(errors(issues), [
            "error: /properties/a: schema has no type; strict mode needs a type (or anyOf, enum, const, $ref) on every schema",
            "error: /properties/b: array schema must define items",
            "error: /properties/c/type: unknown type \"strin\"",
        ])
    }

    func testRefsAreFollowedOnceAndRecursionIsFine() throws {
        let schema = #"""
        {"type":"object","additionalProperties":false,"required":["root"],
         "properties":{"root":{"$ref":"#/$defs/node","description":"tree"}},
         "$defs":{"node":{"type":"object","required":["children"],"properties":{
            "children":{"type":"array","description":"kids","items":{"$ref":"#/$defs/node"}}}}}}
        """#
        let issues = try lint(schema)
        // The definition lacks additionalProperties: reported once even though it is reached twice.
        XCTAssertEqual(errors(issues), ["error: /$defs/node: object must set additionalProperties: false"])
    }

    func testUnresolvableRefIsAnError() throws {
        let issues = try lint(##"{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":{"$ref":"#/$defs/missing","description":"d"}}}"##)
        XCTAssertEqual(errors(issues).count, 1)
        XCTAssertTrue(errors(issues)[0].hasPrefix("error: /properties/a/$ref: cannot resolve $ref \"#/$defs/missing\""), "\(issues)")
    }

    func testUnreferencedDefinitionsAreLinted() throws {
        let issues = try lint(#"{"type":"object","additionalProperties":false,"properties":{},"$defs":{"unused":{"type":"object","properties":{}}}}"#)
        XCTAssertEqual(errors(issues), ["error: /$defs/unused: object must set additionalProperties: false"])
    }

    func testNestingLimit() throws {
        func nested(_ depth: Int) -> String {
            var s = #"{"type":"string","description":"leaf"}"#
            for _ in 0..<depth {
                s = "{\"type\":\"object\",\"description\":\"n\",\"additionalProperties\":false,\"required\":[\"x\"],\"properties\":{\"x\":\(s)}}"
            }
            return s
        }
        XCTAssertEqual(errors(try lint(nested(10))), [])
        let deep = errors(try lint(nested(11)))
        XCTAssertEqual(deep.count, 1)
        XCTAssertTrue(deep[0].contains("nested 11 levels deep"), deep[0])
    }

    func testPropertyCountLimit() throws {
        let props = (0..<12).map { "\"p\($0)\":{\"type\":\"string\",\"description\":\"d\"}" }.joined(separator: ",")
        let required = (0..<12).map { "\"p\($0)\"" }.joined(separator: ",")
        let schema = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\(required)],\"properties\":{\(props)}}"
        XCTAssertEqual(try lint(schema, limits: StrictModeLimits(maxTotalProperties: 12)), [])
        XCTAssertEqual(errors(try lint(schema, limits: StrictModeLimits(maxTotalProperties: 11))),
                       ["error: /: schema has 12 object properties; strict mode allows at most 11"])
    }

    func testEnumLimits() throws {
        func schema(_ values: [String]) -> String {
            let list = values.map { "\"\($0)\"" }.joined(separator: ",")
            return "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"e\"],\"properties\":{\"e\":{\"type\":\"string\",\"description\":\"d\",\"enum\":[\(list)]}}}"
        }
        // 251 values of 60 characters = 15,060 characters: over the large-enum limit.
        let long = (0..<251).map { String(format: "%060d", $0) }
        XCTAssertTrue(errors(try lint(schema(long))).contains { $0.hasPrefix("error: /properties/e/enum: enum of 251 strings totals 15060 characters") })
        // 251 short values are fine; 250 long ones are too.
        XCTAssertEqual(errors(try lint(schema((0..<251).map { "v\($0)" }))), [])
        XCTAssertEqual(errors(try lint(schema(Array(long.prefix(250))))), [])
        // Over 1,000 enum values in total.
        let many = errors(try lint(schema((0..<1001).map { "v\($0)" })))
        XCTAssertEqual(many, ["error: /: schema has 1001 enum values; strict mode allows at most 1000"])
    }

    func testCharacterBudget() throws {
        let name = String(repeating: "n", count: 60)
        let schema = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"\(name)\"],\"properties\":{\"\(name)\":{\"const\":\"\(String(repeating: "c", count: 50))\",\"description\":\"d\"}},\"$defs\":{\"dd\":{\"type\":\"string\"}}}"
        // 60 (property name) + 50 (const) + 2 (definition name) = 112.
        XCTAssertEqual(errors(try lint(schema, limits: StrictModeLimits(maxTotalNameAndValueCharacters: 112))), [])
        XCTAssertEqual(errors(try lint(schema, limits: StrictModeLimits(maxTotalNameAndValueCharacters: 111))),
                       ["error: /: property names, definition names, enum and const values total 112 characters; strict mode allows at most 111"])
    }

    func testIndistinguishableAnyOfVariantsWarn() throws {
        func schema(_ a: String, _ b: String) -> String {
            let variant = { (c: String) in "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"kind\"],\"properties\":{\"kind\":{\(c),\"description\":\"d\"}}}" }
            return "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"u\"],\"properties\":{\"u\":{\"description\":\"d\",\"anyOf\":[\(variant(a)),\(variant(b))]}}}"
        }
        XCTAssertEqual(try lint(schema("\"const\":\"bar\"", "\"const\":\"line\"")), [])
        XCTAssertEqual(warnings(try lint(schema("\"const\":\"bar\"", "\"const\":\"bar\""))),
                       ["warning: /properties/u/anyOf/1: variants 0 and 1 both start with property \"kind\" with the same (or no) const/enum value; they cannot be told apart"])
        XCTAssertEqual(warnings(try lint(schema("\"type\":\"string\"", "\"type\":\"string\""))).count, 1)
        XCTAssertEqual(warnings(try lint(schema("\"enum\":[\"a\",\"b\"]", "\"enum\":[\"c\"]"))), [])
    }

    func testBooleanSubschemasAreErrors() throws {
        let issues = try lint(#"{"type":"object","additionalProperties":false,"required":["a"],"properties":{"a":true}}"#)
        XCTAssertEqual(errors(issues), ["error: /properties/a: boolean schemas are not supported in strict mode; use a schema with a type"])
    }

    func testIssueJSON() {
        let issue = LintIssue(.warning, JSONPointer(["properties", "a/b"]), "m")
        XCTAssertEqual(issue.json.description, #"{"severity":"warning","pointer":"/properties/a~1b","message":"m"}"#)
    }
}
