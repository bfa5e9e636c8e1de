import JSONSchema

/// Folds `$ref` targets and `allOf` members into one schema object (a "flat" schema), exactly or not
/// at all: every combination that cannot be expressed exactly throws a `SchemaError`.
///
/// Subschemas below the top level are not merged eagerly: two property schemas for one key become
/// `{"allOf": [a, b]}`, merged when (and if) the compiler reaches them. Key order is deterministic:
/// the holder's own keywords first, then its `$ref` target, then the `allOf` members in order; the
/// `InstanceSerializer` relies on the same code, so property orders agree.
struct SchemaMerger {
    let resolver: SchemaResolver
    let limits: CompileLimits

    /// The decoded-content DFA of a `format`, cached; nil for an unknown format.
    func format(_ name: String) throws -> ByteDFA? {
        do {
            return try DFACache.dfa("format:" + name, limits: automataLimits) {
                guard let dfa = try FormatDFA.dfa(for: name, limits: automataLimits) else { throw AutomataError("unknown format") }
                return dfa
            }
        } catch let error as AutomataError where error.message == "unknown format" {
            return nil
        }
    }

    /// The DFA of an ECMA-262 `pattern` (search semantics), cached per pattern text.
    func regex(_ pattern: String) throws -> ByteDFA {
        try DFACache.dfa("regex:" + pattern, limits: automataLimits) { try RegexCompiler.compile(pattern, limits: automataLimits) }
    }

    var legacyRefs: Bool { resolver.dialect.isLegacy }

    /// The schema with `$ref` (when it has asserting siblings, or always with `inlineRefs`) and
    /// `allOf` folded in; draft-04/07 spellings normalized to 2020-12. Booleans are returned as is.
    func flatten(_ schema: JSONValue, at pointer: JSONPointer, depth: Int = 0) throws -> JSONValue {
        guard depth <= limits.maxNesting else {
            throw SchemaError(pointer, "allOf/$ref merging nests deeper than \(limits.maxNesting) levels (recursive allOf?)")
        }
        guard case .object(var obj) = schema else { return schema }
        let ref = obj["$ref"]?.stringValue
        let allOf = obj["allOf"]
        obj["$ref"] = nil
        obj["allOf"] = nil
        if ref != nil && legacyRefs { obj = JSONObject() }
        var result = normalized(obj)
        if let ref {
            let target = try resolver.resolve(ref, at: pointer)
            let flat = try flatten(target.schema, at: target.pointer, depth: depth + 1)
            result = try merge(result, flat, at: pointer)
        }
        if let allOf {
            guard case .array(let members) = allOf, !members.isEmpty else {
                throw SchemaError(pointer / "allOf", "allOf must be a non-empty array of schemas")
            }
            for (i, m) in members.enumerated() {
                let flat = try flatten(m, at: pointer / "allOf" / i, depth: depth + 1)
                result = try merge(result, flat, at: pointer / "allOf" / i)
            }
        }
        return result
    }

    /// Rewrites draft-04…2019-09 spellings to 2020-12: array `items` + `additionalItems` →
    /// `prefixItems` + `items`; boolean `exclusiveMinimum`/`exclusiveMaximum` → numeric ones.
    func normalized(_ input: JSONObject) -> JSONValue {
        var obj = input
        if case .array(let tuple)? = obj["items"] {
            obj["prefixItems"] = .array(tuple)
            obj["items"] = obj["additionalItems"]
        }
        obj["additionalItems"] = nil
        for (excl, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
            if case .bool(let b)? = obj[excl] {
                obj[excl] = nil
                if b, let v = obj[bound] {
                    obj[excl] = v
                    obj[bound] = nil
                }
            }
        }
        return .object(obj)
    }

    /// `allOf` of two flat schemas as one flat schema.
    func merge(_ a: JSONValue, _ b: JSONValue, at pointer: JSONPointer) throws -> JSONValue {
        switch (a, b) {
        case (.bool(false), _), (_, .bool(false)): return .bool(false)
        case (.bool(true), _): return b
        case (_, .bool(true)): return a
        default: break
        }
        guard case .object(let x) = a, case .object(let y) = b else {
            throw SchemaError(pointer, "a schema must be an object or a boolean")
        }
        if Keywords.assertingKeys(y).isEmpty { return a }
        if Keywords.assertingKeys(x).isEmpty {
            var out = y
            for (k, v) in x where out[k] == nil { out[k] = v }
            return .object(out)
        }
        var out = x
        for (key, vb) in y {
            guard let va = x[key] else {
                out[key] = vb
                continue
            }
            if va == vb && key != "properties" && key != "anyOf" && key != "oneOf" { continue }
            out[key] = try mergeKeyword(key, va, vb, x, y, at: pointer)
        }
        // `const` and `enum` of both sides intersect into one `enum`.
        if let vx = literalValues(x), let vy = literalValues(y) {
            out["const"] = nil
            out["enum"] = .array(vx.filter { vy.contains($0) })
        }
        try mergeObjectShape(&out, x, y, at: pointer)
        try mergeArrayShape(&out, x, y)
        return .object(out)
    }

    func mergeKeyword(_ key: String, _ va: JSONValue, _ vb: JSONValue, _ x: JSONObject, _ y: JSONObject, at pointer: JSONPointer) throws -> JSONValue? {
        switch key {
        case "type":
            guard let ta = JSONTypeSet(typeKeyword: va), let tb = JSONTypeSet(typeKeyword: vb) else {
                throw SchemaError(pointer / "type", "malformed type")
            }
            return .array(ta.intersection(tb).names.map { .string($0) })
        case "enum":
            guard case .array(let ea) = va, case .array(let eb) = vb else { throw SchemaError(pointer / "enum", "enum must be an array") }
            return .array(ea.filter { eb.contains($0) })
        case "const":
            return va   // reconciled with `enum` by the caller
        case "required":
            var names = va.arrayValue ?? []
            for n in vb.arrayValue ?? [] where !names.contains(n) { names.append(n) }
            return .array(names)
        case "minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum":
            return bound(va, vb, larger: true)
        case "maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum":
            return bound(va, vb, larger: false)
        case "multipleOf":
            guard let p = va.numberValue?.int64, let q = vb.numberValue?.int64, p > 0, q > 0 else {
                throw SchemaError(pointer / "multipleOf", "allOf combines two different non-integer multipleOf values")
            }
            let g = gcd(p, q)
            let (l, overflow) = (p / g).multipliedReportingOverflow(by: q)
            guard !overflow else { throw SchemaError(pointer / "multipleOf", "allOf: least common multiple of multipleOf overflows") }
            return .number(JSONNumber(Int(l)))
        case "pattern", "format":
            var list: [JSONValue] = []
            for v in [va, vb] {
                if case .array(let items) = v { list += items } else { list.append(v) }
            }
            var unique: [JSONValue] = []
            for v in list where !unique.contains(v) { unique.append(v) }
            return unique.count == 1 ? unique[0] : .array(unique)
        case "anyOf", "oneOf":
            guard case .array(let ba) = va, case .array(let bb) = vb else { throw SchemaError(pointer / key, "\(key) must be an array") }
            guard ba.count * bb.count <= limits.maxBranches else {
                throw SchemaError(pointer / key, "allOf of two \(key) lists gives \(ba.count * bb.count) branches (limit \(limits.maxBranches))")
            }
            var product: [JSONValue] = []
            for p in ba { for q in bb { product.append(.object(JSONObject([("allOf", .array([p, q]))]))) } }
            return .array(product)
        case "x-genui-not-strings", "x-genui-not-patterns":
            return .array((va.arrayValue ?? []) + (vb.arrayValue ?? []))
        case "not":
            // not A ∧ not B = not (A ∨ B).
            return .object(JSONObject([("anyOf", .array([va, vb]))]))
        case "uniqueItems":
            return .bool((va.boolValue ?? false) || (vb.boolValue ?? false))
        case "properties", "patternProperties", "additionalProperties", "items", "prefixItems":
            return va   // reconciled by the shape mergers
        default:
            if Keywords.annotations.contains(key) { return va }
            // Unknown keywords assert nothing; unsupported ones are reported (or ignored when
            // lenient) by the compiler either way, so one of the two values suffices.
            return va
        }
    }

    /// The values allowed by `const`/`enum` of one schema; nil when neither is present.
    func literalValues(_ side: JSONObject) -> [JSONValue]? {
        var values: [JSONValue]? = nil
        if let c = side["const"] { values = [c] }
        if case .array(let e)? = side["enum"] { values = (values ?? e).filter { e.contains($0) } }
        return values
    }

    func bound(_ a: JSONValue, _ b: JSONValue, larger: Bool) -> JSONValue {
        guard let x = a.doubleValue, let y = b.doubleValue else { return a }
        return (x > y) == larger ? a : b
    }

    func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }

    /// `allOf` of two schemas without eager merging.
    static func both(_ a: JSONValue?, _ b: JSONValue?) -> JSONValue? {
        guard let a else { return b }
        guard let b else { return a }
        switch (a, b) {
        case (.bool(false), _), (_, .bool(false)): return .bool(false)
        case (.bool(true), _): return b
        case (_, .bool(true)): return a
        default: return a == b ? a : .object(JSONObject([("allOf", .array([a, b]))]))
        }
    }

    /// The schema `side` applies to the value of member `key` (nil: anything): its `properties`
    /// entry and every matching `patternProperties` entry, else `additionalProperties`.
    func schemaForKey(_ key: String, in side: JSONObject, at pointer: JSONPointer) throws -> JSONValue? {
        var result = side["properties"]?[key]
        var matchedAny = result != nil
        if case .object(let patterns)? = side["patternProperties"], !patterns.isEmpty {
            for (pattern, schema) in patterns where try patternMatches(pattern, key, at: pointer / "patternProperties" / pattern) {
                result = Self.both(result, schema)
                matchedAny = true
            }
        }
        return matchedAny ? result : side["additionalProperties"]
    }

    /// Whether the ECMA-262 `pattern` finds a match in `text`.
    func patternMatches(_ pattern: String, _ text: String, at pointer: JSONPointer) throws -> Bool {
        do {
            return try regex(pattern).matches(Array(text.utf8))
        } catch {
            throw SchemaError(pointer, "pattern \"\(pattern)\" cannot be compiled: \(error)")
        }
    }

    var automataLimits: AutomataLimits {
        var l = AutomataLimits()
        l.maxStates = limits.maxAutomatonStates
        return l
    }

    func mergeObjectShape(_ out: inout JSONObject, _ x: JSONObject, _ y: JSONObject, at pointer: JSONPointer) throws {
        let keysX = x["properties"]?.objectValue?.keys ?? []
        let keysY = y["properties"]?.objectValue?.keys ?? []
        guard x["properties"] != nil || y["properties"] != nil || x["patternProperties"] != nil
                || y["patternProperties"] != nil || x["additionalProperties"] != nil || y["additionalProperties"] != nil else { return }
        var props = JSONObject()
        for k in keysX + keysY where props[k] == nil {
            let sx = try schemaForKey(k, in: x, at: pointer)
            let sy = try schemaForKey(k, in: y, at: pointer)
            props[k] = Self.both(sx, sy) ?? .bool(true)
        }
        if !props.isEmpty { out["properties"] = .object(props) }
        let px = x["patternProperties"]?.objectValue ?? JSONObject()
        let py = y["patternProperties"]?.objectValue ?? JSONObject()
        if !px.isEmpty && !py.isEmpty && px != py {
            throw SchemaError(pointer / "patternProperties", "allOf combines two different patternProperties sets")
        }
        if !px.isEmpty || !py.isEmpty {
            let (mine, other) = px.isEmpty ? (py, x) : (px, y)
            var patterns = JSONObject()
            for (p, s) in mine { patterns[p] = Self.both(s, px == py ? nil : other["additionalProperties"]) ?? .bool(true) }
            out["patternProperties"] = .object(patterns)
        }
        out["additionalProperties"] = Self.both(x["additionalProperties"], y["additionalProperties"])
    }

    func mergeArrayShape(_ out: inout JSONObject, _ x: JSONObject, _ y: JSONObject) throws {
        let ax = x["prefixItems"]?.arrayValue ?? []
        let ay = y["prefixItems"]?.arrayValue ?? []
        if !ax.isEmpty || !ay.isEmpty {
            var prefix: [JSONValue] = []
            for i in 0..<max(ax.count, ay.count) {
                let sx = i < ax.count ? ax[i] : x["items"]
                let sy = i < ay.count ? ay[i] : y["items"]
                prefix.append(Self.both(sx, sy) ?? .bool(true))
            }
            out["prefixItems"] = .array(prefix)
        }
        out["items"] = Self.both(x["items"], y["items"])
    }
}
