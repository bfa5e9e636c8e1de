/// Finds the subschema a `$ref` points at inside one schema document.
///
/// At construction it walks the document once and indexes every schema resource (`$id`, or `id` in
/// draft-04, absolute or relative to the enclosing resource) and every location-independent name
/// (`$anchor`, `$dynamicAnchor`, and draft-06/07 fragment ids such as `"$id": "#node"`).
/// References to anything outside the document are reported as errors; nothing is fetched.
public struct SchemaResolver: Sendable {
    /// The whole schema document.
    public let document: JSONValue
    /// Detected dialect from `$schema` (draft-04/06/07, 2019-09, 2020-12; default 2020-12).
    public let dialect: SchemaDialect
    /// The base URI the document was loaded from (the root `$id` resolved against it, if any).
    public let rootURI: String
    /// Absolute resource URI (no fragment) → pointer of the schema carrying that `$id`.
    public private(set) var resources: [String: JSONPointer] = [:]
    /// `resourceURI#anchor` → pointer of the schema declaring the anchor.
    public private(set) var anchors: [String: JSONPointer] = [:]
    /// Pointers of schemas that change the base URI → the base URI in force inside them.
    private var bases: [JSONPointer: String] = [:]

    /// Keywords whose value is one subschema.
    static let schemaKeywords: Set<String> = [
        "additionalProperties", "additionalItems", "items", "contains", "propertyNames", "not",
        "if", "then", "else", "unevaluatedProperties", "unevaluatedItems", "contentSchema",
    ]
    /// Keywords whose value is an array of subschemas.
    static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]
    /// Keywords whose value maps names to subschemas.
    static let schemaMapKeywords: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies",
    ]
    /// Keywords whose value is plain data and never holds schemas.
    static let dataKeywords: Set<String> = [
        "enum", "const", "examples", "default", "required", "type", "$comment", "title", "description",
        "dependentRequired", "$ref", "$id", "id", "$anchor", "$schema", "$vocabulary", "format", "pattern",
    ]
    /// Keywords that carry no assertion; a schema made only of these and `$ref` is a pure reference.
    static let annotationKeywords: Set<String> = [
        "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
        "$schema", "$id", "$anchor", "$dynamicAnchor", "$defs", "definitions",
    ]

    /// Indexes `$id` (absolute and relative, resolved against parents), `$anchor`, `$defs`, `definitions`.
    /// Throws when the document is not a schema (an object or a boolean) or an `$id` is malformed.
    public init(document: JSONValue, baseURI: String = "") throws {
        self.document = document
        switch document {
        case .object, .bool: break
        default: throw SchemaError(.root, "a schema must be an object or a boolean, found \(document.typeName)")
        }
        self.dialect = SchemaDialect(schemaURI: document["$schema"]?.stringValue)
        self.rootURI = URIReference(parsing: baseURI).withoutFragment
        resources[rootURI] = .root
        bases[.root] = rootURI
        var budget = 1_000_000
        try index(document, at: .root, base: rootURI, budget: &budget)
    }

    private mutating func index(_ value: JSONValue, at pointer: JSONPointer, base: String, budget: inout Int) throws {
        guard case .object(let obj) = value else { return }
        budget -= 1
        if budget < 0 { throw SchemaError(pointer, "schema too large to index") }
        var base = base
        let hidesSiblings = dialect.isLegacy && obj["$ref"] != nil
        if !hidesSiblings, let id = obj[dialect.idKeyword]?.stringValue ?? (dialect == .draft4 ? obj["$id"]?.stringValue : nil) {
            let resolved = URIReference(parsing: URIReference.resolve(id, against: base))
            let fragment = resolved.fragment ?? ""
            let hasResourcePart = !id.hasPrefix("#")
            if hasResourcePart {
                base = resolved.withoutFragment
                if resources[base] == nil { resources[base] = pointer }
                bases[pointer] = base
            }
            if !fragment.isEmpty {
                if fragment.hasPrefix("/") {
                    if dialect == .draft2020_12 || dialect == .draft2019_09 {
                        throw SchemaError(pointer / dialect.idKeyword, "an $id must not contain a JSON Pointer fragment")
                    }
                } else {
                    anchors[base + "#" + fragment] = pointer
                }
            }
        }
        for key in ["$anchor", "$dynamicAnchor", "$recursiveAnchor"] {
            if let name = obj[key]?.stringValue, !name.isEmpty { anchors[base + "#" + name] = pointer }
        }
        for (key, child) in obj {
            if Self.dataKeywords.contains(key) { continue }
            let childPointer = pointer / key
            if Self.schemaMapKeywords.contains(key), case .object(let map) = child {
                for (name, sub) in map { try index(sub, at: childPointer / name, base: base, budget: &budget) }
            } else if case .array(let items) = child {
                guard Self.schemaArrayKeywords.contains(key) else { continue }
                for (i, sub) in items.enumerated() { try index(sub, at: childPointer / i, base: base, budget: &budget) }
            } else {
                // Known single-schema keywords and unknown keywords holding objects (some schemas keep
                // definitions under custom keys and point into them).
                try index(child, at: childPointer, base: base, budget: &budget)
            }
        }
    }

    /// The base URI in force for the (sub)schema at `pointer`.
    public func baseURI(at pointer: JSONPointer) -> String {
        var p: JSONPointer? = pointer
        while let cur = p {
            if let b = bases[cur] { return b }
            p = cur.parent
        }
        return rootURI
    }

    /// Resolves the `$ref` string found in the (sub)schema located at `pointer`. Returns the target subschema and its
    /// pointer in the document. Handles `#`, `#/json/pointer` (percent- and ~-decoded), `#anchor`, `other-id#/x`,
    /// relative ids against the base URI in scope at `pointer`. Remote/unknown refs throw SchemaError naming the ref.
    ///
    /// When the target is itself only a reference (a `$ref` with annotations, or any `$ref` in draft-04–07), the
    /// chain is followed to the first real schema; a chain that loops back on itself throws.
    public func resolve(_ ref: String, at pointer: JSONPointer) throws -> (schema: JSONValue, pointer: JSONPointer) {
        var target = try resolveOnce(ref, at: pointer)
        var seen: Set<JSONPointer> = [target.pointer]
        while let next = pureReference(target.schema) {
            let step = try resolveOnce(next, at: target.pointer)
            if !seen.insert(step.pointer).inserted {
                throw SchemaError(pointer, "$ref \"\(ref)\" leads into a cycle of references that never reaches a schema")
            }
            target = step
        }
        return target
    }

    /// The `$ref` of a schema that is nothing but a reference, else `nil`.
    public func pureReference(_ schema: JSONValue) -> String? {
        guard case .object(let obj) = schema, let ref = obj["$ref"]?.stringValue else { return nil }
        if dialect.isLegacy { return ref }
        for key in obj.keys where key != "$ref" && !Self.annotationKeywords.contains(key) { return nil }
        return ref
    }

    /// Resolves one `$ref` step without following chains.
    public func resolveOnce(_ ref: String, at pointer: JSONPointer) throws -> (schema: JSONValue, pointer: JSONPointer) {
        let absolute = URIReference(parsing: URIReference.resolve(ref, against: baseURI(at: pointer)))
        let resourceURI = absolute.withoutFragment
        guard let resource = resources[resourceURI] else {
            throw SchemaError(pointer / "$ref", "cannot resolve $ref \"\(ref)\": \"\(resourceURI)\" is not part of this document (remote references are not fetched)")
        }
        let fragment = absolute.fragment ?? ""
        let targetPointer: JSONPointer
        if fragment.isEmpty {
            targetPointer = resource
        } else if fragment.hasPrefix("/") || fragment.hasPrefix("%2F") || fragment.hasPrefix("%2f") {
            guard let relative = JSONPointer(parsing: "#" + fragment) else {
                throw SchemaError(pointer / "$ref", "cannot resolve $ref \"\(ref)\": malformed JSON Pointer fragment")
            }
            targetPointer = JSONPointer(resource.tokens + relative.tokens)
        } else {
            let name = fragment.removingPercentEncodingSafe() ?? fragment
            guard let anchored = anchors[resourceURI + "#" + name] else {
                throw SchemaError(pointer / "$ref", "cannot resolve $ref \"\(ref)\": no anchor named \"\(name)\"")
            }
            targetPointer = anchored
        }
        guard let schema = targetPointer.resolve(in: document) else {
            throw SchemaError(pointer / "$ref", "cannot resolve $ref \"\(ref)\": nothing at \(targetPointer.display)")
        }
        return (schema, targetPointer)
    }
}
