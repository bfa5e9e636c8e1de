import JSONSchema

/// How the compiler treats each JSON Schema keyword.
enum Keywords {
    /// No assertion: ignored by the compiler.
    static let annotations: Set<String> = [
        "title", "description", "default", "examples", "$comment", "deprecated", "readOnly", "writeOnly",
        "$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$defs", "definitions", "contentMediaType",
        "contentEncoding", "contentSchema", "$vocabulary", "example",
    ]

    /// Assertions and applicators the compiler implements.
    static let supported: Set<String> = [
        "type", "enum", "const", "properties", "required", "additionalProperties", "patternProperties",
        "minProperties", "maxProperties", "items", "prefixItems", "additionalItems", "minItems", "maxItems",
        "anyOf", "oneOf", "allOf", "$ref", "minLength", "maxLength", "pattern", "format", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems",
    ]

    /// Assertions and applicators the compiler does not implement: a compile error (a warning when lenient).
    /// Keywords outside all three sets are unknown extensions, which JSON Schema ignores.
    static let unsupported: Set<String> = [
        "not", "if", "contains", "minContains", "maxContains", "dependentRequired", "dependentSchemas",
        "dependencies", "unevaluatedProperties", "unevaluatedItems", "propertyNames", "$dynamicRef",
        "$recursiveRef",
    ]

    /// Keywords that only constrain values of the given JSON type.
    static let objectKeywords: Set<String> = [
        "properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties",
    ]
    static let arrayKeywords: Set<String> = ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems"]
    static let stringKeywords: Set<String> = ["minLength", "maxLength", "pattern", "format"]
    static let numberKeywords: Set<String> = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]

    /// The keys of `obj` that assert something (not annotations).
    static func assertingKeys(_ obj: JSONObject) -> [String] {
        obj.keys.filter { !annotations.contains($0) }
    }
}

/// The JSON types, as a set (`integer` is a subset of `number`).
struct JSONTypeSet: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let null = JSONTypeSet(rawValue: 1)
    static let boolean = JSONTypeSet(rawValue: 2)
    /// Integers only.
    static let integer = JSONTypeSet(rawValue: 4)
    /// Numbers with a fractional part (together with `.integer`: every number).
    static let fractional = JSONTypeSet(rawValue: 8)
    static let string = JSONTypeSet(rawValue: 16)
    static let array = JSONTypeSet(rawValue: 32)
    static let object = JSONTypeSet(rawValue: 64)
    static let number: JSONTypeSet = [.integer, .fractional]
    static let all: JSONTypeSet = [.null, .boolean, .number, .string, .array, .object]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "integer": self = .integer
        case "number": self = .number
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    /// The type set of one instance value.
    init(of value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool: self = .boolean
        case .number(let n): self = n.isInteger ? .integer : .fractional
        case .string: self = .string
        case .array: self = .array
        case .object: self = .object
        }
    }

    /// The set named by a `type` keyword value (a name or an array of names); nil when malformed.
    init?(typeKeyword: JSONValue) {
        switch typeKeyword {
        case .string(let s):
            guard let t = JSONTypeSet(name: s) else { return nil }
            self = t
        case .array(let items):
            var t: JSONTypeSet = []
            for item in items {
                guard let s = item.stringValue, let one = JSONTypeSet(name: s) else { return nil }
                t.formUnion(one)
            }
            self = t
        default:
            return nil
        }
    }

    /// `type` keyword names for this set, in a fixed order.
    var names: [String] {
        var out: [String] = []
        if contains(.null) { out.append("null") }
        if contains(.boolean) { out.append("boolean") }
        if contains(.number) { out.append("number") } else if contains(.integer) { out.append("integer") }
        if contains(.string) { out.append("string") }
        if contains(.array) { out.append("array") }
        if contains(.object) { out.append("object") }
        return out
    }
}
