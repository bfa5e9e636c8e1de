import Foundation
import JSONSchema

/// Builds the self-contained catalog schema `Schemas/genui.schema.json` from its sources:
/// `Schemas/envelope.json` (the root object), `Schemas/components/<Name>.json` (one per component)
/// and `Schemas/defs/<Name>.json` (shared pieces). Every `$ref` is local (`#/$defs/<Name>`);
/// `$defs/Node` is generated here as the `anyOf` of every component except `Dashboard`.
public enum CatalogBundle {
    /// Component schema names in catalog order (`Dashboard` first, then the `Node` members).
    public static let componentNames: [String] = [Dashboard.typeName] + Node.componentTypes.map { $0.typeName }

    /// Shared definitions in bundle order.
    public static let sharedDefinitionNames: [String] = [
        "Tone", "Format", "FieldType", "Scale", "Encoding", "ChartColumn", "ChartData", "Filter", "Sort", "DataRef", "MeasureRef", "Annotation",
        "KPIDelta", "KPIComparison", "TableColumn", "TableTotal", "Fact", "Tag", "Source", "Suggestion", "Tab",
    ]

    /// Path of the bundle relative to the schema directory's parent (the repository root).
    public static let bundleFileName = "genui.schema.json"

    /// A problem found while bundling: which file and what is wrong.
    public struct BundleError: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): \(message)" }
    }

    /// Builds the bundle from the already-parsed source documents.
    /// - Parameters:
    ///   - envelope: the root object schema (no `$defs`).
    ///   - components: component name → schema; must hold exactly `componentNames`.
    ///   - shared: definition name → schema; must hold exactly `sharedDefinitionNames`.
    public static func bundle(envelope: JSONValue, components: [String: JSONValue], shared: [String: JSONValue]) throws(BundleError) -> JSONValue {
        guard case .object(var root) = envelope else { throw BundleError(file: "envelope.json", message: "expected an object") }
        if root["$defs"] != nil { throw BundleError(file: "envelope.json", message: "must not hold $defs") }
        try checkExactly(Set(components.keys), componentNames, dir: "components")
        try checkExactly(Set(shared.keys), sharedDefinitionNames, dir: "defs")

        var defs = JSONObject()
        defs["Node"] = .object(JSONObject([
            ("description", .string("Any component except Dashboard; the type property says which.")),
            ("anyOf", .array(Node.componentTypes.map { .object(JSONObject([("$ref", .string("#/$defs/\($0.typeName)"))])) })),
        ]))
        for name in componentNames { defs[name] = components[name] }
        for name in sharedDefinitionNames { defs[name] = shared[name] }
        root["$defs"] = .object(defs)
        let bundle = JSONValue.object(root)
        try checkReferences(bundle, defs: defs)
        return bundle
    }

    /// Reads the sources under `schemaDirectory` (the `Schemas/` folder) and builds the bundle.
    public static func bundle(schemaDirectory: URL) throws -> JSONValue {
        func load(_ relative: String) throws -> JSONValue {
            let url = schemaDirectory.appendingPathComponent(relative)
            let data = try Data(contentsOf: url)
            return try JSONParser.parse(bytes: [UInt8](data))
        }
        var components: [String: JSONValue] = [:]
        var shared: [String: JSONValue] = [:]
        let fm = FileManager.default
        for file in try fm.contentsOfDirectory(atPath: schemaDirectory.appendingPathComponent("components").path) where file.hasSuffix(".json") {
            components[String(file.dropLast(5))] = try load("components/\(file)")
        }
        for file in try fm.contentsOfDirectory(atPath: schemaDirectory.appendingPathComponent("defs").path) where file.hasSuffix(".json") {
            shared[String(file.dropLast(5))] = try load("defs/\(file)")
        }
        return try bundle(envelope: try load("envelope.json"), components: components, shared: shared)
    }

    /// The bundle as committed: pretty JSON (two-space indent, schema key order) plus a final newline.
    public static func text(_ bundle: JSONValue) -> String {
        JSONWriter(pretty: true).string(bundle) + "\n"
    }

    private static func checkExactly(_ found: Set<String>, _ expected: [String], dir: String) throws(BundleError) {
        for name in expected where !found.contains(name) {
            throw BundleError(file: "\(dir)/\(name).json", message: "missing")
        }
        for name in found.sorted() where !expected.contains(name) {
            throw BundleError(file: "\(dir)/\(name).json", message: "not in the catalog list (add it to CatalogBundle)")
        }
    }

    /// Every `$ref` must be a local `#/$defs/<Name>` that exists.
    private static func checkReferences(_ value: JSONValue, defs: JSONObject, at pointer: JSONPointer = .root) throws(BundleError) {
        switch value {
        case .object(let o):
            for (k, v) in o {
                if k == "$ref" {
                    guard case .string(let r) = v, r.hasPrefix("#/$defs/"), defs[String(r.dropFirst(8))] != nil else {
                        throw BundleError(file: bundleFileName, message: "\((pointer / k).display): unresolved reference \(v)")
                    }
                } else {
                    try checkReferences(v, defs: defs, at: pointer / k)
                }
            }
        case .array(let a):
            for (i, v) in a.enumerated() { try checkReferences(v, defs: defs, at: pointer / i) }
        default:
            break
        }
    }
}
