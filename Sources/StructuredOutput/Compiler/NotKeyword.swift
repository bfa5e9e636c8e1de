import JSONSchema

/// The forms of `not` that have an exact grammar: `not` of a boolean or `{}`, of a `type`, of a
/// single `required` name, of `enum`/`const` values that are strings or `null`, of a `pattern`, of an
/// `anyOf` of those (negated one by one), and double negation. Anything else is unsupported (an error, or ignored with a warning when lenient).
extension CompilerContext {
    /// Internal keywords (never in user schemas) carrying negated string constraints to `stringRule`.
    static let notStringsKey = "x-genui-not-strings"
    static let notPatternsKey = "x-genui-not-patterns"

    /// Folds `obj["not"]` into the other keywords of `obj`.
    func applyNot(_ input: JSONObject, at pointer: JSONPointer) throws -> JSONObject {
        var obj = input
        var rounds = 0
        while let negated = obj["not"] {
            obj["not"] = nil
            rounds += 1
            guard rounds <= limits.maxNesting else { throw SchemaError(pointer / "not", "not nests too deeply") }
            let at = pointer / "not"
            let flat = try merger.flatten(negated, at: at)
            guard case .object(let n) = flat else {
                if flat == .bool(true) { obj["type"] = .array([]) }
                continue
            }
            let keys = Set(Keywords.assertingKeys(n))
            if keys.isEmpty {
                obj["type"] = .array([])
            } else if keys == ["not"], let inner = n["not"] {
                guard case .object(let merged) = try merger.merge(.object(obj), try merger.flatten(inner, at: at / "not"), at: at) else {
                    obj["type"] = .array([])
                    continue
                }
                obj = merged
            } else if keys == ["anyOf"], let branches = n["anyOf"]?.arrayValue {
                // not (A ∨ B ∨ …) = not A ∧ not B ∧ …: negate the branches one after the other.
                for branch in branches {
                    obj["not"] = branch
                    obj = try applyNot(obj, at: at)
                }
            } else if keys == ["type"], let t = n["type"], let removed = JSONTypeSet(typeKeyword: t) {
                let current = obj["type"].flatMap { JSONTypeSet(typeKeyword: $0) } ?? .all
                let remaining = current.subtracting(removed)
                if remaining.contains(.fractional) && !remaining.contains(.integer) {
                    try unsupported(at, "keyword \"not\" of type integer (numbers that are not integers) is not supported by the grammar compiler")
                    continue
                }
                obj["type"] = .array(remaining.names.map { .string($0) })
            } else if keys == ["required"], let names = n["required"]?.arrayValue, names.count == 1, let name = names[0].stringValue {
                let forbid = JSONValue.object(JSONObject([("properties", .object(JSONObject([(name, .bool(false))])))]))
                guard case .object(let merged) = try merger.merge(.object(obj), forbid, at: at) else { continue }
                obj = merged
            } else if keys == ["enum"] || keys == ["const"], let values = merger.literalValues(n) {
                var strings: [JSONValue] = obj[Self.notStringsKey]?.arrayValue ?? []
                var types = obj["type"].flatMap { JSONTypeSet(typeKeyword: $0) } ?? .all
                var ok = true
                for v in values {
                    switch v {
                    case .string: strings.append(v)
                    case .null: types.remove(.null)
                    default: ok = false
                    }
                }
                guard ok else {
                    try unsupported(at, "keyword \"not\" of enum/const values other than strings and null is not supported by the grammar compiler")
                    continue
                }
                obj["type"] = .array(types.names.map { .string($0) })
                if !strings.isEmpty { obj[Self.notStringsKey] = .array(strings) }
            } else if keys == ["pattern"], let p = n["pattern"]?.stringValue {
                obj[Self.notPatternsKey] = .array((obj[Self.notPatternsKey]?.arrayValue ?? []) + [.string(p)])
            } else {
                try unsupported(at, "keyword \"not\" is not supported by the grammar compiler for this subschema (supported: not of a type, a single required name, string/null enum or const, a pattern, or another not)")
            }
        }
        return obj
    }
}
