/// Checks a JSON Schema against the rules and limits of OpenAI Structured Outputs in strict mode
/// (`"strict": true`), so a schema can be fixed before it is sent.
///
/// Errors are what strict mode rejects: a root that is not an object, objects without
/// `additionalProperties: false`, properties missing from `required`, unsupported keywords (`allOf`,
/// `not`, `if`/`then`/`else`, `oneOf`, `patternProperties`, `unevaluated*`, `contains`, `uniqueItems`, …),
/// schemas without a `type`, and the size limits of `StrictModeLimits`. Warnings are advice: a property
/// without `description`, a `format` strict mode does not know, keywords it does not enforce
/// (`minLength`, `maxLength`), and `anyOf` object variants that cannot be told apart by their first property.
///
/// `$ref`s are followed into `$defs`/`definitions`; every definition is linted once (recursion is fine),
/// and definitions nothing refers to are linted too. Nesting depth through a reference counts from where
/// the definition is first reached.
public struct StrictModeLinter: Sendable {
    public var limits: StrictModeLimits

    /// String formats strict mode supports; any other `format` is a warning.
    public static let supportedFormats: Set<String> = [
        "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid",
    ]

    /// Keywords strict mode rejects, with a hint on what to do instead.
    public static let rejectedKeywords: [String: String] = [
        "allOf": "merge the subschemas into one object",
        "not": "describe the allowed values positively",
        "if": "use anyOf over the cases", "then": "use anyOf over the cases", "else": "use anyOf over the cases",
        "oneOf": "use anyOf",
        "dependentRequired": "make the properties always required (nullable if optional)",
        "dependentSchemas": "use anyOf over the cases", "dependencies": "use anyOf over the cases",
        "patternProperties": "list the properties explicitly",
        "unevaluatedProperties": "use additionalProperties: false", "unevaluatedItems": "use items",
        "contains": "constrain items instead", "minContains": "constrain items instead", "maxContains": "constrain items instead",
        "uniqueItems": "check uniqueness after generation",
        "propertyNames": "list the properties explicitly",
        "minProperties": "list the properties explicitly", "maxProperties": "list the properties explicitly",
        "prefixItems": "use an object with named properties", "additionalItems": "use items",
        "$dynamicRef": "use $ref", "$dynamicAnchor": "use $defs", "$recursiveRef": "use $ref",
        "default": "put the default in the description",
    ]

    /// Keywords strict mode accepts but does not enforce while generating.
    public static let unenforcedKeywords: Set<String> = ["minLength", "maxLength"]

    static let knownTypes: Set<String> = ["string", "number", "integer", "boolean", "object", "array", "null"]

    public init(limits: StrictModeLimits = StrictModeLimits()) { self.limits = limits }

    /// Every issue found in `schema`, errors and warnings, in document order.
    public func lint(_ schema: JSONValue, baseURI: String = "") -> [LintIssue] {
        let run = StrictLintRun(limits: limits)
        do {
            run.resolver = try SchemaResolver(document: schema, baseURI: baseURI)
        } catch let e as SchemaError {
            return [LintIssue(.error, e.pointer, e.message)]
        } catch {
            return [LintIssue(.error, .root, "\(error)")]
        }
        run.checkRoot(schema)
        run.visit(schema, at: .root, level: 0)
        run.lintUnreferencedDefinitions(schema)
        run.checkTotals()
        return run.issues
    }
}

/// The state of one lint: issues so far, running totals for the size limits, definitions already linted.
final class StrictLintRun {
    let limits: StrictModeLimits
    var resolver: SchemaResolver?
    var issues: [LintIssue] = []
    var visited: Set<JSONPointer> = []
    var totalProperties = 0
    var totalCharacters = 0
    var totalEnumValues = 0
    var deepestReported = false

    init(limits: StrictModeLimits) { self.limits = limits }

    func error(_ pointer: JSONPointer, _ message: String) { issues.append(LintIssue(.error, pointer, message)) }
    func warning(_ pointer: JSONPointer, _ message: String) { issues.append(LintIssue(.warning, pointer, message)) }

    func checkRoot(_ schema: JSONValue) {
        guard case .object(let obj) = schema else {
            error(.root, "the root schema must be an object schema, not a boolean")
            return
        }
        if obj["anyOf"] != nil {
            error(.root, "the root schema must be an object, not anyOf; wrap the alternatives in a property")
        } else if obj["type"] != .string("object") {
            error(.root, "the root schema must have type \"object\"")
        }
        for key in ["$defs", "definitions"] {
            if case .object(let defs)? = obj[key] { for name in defs.keys { totalCharacters += name.count } }
        }
    }

    /// Lints the schema at `pointer`; `level` is the number of enclosing object schemas.
    func visit(_ schema: JSONValue, at pointer: JSONPointer, level: Int) {
        visited.insert(pointer)
        guard case .object(let obj) = schema else {
            if case .bool = schema {
                error(pointer, "boolean schemas are not supported in strict mode; use a schema with a type")
            } else {
                error(pointer, "a schema must be an object, found \(schema.typeName)")
            }
            return
        }
        for key in obj.keys {
            if let hint = StrictModeLinter.rejectedKeywords[key] {
                error(pointer / key, "\(key) is not supported in strict mode (\(hint))")
            } else if StrictModeLinter.unenforcedKeywords.contains(key) {
                warning(pointer / key, "\(key) is not enforced in strict mode; check it after generation")
            }
        }
        if let ref = obj["$ref"]?.stringValue { follow(ref, from: pointer, level: level) }
        checkType(obj, at: pointer)
        let types = typeNames(obj)
        var objectLevel = level
        if types.contains("object") || obj["properties"] != nil {
            objectLevel = level + 1
            checkObject(obj, at: pointer, level: objectLevel)
        }
        if types.contains("array") || obj["items"] != nil { checkArray(obj, at: pointer, level: objectLevel) }
        if case .array(let variants)? = obj["anyOf"] {
            for (i, variant) in variants.enumerated() { visit(variant, at: pointer / "anyOf" / i, level: level) }
            checkDistinguishable(variants, at: pointer / "anyOf")
        }
        if case .array(let values)? = obj["enum"] { checkEnum(values, at: pointer / "enum") }
        if let value = obj["const"] { totalCharacters += characters(of: value) }
        if let format = obj["format"]?.stringValue, !StrictModeLinter.supportedFormats.contains(format) {
            warning(pointer / "format", "format \"\(format)\" is not supported in strict mode (supported: \(StrictModeLinter.supportedFormats.sorted().joined(separator: ", ")))")
        }
        for key in ["$defs", "definitions"] where pointer != .root {
            if case .object(let defs)? = obj[key] { for name in defs.keys { totalCharacters += name.count } }
        }
    }

    func typeNames(_ obj: JSONObject) -> [String] {
        switch obj["type"] {
        case .string(let t)?: return [t]
        case .array(let ts)?: return ts.compactMap(\.stringValue)
        default: return []
        }
    }

    func checkType(_ obj: JSONObject, at pointer: JSONPointer) {
        guard let type = obj["type"] else {
            if obj["anyOf"] == nil && obj["$ref"] == nil && obj["enum"] == nil && obj["const"] == nil {
                error(pointer, "schema has no type; strict mode needs a type (or anyOf, enum, const, $ref) on every schema")
            }
            return
        }
        let names: [JSONValue]
        if case .array(let list) = type { names = list } else { names = [type] }
        for name in names {
            guard let t = name.stringValue, StrictModeLinter.knownTypes.contains(t) else {
                error(pointer / "type", "unknown type \(name)")
                continue
            }
        }
    }

    func follow(_ ref: String, from pointer: JSONPointer, level: Int) {
        guard let resolver else { return }
        do {
            let target = try resolver.resolve(ref, at: pointer)
            if !visited.contains(target.pointer) { visit(target.schema, at: target.pointer, level: level) }
        } catch let e as SchemaError {
            error(e.pointer, e.message)
        } catch {
            self.error(pointer / "$ref", "\(error)")
        }
    }

    func checkObject(_ obj: JSONObject, at pointer: JSONPointer, level: Int) {
        if level > limits.maxNestingDepth && !deepestReported {
            deepestReported = true
            error(pointer, "objects are nested \(level) levels deep; strict mode allows at most \(limits.maxNestingDepth)")
        }
        switch obj["additionalProperties"] {
        case .bool(false)?: break
        case nil: error(pointer, "object must set additionalProperties: false")
        case .some: error(pointer / "additionalProperties", "additionalProperties must be false in strict mode")
        }
        let properties = obj["properties"]?.objectValue ?? JSONObject()
        let required = Set((obj["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        for name in required where properties[name] == nil {
            error(pointer / "required", "required lists \"\(name)\", which is not a property")
        }
        for (name, sub) in properties {
            let p = pointer / "properties" / name
            totalProperties += 1
            totalCharacters += name.count
            if !required.contains(name) {
                error(p, "property \"\(name)\" must be listed in required (make it nullable with type [\"…\", \"null\"] if it is optional)")
            }
            if !hasDescription(sub, at: p) { warning(p, "property \"\(name)\" has no description") }
            visit(sub, at: p, level: level)
        }
    }

    /// Whether a property schema (or the definition its `$ref` points to) has a description.
    func hasDescription(_ schema: JSONValue, at pointer: JSONPointer) -> Bool {
        guard case .object(let obj) = schema else { return false }
        if obj["description"]?.stringValue != nil { return true }
        if let ref = obj["$ref"]?.stringValue, let target = try? resolver?.resolve(ref, at: pointer) {
            return target.schema["description"]?.stringValue != nil
        }
        return false
    }

    func checkArray(_ obj: JSONObject, at pointer: JSONPointer, level: Int) {
        switch obj["items"] {
        case nil: error(pointer, "array schema must define items")
        case .array?: error(pointer / "items", "items must be a single schema in strict mode (tuple form is not supported)")
        case let items?: visit(items, at: pointer / "items", level: level)
        }
    }

    func checkEnum(_ values: [JSONValue], at pointer: JSONPointer) {
        totalEnumValues += values.count
        var length = 0
        for value in values { length += characters(of: value) }
        totalCharacters += length
        if values.count > limits.largeEnumValueCount, values.allSatisfy({ $0.stringValue != nil }),
           length > limits.largeEnumMaxCharacters {
            error(pointer, "enum of \(values.count) strings totals \(length) characters; strict mode allows at most \(limits.largeEnumMaxCharacters) characters in an enum of more than \(limits.largeEnumValueCount) values")
        }
    }

    func characters(of value: JSONValue) -> Int {
        if case .string(let s) = value { return s.count }
        return value.description.count
    }

    /// Warns when two object variants of an `anyOf` start with the same property and that property does
    /// not tell them apart (no `const`/`enum`, or overlapping values).
    func checkDistinguishable(_ variants: [JSONValue], at pointer: JSONPointer) {
        var firsts: [(index: Int, key: String, values: [JSONValue]?)] = []
        for (i, variant) in variants.enumerated() {
            var schema = variant
            if let ref = variant["$ref"]?.stringValue, let target = try? resolver?.resolve(ref, at: pointer / i) {
                schema = target.schema
            }
            guard case .object(let props)? = schema["properties"], let key = props.keys.first, let first = props[key] else { continue }
            let values: [JSONValue]?
            if let c = first["const"] { values = [c] } else { values = first["enum"]?.arrayValue }
            firsts.append((i, key, values))
        }
        for (a, x) in firsts.enumerated() {
            for y in firsts[(a + 1)...] where x.key == y.key {
                let overlap: Bool
                if let xv = x.values, let yv = y.values { overlap = xv.contains(where: { yv.contains($0) }) } else { overlap = true }
                if overlap {
                    warning(pointer / y.index, "variants \(x.index) and \(y.index) both start with property \"\(x.key)\" with the same (or no) const/enum value; they cannot be told apart")
                }
            }
        }
    }

    func lintUnreferencedDefinitions(_ schema: JSONValue) {
        for key in ["$defs", "definitions"] {
            guard case .object(let defs)? = schema[key] else { continue }
            for (name, def) in defs {
                let p = JSONPointer.root / key / name
                if !visited.contains(p) { visit(def, at: p, level: 0) }
            }
        }
    }

    func checkTotals() {
        if totalProperties > limits.maxTotalProperties {
            error(.root, "schema has \(totalProperties) object properties; strict mode allows at most \(limits.maxTotalProperties)")
        }
        if totalCharacters > limits.maxTotalNameAndValueCharacters {
            error(.root, "property names, definition names, enum and const values total \(totalCharacters) characters; strict mode allows at most \(limits.maxTotalNameAndValueCharacters)")
        }
        if totalEnumValues > limits.maxTotalEnumValues {
            error(.root, "schema has \(totalEnumValues) enum values; strict mode allows at most \(limits.maxTotalEnumValues)")
        }
    }
}
