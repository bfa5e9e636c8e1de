import JSONSchema

/// Size figures of a schema, compared against OpenAI's strict-mode limits
/// (≤ 5,000 object properties, ≤ 10 levels of nesting, ≤ 1,000 enum values).
public struct SchemaBudget: Sendable, Equatable, CustomStringConvertible {
    /// Total number of properties over every `properties` object.
    public var properties = 0
    /// Total number of values over every `enum`.
    public var enumValues = 0
    /// Deepest nesting of object schemas from the root, counted through `properties`, `items`,
    /// `anyOf` and local `$ref`s; a reference to a definition already on the path (recursion) ends
    /// the path, so a recursive tree counts one trip through its cycle.
    public var objectNesting = 0

    /// OpenAI's published limits.
    public static let openAILimits = SchemaBudget(properties: 5_000, enumValues: 1_000, objectNesting: 10)

    public init(properties: Int = 0, enumValues: Int = 0, objectNesting: Int = 0) {
        self.properties = properties; self.enumValues = enumValues; self.objectNesting = objectNesting
    }

    /// Measures a bundled schema.
    public init(measuring schema: JSONValue) {
        let defs = schema["$defs"]?.objectValue ?? JSONObject()
        count(schema)
        for (_, d) in defs { count(d) }
        objectNesting = Self.nesting(schema, defs: defs, onPath: [])
    }

    /// True when every figure is within `limits`.
    public func fits(_ limits: SchemaBudget = .openAILimits) -> Bool {
        properties <= limits.properties && enumValues <= limits.enumValues && objectNesting <= limits.objectNesting
    }

    public var description: String { "\(properties) properties, \(enumValues) enum values, nesting \(objectNesting)" }

    /// Totals of properties and enum values, each definition counted once.
    private mutating func count(_ schema: JSONValue) {
        guard case .object(let o) = schema else { return }
        if case .object(let props)? = o["properties"] {
            properties += props.count
            for (_, p) in props { count(p) }
        }
        if case .array(let values)? = o["enum"] { enumValues += values.count }
        if let items = o["items"] { count(items) }
        if case .array(let branches)? = o["anyOf"] { for b in branches { count(b) } }
    }

    private static func nesting(_ schema: JSONValue, defs: JSONObject, onPath: Set<String>) -> Int {
        guard case .object(let o) = schema else { return 0 }
        var path = onPath
        if case .string(let ref)? = o["$ref"], ref.hasPrefix("#/$defs/") {
            let name = String(ref.dropFirst(8))
            guard !path.contains(name), let target = defs[name] else { return 0 }
            path.insert(name)
            return nesting(target, defs: defs, onPath: path)
        }
        var below = 0
        if case .object(let props)? = o["properties"] {
            for (_, p) in props { below = max(below, nesting(p, defs: defs, onPath: path)) }
        }
        if let items = o["items"] { below = max(below, nesting(items, defs: defs, onPath: path)) }
        if case .array(let branches)? = o["anyOf"] {
            for b in branches { below = max(below, nesting(b, defs: defs, onPath: path)) }
        }
        return o["properties"] != nil ? below + 1 : below
    }
}
