import JSONSchema

/// The catalog as handed to the core for generation: every free-text string gets a `maxLength`.
///
/// The published catalog stays within OpenAI's strict subset, which has no string lengths, so the
/// bounds are added here. They stop a small model that starts repeating itself inside a string
/// (a common failure of 100M-parameter models) at a sensible size instead of at the token limit,
/// and any answer they allow is still valid against the published catalog.
public enum GenerationProfile {
    /// Caps by property name; other free-text strings get `defaultMaxLength`.
    public static let maxLengths: [String: Int] = [
        "id": 48, "title": 80, "subtitle": 120, "answer": 400, "label": 60, "name": 40, "unit": 16,
        "text": 600, "markdown": 1200, "description": 240, "caption": 160, "prompt": 160, "summary": 300,
    ]
    public static let defaultMaxLength = 120

    /// Components a generated dashboard has at least (a small model otherwise often stops after a
    /// single list of suggestions).
    public static let minimumDashboardChildren = 2

    public static func bounded(_ schema: JSONValue) -> JSONValue {
        var result = bound(schema, propertyName: nil)
        if case .object(var root) = result, case .object(var defs)? = root["$defs"],
           case .object(var dashboard)? = defs["Dashboard"], case .object(var properties)? = dashboard["properties"],
           case .object(var children)? = properties["children"], children["minItems"] == nil {
            children["minItems"] = .int(minimumDashboardChildren)
            properties["children"] = .object(children)
            dashboard["properties"] = .object(properties)
            defs["Dashboard"] = .object(dashboard)
            root["$defs"] = .object(defs)
            result = .object(root)
        }
        return result
    }

    private static func bound(_ schema: JSONValue, propertyName: String?) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        if isFreeText(o) {
            o["maxLength"] = .int(propertyName.flatMap { maxLengths[$0] } ?? defaultMaxLength)
        }
        for key in o.keys {
            guard let value = o[key] else { continue }
            switch key {
            case "properties", "$defs", "definitions", "patternProperties":
                guard case .object(var members) = value else { continue }
                for name in members.keys {
                    members[name] = bound(members[name]!, propertyName: key == "properties" ? name : nil)
                }
                o[key] = .object(members)
            case "items", "additionalProperties", "not":
                o[key] = bound(value, propertyName: key == "items" ? nil : propertyName)
            case "anyOf", "oneOf", "allOf", "prefixItems":
                guard case .array(let branches) = value else { continue }
                o[key] = .array(branches.map { bound($0, propertyName: propertyName) })
            default:
                continue
            }
        }
        return .object(o)
    }

    /// A string schema with no shape of its own (no enum, const, pattern, format or length).
    private static func isFreeText(_ o: JSONObject) -> Bool {
        let isString: Bool
        switch o["type"] {
        case .string("string")?: isString = true
        case .array(let types)?: isString = types.contains(.string("string"))
        default: isString = false
        }
        guard isString else { return false }
        return ["enum", "const", "pattern", "format", "maxLength"].allSatisfy { o[$0] == nil }
    }
}
