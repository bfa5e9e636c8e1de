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

    /// Column counts the generated chart data and tables may have. Each count becomes one `anyOf`
    /// branch in which the columns and every row have exactly that length, so "each row has one value
    /// per column", which JSON Schema cannot relate, holds by construction.
    public static let chartColumnCounts = 1...4
    public static let tableColumnCounts = 1...6

    public static func bounded(_ schema: JSONValue) -> JSONValue {
        guard case .object(var root) = bound(schema, propertyName: nil) else { return schema }
        if case .object(var defs)? = root["$defs"] {
            for (name, counts) in [("ChartData", chartColumnCounts), ("Table", tableColumnCounts)] {
                guard let def = defs[name], let split = splitByColumnCount(def, counts: counts) else { continue }
                defs[name] = split
            }
            root["$defs"] = .object(defs)
        }
        return .object(root)
    }

    /// `{anyOf: [def with n columns and rows of n cells, for n in counts]}`, or nil when `def` does not
    /// have `columns` before `rows`.
    private static func splitByColumnCount(_ def: JSONValue, counts: ClosedRange<Int>) -> JSONValue? {
        guard case .object(let object) = def, case .object(let properties)? = object["properties"],
              case .object(var columns)? = properties["columns"], case .object(let rowsProperty)? = properties["rows"],
              let c = properties.keys.firstIndex(of: "columns"), let r = properties.keys.firstIndex(of: "rows"), c < r else { return nil }
        // The rows array is the property itself, or the first branch of an anyOf (a table's rows may
        // instead be a query, which has no row length).
        var inAnyOf = false
        var rows = rowsProperty
        if rows["items"] == nil, case .array(let branches)? = rowsProperty["anyOf"], case .object(let first)? = branches.first, first["items"] != nil {
            rows = first
            inAnyOf = true
        }
        guard case .object(var row)? = rows["items"] else { return nil }
        var branches: [JSONValue] = []
        for n in counts {
            columns["minItems"] = .int(n)
            columns["maxItems"] = .int(n)
            row["minItems"] = .int(n)
            row["maxItems"] = .int(n)
            rows["items"] = .object(row)
            var p = properties
            p["columns"] = .object(columns)
            if inAnyOf, case .array(var alternatives)? = rowsProperty["anyOf"] {
                alternatives[0] = .object(rows)
                var wrapped = rowsProperty
                wrapped["anyOf"] = .array(alternatives)
                p["rows"] = .object(wrapped)
            } else {
                p["rows"] = .object(rows)
            }
            var branch = object
            branch["properties"] = .object(p)
            branch["description"] = nil
            branches.append(.object(branch))
        }
        var result = JSONObject()
        if let description = object["description"] { result["description"] = description }
        result["anyOf"] = .array(branches)
        return .object(result)
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
