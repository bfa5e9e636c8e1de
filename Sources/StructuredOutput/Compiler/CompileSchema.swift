import JSONSchema

/// The schema dispatcher: booleans, `$ref`, `allOf` (via `SchemaMerger`), `anyOf`/`oneOf`, then one
/// alternative per JSON type the schema admits.
extension CompilerContext {
    func rule(for schema: JSONValue, at pointer: JSONPointer, depth: Int) throws -> RuleID {
        visited += 1
        guard visited <= limits.maxSubschemas else {
            throw SchemaError(pointer, "more than \(limits.maxSubschemas) subschemas to compile (CompileLimits.maxSubschemas)")
        }
        guard depth <= limits.maxNesting else {
            throw SchemaError(pointer, "subschemas nest deeper than \(limits.maxNesting) levels (CompileLimits.maxNesting)")
        }
        switch schema {
        case .bool(true): return try anyValueRule()
        case .bool(false): return try neverRule()
        case .object(let obj):
            if let refValue = obj["$ref"] {
                guard let ref = refValue.stringValue else { throw SchemaError(pointer / "$ref", "$ref must be a string") }
                if merger.legacyRefs || Keywords.assertingKeys(obj) == ["$ref"] {
                    return try locationRule(ref, at: pointer, depth: depth)
                }
            }
            let flat = try merger.flatten(schema, at: pointer)
            return try flatRule(flat, at: pointer, depth: depth)
        default:
            throw SchemaError(pointer, "a schema must be an object or a boolean, found \(schema.typeName)")
        }
    }

    /// One rule per resolved `$ref` target, so recursive schemas become recursive rule calls.
    func locationRule(_ ref: String, at pointer: JSONPointer, depth: Int) throws -> RuleID {
        let target = try resolver.resolve(ref, at: pointer)
        if let id = locations[target.pointer] { return id }
        let id = try reserve("#" + target.pointer.description, at: pointer)
        locations[target.pointer] = id
        let body = try rule(for: target.schema, at: target.pointer, depth: depth + 1)
        // A forwarding rule; `GrammarFinalizer` collapses it.
        var b = AutomatonBuilder()
        b.call(AutomatonBuilder.start, body, b.addState(accepting: true))
        try define(id, .automaton(b.build()), at: pointer)
        return id
    }

    /// Compiles a schema already flattened by `SchemaMerger` (no `$ref`, no `allOf` at its top).
    func flatRule(_ flat: JSONValue, at pointer: JSONPointer, depth: Int) throws -> RuleID {
        guard case .object(var obj) = flat else { return try rule(for: flat, at: pointer, depth: depth + 1) }
        for keyword in ["anyOf", "oneOf"] {
            guard let listValue = obj[keyword] else { continue }
            guard case .array(let branches) = listValue, !branches.isEmpty else {
                throw SchemaError(pointer / keyword, "\(keyword) must be a non-empty array of schemas")
            }
            guard branches.count <= limits.maxBranches else {
                throw SchemaError(pointer / keyword, "\(keyword) has \(branches.count) branches (CompileLimits.maxBranches \(limits.maxBranches))")
            }
            obj[keyword] = nil
            let trivialBase = Keywords.assertingKeys(obj).isEmpty
            var flats: [JSONValue] = []
            var ids: [RuleID] = []
            for (i, branch) in branches.enumerated() {
                let at = pointer / keyword / i
                let flatBranch = keyword == "oneOf" || !trivialBase ? try merger.flatten(branch, at: at) : branch
                if trivialBase {
                    flats.append(flatBranch)
                    ids.append(try rule(for: branch, at: at, depth: depth + 1))
                } else {
                    let merged = try merger.merge(.object(obj), flatBranch, at: at)
                    flats.append(merged)
                    ids.append(try flatRule(merged, at: at, depth: depth + 1))
                }
            }
            if keyword == "oneOf", let (i, j) = Disjointness(merger: merger).firstOverlap(flats, at: pointer / keyword) {
                try unsupported(pointer / keyword,
                    "oneOf branches \(i) and \(j) are not provably disjoint (an instance might match both); use anyOf, or make them differ by type or by a const/enum property")
            }
            return try union(ids, name: pointer.description + "/" + keyword, at: pointer)
        }
        for key in obj.keys where Keywords.unsupported.contains(key) {
            if key == "dependencies" || key == "dependentRequired" || key == "dependentSchemas",
               obj[key]?.objectValue?.isEmpty == true { continue }
            try unsupported(pointer / key, "keyword \"\(key)\" is not supported by the grammar compiler")
        }
        var types = JSONTypeSet.all
        if let t = obj["type"] {
            guard let parsed = JSONTypeSet(typeKeyword: t) else {
                throw SchemaError(pointer / "type", "type must be a type name or an array of type names")
            }
            types = parsed
        }
        if obj["enum"] != nil || obj["const"] != nil {
            return try literalsRule(obj, types: types, at: pointer, depth: depth)
        }
        var alternatives: [RuleID] = []
        if types.contains(.null) { alternatives.append(try literalRule("null")) }
        if types.contains(.boolean) { alternatives.append(try booleanRule()) }
        if types.contains(.integer) {
            alternatives.append(try numberRule(obj, integerOnly: !types.contains(.fractional), at: pointer))
        }
        if types.contains(.string) { alternatives.append(try stringRule(obj, at: pointer)) }
        if types.contains(.array) { alternatives.append(try arrayRule(obj, at: pointer, depth: depth)) }
        if types.contains(.object) { alternatives.append(try objectRule(obj, at: pointer, depth: depth)) }
        return try union(alternatives, name: pointer.description, at: pointer)
    }
}
