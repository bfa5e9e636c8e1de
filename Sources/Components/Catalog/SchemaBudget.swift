import JSONSchema

/// Size figures of a schema, compared against OpenAI's strict-mode limits
/// (≤ 5,000 object properties, ≤ 10 levels of nesting, ≤ 1,000 enum values).
public struct SchemaBudget: Sendable, Equatable, CustomStringConvertible {
    /// Total number of properties over every `properties` object.
    public var properties = 0
    /// Total number of values over every `enum`.
    public var enumValues = 0
    /// Deepest nesting of object schemas, counted through `properties`, `items` and `anyOf` and
    /// through each `$defs` entry separately (references are not followed; recursion restarts the count).
    public var objectNesting = 0

    /// OpenAI's published limits.
    public static let openAILimits = SchemaBudget(properties: 5_000, enumValues: 1_000, objectNesting: 10)

    public init(properties: Int = 0, enumValues: Int = 0, objectNesting: Int = 0) {
        self.properties = properties; self.enumValues = enumValues; self.objectNesting = objectNesting
    }

    /// Measures a bundled schema.
    public init(measuring schema: JSONValue) {
        measure(schema, depth: 0)
        if case .object(let o) = schema, case .object(let defs)? = o["$defs"] {
            for (_, d) in defs { measure(d, depth: 0) }
        }
    }

    /// True when every figure is within `limits`.
    public func fits(_ limits: SchemaBudget = .openAILimits) -> Bool {
        properties <= limits.properties && enumValues <= limits.enumValues && objectNesting <= limits.objectNesting
    }

    public var description: String { "\(properties) properties, \(enumValues) enum values, nesting \(objectNesting)" }

    private mutating func measure(_ schema: JSONValue, depth: Int) {
        guard case .object(let o) = schema else { return }
        var d = depth
        if case .object(let props)? = o["properties"] {
            d += 1
            objectNesting = max(objectNesting, d)
            properties += props.count
            for (_, p) in props { measure(p, depth: d) }
        }
        if case .array(let values)? = o["enum"] { enumValues += values.count }
        if let items = o["items"] { measure(items, depth: d) }
        if case .array(let branches)? = o["anyOf"] { for b in branches { measure(b, depth: d) } }
    }
}
