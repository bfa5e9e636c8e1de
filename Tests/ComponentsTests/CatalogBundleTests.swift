import Foundation
import JSONSchema
import XCTest
@testable import Components

final class CatalogBundleTests: XCTestCase {
    /// The committed bundle must be exactly what the bundler makes from the sources.
    /// Run with `GENUI_UPDATE_BUNDLE=1` to rewrite it after editing a source schema.
    func testCommittedBundleMatchesSources() throws {
        let built = CatalogBundle.text(try CatalogBundle.bundle(schemaDirectory: Repo.schemas))
        if ProcessInfo.processInfo.environment["GENUI_UPDATE_BUNDLE"] == "1" {
            try built.write(to: Repo.bundle, atomically: true, encoding: .utf8)
        }
        let committed = try Repo.read(Repo.bundle)
        XCTAssertEqual(committed, built, "Schemas/genui.schema.json is stale: rerun with GENUI_UPDATE_BUNDLE=1")
    }

    /// The copy compiled into the binary must be the committed bundle, byte for byte.
    /// `GENUI_UPDATE_BUNDLE=1` regenerates Sources/Components/Catalog/EmbeddedCatalog.swift too.
    func testEmbeddedCatalogMatchesBundle() throws {
        let committed = try Repo.read(Repo.bundle)
        let source = Repo.root.appendingPathComponent("Sources/Components/Catalog/EmbeddedCatalog.swift")
        if ProcessInfo.processInfo.environment["GENUI_UPDATE_BUNDLE"] == "1" {
            let text = try Repo.read(source)
            guard let open = text.range(of: "#\"\"\"\n"), let close = text.range(of: "\"\"\"#", options: .backwards) else {
                return XCTFail("EmbeddedCatalog.swift lost its raw string delimiters")
            }
            try (text[..<open.upperBound] + committed + "\n" + text[close.lowerBound...]).write(to: source, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(EmbeddedCatalog.text, committed, "EmbeddedCatalog.swift is stale: rerun with GENUI_UPDATE_BUNDLE=1")
    }

    func testBundleFitsOpenAILimits() throws {
        let bundle = try JSONParser.parse(try Repo.read(Repo.bundle))
        let budget = SchemaBudget(measuring: bundle)
        XCTAssertTrue(budget.fits(), "\(budget)")
        XCTAssertGreaterThan(budget.properties, 100)
        // Surface → Dashboard → KPIGroup → KPI → MeasureRef → Filter (OpenAI allows 10).
        XCTAssertEqual(budget.objectNesting, 6)
    }

    func testBudgetCountsNestingThroughReferences() throws {
        let schema = try json(##"{"type":"object","properties":{"a":{"$ref":"#/$defs/A"}},"$defs":{"A":{"type":"object","properties":{"b":{"type":"array","items":{"$ref":"#/$defs/B"}}}},"B":{"type":"object","properties":{"again":{"$ref":"#/$defs/A"},"e":{"enum":["x","y"]}}}}}"##)
        let budget = SchemaBudget(measuring: schema)
        XCTAssertEqual(budget, SchemaBudget(properties: 4, enumValues: 2, objectNesting: 3))
        XCTAssertFalse(SchemaBudget(properties: 1, enumValues: 1, objectNesting: 11).fits())
    }

    func testEveryDefinitionHasOneFile() throws {
        let fm = FileManager.default
        let components = try fm.contentsOfDirectory(atPath: Repo.schemas.appendingPathComponent("components").path).sorted()
        XCTAssertEqual(components, CatalogBundle.componentNames.map { "\($0).json" }.sorted())
        let defs = try fm.contentsOfDirectory(atPath: Repo.schemas.appendingPathComponent("defs").path).sorted()
        XCTAssertEqual(defs, CatalogBundle.sharedDefinitionNames.map { "\($0).json" }.sorted())
    }

    /// Strict form: every object closed, every property required, every property described,
    /// `type` first, `id` second, `children` last on components.
    func testStrictForm() throws {
        let bundle = try JSONParser.parse(try Repo.read(Repo.bundle))
        var problems: [String] = []
        func walk(_ v: JSONValue, _ p: JSONPointer) {
            switch v {
            case .object(let o):
                if case .object(let props)? = o["properties"] {
                    if o["additionalProperties"] != .bool(false) { problems.append("\(p): additionalProperties not false") }
                    let required = o["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    if required != props.keys { problems.append("\(p): required \(required) != properties \(props.keys)") }
                    for (k, s) in props where s["description"] == nil { problems.append("\(p)/properties/\(k): no description") }
                    if props.keys.contains("type"), props.keys.contains("id") {
                        if props.keys.first != "type" || props.keys.dropFirst().first != "id" { problems.append("\(p): type/id not first") }
                        if props.keys.contains("children"), props.keys.last != "children" { problems.append("\(p): children not last") }
                    }
                }
                if o["$ref"] != nil, o.count > 1 { problems.append("\(p): $ref with siblings") }
                for (k, c) in o { walk(c, p / k) }
            case .array(let a):
                for (i, c) in a.enumerated() { walk(c, p / i) }
            default: break
            }
        }
        walk(bundle, .root)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(bundle["type"], .string("object"))
        XCTAssertNil(bundle["anyOf"])
    }

    func testBundlerRejectsUnknownReference() throws {
        let env = try json(##"{"type":"object","properties":{"a":{"$ref":"#/$defs/Nope"}},"required":["a"],"additionalProperties":false}"##)
        var components: [String: JSONValue] = [:]
        for n in CatalogBundle.componentNames { components[n] = .object(JSONObject()) }
        var shared: [String: JSONValue] = [:]
        for n in CatalogBundle.sharedDefinitionNames { shared[n] = .object(JSONObject()) }
        XCTAssertThrowsError(try CatalogBundle.bundle(envelope: env, components: components, shared: shared)) { e in
            XCTAssertTrue("\(e)".contains("/properties/a/$ref"), "\(e)")
        }
        components["Chart"] = nil
        XCTAssertThrowsError(try CatalogBundle.bundle(envelope: env, components: components, shared: shared)) { e in
            XCTAssertTrue("\(e)".contains("components/Chart.json"), "\(e)")
        }
    }
}
