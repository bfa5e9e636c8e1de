import XCTest
@testable import JSONSchema

final class SchemaResolverTests: XCTestCase {
    private func resolver(_ text: String, base: String = "") throws -> SchemaResolver {
        try SchemaResolver(document: try JSONParser.parse(text), baseURI: base)
    }

    private func ptr(_ s: String) -> JSONPointer { JSONPointer(parsing: s)! }

    func testRootAndPointerRefs() throws {
        let r = try resolver(#"{"$defs":{"a b":{"type":"string"},"x/y":{"type":"integer"},"p%q":{"const":1}},"items":[{"type":"null"}]}"#)
        XCTAssertEqual(try r.resolve("#", at: .root).pointer, .root)
        XCTAssertEqual(try r.resolve("#/$defs/a%20b", at: .root).schema["type"], .string("string"))
        XCTAssertEqual(try r.resolve("#/$defs/x~1y", at: .root).pointer.tokens, ["$defs", "x/y"])
        XCTAssertEqual(try r.resolve("#/$defs/p%25q", at: .root).schema["const"], .int(1))
        XCTAssertEqual(try r.resolve("#/items/0", at: .root).schema["type"], .string("null"))
    }

    func testMissingPointerTargetThrowsNamingRef() throws {
        let r = try resolver(#"{"$defs":{}}"#)
        XCTAssertThrowsError(try r.resolve("#/$defs/nope", at: ptr("/properties/a"))) { e in
            let err = e as! SchemaError
            XCTAssertTrue(err.message.contains("#/$defs/nope"), err.message)
            XCTAssertEqual(err.pointer, ptr("/properties/a/$ref"))
            XCTAssertTrue(err.description.hasPrefix("/properties/a/$ref: "))
        }
    }

    func testAnchors() throws {
        let r = try resolver(#"{"$defs":{"n":{"$anchor":"node","type":"object"}}}"#)
        XCTAssertEqual(try r.resolve("#node", at: .root).pointer, ptr("/$defs/n"))
        XCTAssertThrowsError(try r.resolve("#other", at: .root))
    }

    func testDraft7FragmentIdIsAnAnchor() throws {
        let r = try resolver(##"{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"n":{"$id":"#node","type":"string"}}}"##)
        XCTAssertEqual(r.dialect, .draft7)
        XCTAssertEqual(try r.resolve("#node", at: .root).pointer, ptr("/definitions/n"))
    }

    func testEmbeddedResourcesAndRelativeIds() throws {
        let text = #"""
        {"$id":"https://example.com/root.json",
         "$defs":{
           "a":{"$id":"schemas/a.json","$defs":{"inner":{"type":"integer"}},"properties":{"b":{"$ref":"b.json"}, "i":{"$ref":"#/$defs/inner"}}},
           "b":{"$id":"https://example.com/schemas/b.json","type":"boolean"},
           "u":{"$id":"urn:uuid:deadbeef","$defs":{"k":{"type":"null"}}}
         }}
        """#
        let r = try resolver(text)
        XCTAssertEqual(r.baseURI(at: ptr("/$defs/a/properties/b")), "https://example.com/schemas/a.json")
        XCTAssertEqual(try r.resolve("b.json", at: ptr("/$defs/a/properties/b")).pointer, ptr("/$defs/b"))
        // `#/...` inside resource a points into a, not into the root.
        XCTAssertEqual(try r.resolve("#/$defs/inner", at: ptr("/$defs/a/properties/i")).pointer, ptr("/$defs/a/$defs/inner"))
        XCTAssertEqual(try r.resolve("https://example.com/root.json#/$defs/b", at: ptr("/$defs/a")).pointer, ptr("/$defs/b"))
        XCTAssertEqual(try r.resolve("schemas/a.json#/$defs/inner", at: .root).pointer, ptr("/$defs/a/$defs/inner"))
        XCTAssertEqual(try r.resolve("urn:uuid:deadbeef#/$defs/k", at: .root).pointer, ptr("/$defs/u/$defs/k"))
        XCTAssertEqual(try r.resolve("../root.json", at: ptr("/$defs/a")).pointer, .root)
    }

    func testBaseURIParameter() throws {
        let r = try resolver(#"{"$defs":{"x":{"$id":"x.json","type":"string"}}}"#, base: "file:///tmp/s/main.json")
        XCTAssertEqual(try r.resolve("x.json", at: .root).pointer, ptr("/$defs/x"))
        XCTAssertEqual(try r.resolve("file:///tmp/s/x.json", at: .root).pointer, ptr("/$defs/x"))
        XCTAssertEqual(try r.resolve("main.json#/$defs", at: .root).pointer, ptr("/$defs"))
    }

    func testDraft4UsesId() throws {
        let r = try resolver(#"{"$schema":"http://json-schema.org/draft-04/schema#","id":"http://x.org/s","definitions":{"d":{"id":"d.json","type":"string"}}}"#)
        XCTAssertEqual(r.dialect, .draft4)
        XCTAssertEqual(try r.resolve("http://x.org/d.json", at: .root).pointer, ptr("/definitions/d"))
        XCTAssertEqual(try r.resolve("#/definitions/d", at: .root).pointer, ptr("/definitions/d"))
    }

    func testIdIsIgnoredOutsideDraft4() throws {
        // In 2020-12 `id` is not a keyword: `#/…` must still point into the root.
        let r = try resolver(#"{"id":"elsewhere.json","$defs":{"a":{"type":"string"}}}"#)
        XCTAssertEqual(try r.resolve("#/$defs/a", at: .root).pointer, ptr("/$defs/a"))
    }

    func testPropertyNamedIdIsNotAnIdentifier() throws {
        let r = try resolver(#"{"properties":{"$id":{"type":"string"},"$anchor":{"type":"string"}},"$defs":{"a":true}}"#)
        XCTAssertEqual(try r.resolve("#/$defs/a", at: ptr("/properties/$id")).pointer, ptr("/$defs/a"))
    }

    func testEnumAndConstAreNotIndexed() throws {
        let r = try resolver(#"{"enum":[{"$id":"http://evil/x"}],"const":{"$anchor":"a"}}"#)
        XCTAssertThrowsError(try r.resolve("http://evil/x", at: .root))
        XCTAssertThrowsError(try r.resolve("#a", at: .root))
    }

    func testRemoteRefThrowsNamingRef() throws {
        let r = try resolver(#"{"properties":{"a":{"$ref":"http://json-schema.org/draft-07/schema#"}}}"#)
        XCTAssertThrowsError(try r.resolve("http://json-schema.org/draft-07/schema#", at: ptr("/properties/a"))) { e in
            XCTAssertTrue((e as! SchemaError).message.contains("http://json-schema.org/draft-07/schema#"))
        }
        XCTAssertThrowsError(try r.resolve("other.json#/x", at: .root))
    }

    func testBooleanSchemas() throws {
        let r = try resolver(#"{"$defs":{"t":true,"f":false}}"#)
        XCTAssertEqual(try r.resolve("#/$defs/t", at: .root).schema, .bool(true))
        XCTAssertEqual(try r.resolve("#/$defs/f", at: .root).schema, .bool(false))
        let b = try SchemaResolver(document: .bool(false))
        XCTAssertEqual(try b.resolve("#", at: .root).schema, .bool(false))
        XCTAssertThrowsError(try SchemaResolver(document: .int(3)))
    }

    func testRefChainsAreFollowed() throws {
        let r = try resolver(##"{"$defs":{"a":{"$ref":"#/$defs/b","description":"alias"},"b":{"$ref":"#/$defs/c"},"c":{"type":"string"}}}"##)
        let t = try r.resolve("#/$defs/a", at: .root)
        XCTAssertEqual(t.pointer, ptr("/$defs/c"))
        XCTAssertEqual(try r.resolveOnce("#/$defs/a", at: .root).pointer, ptr("/$defs/a"))
    }

    func testRefWithSiblingsIsATarget() throws {
        // In 2020-12 a `$ref` next to assertions is a real schema; it is returned as is.
        let r = try resolver(##"{"$defs":{"a":{"$ref":"#/$defs/b","minLength":2},"b":{"type":"string"}}}"##)
        XCTAssertEqual(try r.resolve("#/$defs/a", at: .root).pointer, ptr("/$defs/a"))
    }

    func testCyclesAreErrorsNotHangs() throws {
        let r = try resolver(##"{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"},"self":{"$ref":"#/$defs/self"}}}"##)
        XCTAssertThrowsError(try r.resolve("#/$defs/a", at: .root)) { e in
            XCTAssertTrue((e as! SchemaError).message.contains("cycle"), "\(e)")
        }
        XCTAssertThrowsError(try r.resolve("#/$defs/self", at: .root))
        let root = try resolver(##"{"$ref":"#"}"##)
        XCTAssertThrowsError(try root.resolve("#", at: .root))
    }

    func testRecursiveSchemaIsNotACycle() throws {
        let r = try resolver(##"{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#"}}}}"##)
        XCTAssertEqual(try r.resolve("#", at: ptr("/properties/children/items")).pointer, .root)
    }

    func testLegacyRefHidesSiblings() throws {
        let r = try resolver(##"{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"a":{"$ref":"#/definitions/b","$id":"ignored.json"},"b":{"type":"string"}}}"##)
        XCTAssertEqual(try r.resolve("#/definitions/a", at: .root).pointer, ptr("/definitions/b"))
        XCTAssertThrowsError(try r.resolve("ignored.json", at: .root))
    }

    func testDialects() {
        XCTAssertEqual(SchemaDialect(schemaURI: "http://json-schema.org/draft-04/schema#"), .draft4)
        XCTAssertEqual(SchemaDialect(schemaURI: "http://json-schema.org/draft-06/schema#"), .draft6)
        XCTAssertEqual(SchemaDialect(schemaURI: "https://json-schema.org/draft-07/schema"), .draft7)
        XCTAssertEqual(SchemaDialect(schemaURI: "https://json-schema.org/draft/2019-09/schema"), .draft2019_09)
        XCTAssertEqual(SchemaDialect(schemaURI: "https://json-schema.org/draft/2020-12/schema"), .draft2020_12)
        XCTAssertEqual(SchemaDialect(schemaURI: nil), .draft2020_12)
        XCTAssertEqual(SchemaDialect(schemaURI: "https://example.com/custom"), .draft2020_12)
    }

    func testURIResolution() {
        XCTAssertEqual(URIReference.resolve("b.json", against: "http://a/x/y.json"), "http://a/x/b.json")
        XCTAssertEqual(URIReference.resolve("../b.json#f", against: "http://a/x/y/z.json"), "http://a/x/b.json#f")
        XCTAssertEqual(URIReference.resolve("/abs", against: "http://a/x/y"), "http://a/abs")
        XCTAssertEqual(URIReference.resolve("#frag", against: "urn:x:y"), "urn:x:y#frag")
        XCTAssertEqual(URIReference.resolve("//h/p", against: "https://a/b"), "https://h/p")
        XCTAssertEqual(URIReference.resolve("c", against: "http://a"), "http://a/c")
        XCTAssertEqual(URIReference.resolve("x#/a", against: ""), "x#/a")
    }
}
