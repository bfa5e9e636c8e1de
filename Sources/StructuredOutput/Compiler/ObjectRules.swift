import JSONSchema

/// Objects: declared members in schema order, each optional unless required, then the other members
/// (`patternProperties` / `additionalProperties`) in a counted repetition. Commas are exact: the
/// automaton tracks whether a member was written; `minProperties`/`maxProperties` are exact by also
/// tracking the count of declared members written.
extension CompilerContext {
    /// One declared member: its name, value rule and whether it must appear.
    struct Member {
        var name: String
        var value: RuleID
        var required: Bool
    }

    func objectRule(_ obj: JSONObject, at pointer: JSONPointer, depth: Int) throws -> RuleID {
        let properties = obj["properties"]?.objectValue ?? JSONObject()
        if let p = obj["properties"], p.objectValue == nil { throw SchemaError(pointer / "properties", "properties must be an object") }
        let required = obj["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let patterns = obj["patternProperties"]?.objectValue ?? JSONObject()
        let additional = obj["additionalProperties"] ?? .bool(true)
        let minCount = try countKeyword(obj, "minProperties", at: pointer) ?? 0
        let maxCount = try countKeyword(obj, "maxProperties", at: pointer)

        // Declared members: `properties` in order, then required names not in `properties`.
        var members: [Member] = []
        var names: [String] = properties.keys
        for r in required where properties[r] == nil && !names.contains(r) { names.append(r) }
        for name in names {
            let at = properties[name] != nil ? pointer / "properties" / name : pointer / "required"
            let schema = try merger.schemaForKey(name, in: obj, at: pointer) ?? .bool(true)
            let isRequired = required.contains(name)
            if schema == .bool(false) {
                if isRequired { return try neverRule() }
                continue
            }
            members.append(Member(name: name, value: try rule(for: schema, at: at, depth: depth + 1), required: isRequired))
        }
        let rest = try otherMemberRule(excluding: names, patterns: patterns, additional: additional, at: pointer, depth: depth)
        return try objectAutomaton(members, rest: rest, minCount: minCount, maxCount: maxCount, at: pointer)
    }

    func countKeyword(_ obj: JSONObject, _ key: String, at pointer: JSONPointer) throws -> Int? {
        guard let v = obj[key] else { return nil }
        guard let d = v.doubleValue, d >= 0, d.rounded(.down) == d else {
            throw SchemaError(pointer / key, "\(key) must be a non-negative integer")
        }
        return d >= Double(Int32.max) ? Int(Int32.max) : Int(d)
    }

    /// `"name" ws? : ws? value`, the key as a literal.
    func memberPrefix(_ b: inout AutomatonBuilder, from: Int32, key: [UInt8], value: RuleID) throws -> Int32 {
        let ws = try whitespace
        var s = b.literal(from, key)
        s = b.optional(s, call: ws)
        s = b.literal(s, [UInt8(ascii: ":")])
        s = b.optional(s, call: ws)
        return b.then(s, call: value)
    }

    func objectAutomaton(_ members: [Member], rest: RuleID?, minCount: Int, maxCount: Int?, at pointer: JSONPointer) throws -> RuleID {
        let ws = try whitespace
        let n = members.count
        // Count of declared members written, tracked exactly up to `cap` (saturating when unbounded).
        let cap = maxCount.map { min(n, $0) } ?? min(n, max(minCount, 1))
        guard (n + 1) * (cap + 1) <= limits.maxAutomatonStates else {
            throw SchemaError(pointer, "object with \(n) properties and count bounds needs more than \(limits.maxAutomatonStates) states (CompileLimits.maxAutomatonStates)")
        }
        var b = AutomatonBuilder()
        let open = b.optional(b.literal(AutomatonBuilder.start, [UInt8(ascii: "{")]), call: ws)
        // position-major grid of states: grid[i][c] = before member i with c members written.
        var grid: [[Int32]] = []
        for i in 0...n { grid.append(i == 0 ? [open] + (0..<cap).map { _ in b.addState() } : (0...cap).map { _ in b.addState() }) }
        let close = b.addState()
        let end = b.addState(accepting: true)
        b.byte(close, UInt8(ascii: "}"), end)
        // Which grid states can be reached: only those get members built from them (with every
        // member required, as in strict mode, half the grid is unreachable, and its key literals
        // were built and then dropped by `build()`).
        var live = [[Bool]](repeating: [Bool](repeating: false, count: cap + 1), count: n + 1)
        live[0][0] = true
        for (i, m) in members.enumerated() {
            let key = Self.encodedKey(m.name)
            for c in 0...cap where live[i][c] {
                let here = grid[i][c]
                if !m.required { b.epsilon(here, grid[i + 1][c]); live[i + 1][c] = true }
                if let maxCount, c + 1 > maxCount { continue }
                live[i + 1][min(c + 1, cap)] = true
                var s = here
                if c > 0 {
                    s = b.literal(s, [UInt8(ascii: ",")])
                    s = b.optional(s, call: ws)
                }
                s = try memberPrefix(&b, from: s, key: key, value: m.value)
                s = b.optional(s, call: ws)
                b.epsilon(s, grid[i + 1][min(c + 1, cap)])
            }
        }
        for c in 0...cap where live[n][c] {
            let here = grid[n][c]
            // `c` is exact, or saturated at `cap` >= minCount (no maximum), where "at least" suffices.
            if c >= minCount { b.epsilon(here, close) }
            guard let rest else { continue }
            let lo = max(1, minCount - c)
            let hi = maxCount.map { $0 - c }
            if let hi, hi < lo { continue }
            let repetition = try shared("members{\(rest),\(lo),\(hi.map(String.init) ?? "")}") {
                .repetition(item: rest, separator: try commaRule(), min: lo, max: hi)
            }
            var s = here
            if c > 0 {
                s = b.literal(s, [UInt8(ascii: ",")])
                s = b.optional(s, call: ws)
            }
            b.epsilon(b.optional(b.then(s, call: repetition), call: ws), close)
        }
        return try add(pointer.description.isEmpty ? "object" : pointer.description, b, at: pointer)
    }

    /// The JSON string literal of a member name, written as `InstanceSerializer` writes it.
    static func encodedKey(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        JSONWriter.writeString(name, into: &out)
        return out
    }
}
