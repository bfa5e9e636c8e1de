import JSONSchema

/// The members after the declared ones: keys matching `patternProperties` or, for the remaining keys,
/// `additionalProperties`. Key sets are exact DFAs over JSON-encoded names (any escape form),
/// excluding the declared names.
extension CompilerContext {
    func otherMemberRule(excluding names: [String], patterns: JSONObject, additional: JSONValue,
                         at pointer: JSONPointer, depth: Int) throws -> RuleID? {
        if Self.patternsFoldIntoAdditional(patterns, additional) {
            return try otherMemberRule(excluding: names, patterns: JSONObject(), additional: additional, at: pointer, depth: depth)
        }
        // No other member may appear (every strict-mode object): nothing to build. The key sets
        // below were built anyway and dropped, a sixteenth of compiling the catalog.
        if patterns.isEmpty && additional == .bool(false) { return nil }
        var alternatives: [(key: ByteDFA?, value: RuleID)] = []   // key nil: any JSON string
        do {
            // Free members with no patterns: the key set is built directly, without these two.
            if patterns.isEmpty && additional != .bool(false) && !names.isEmpty,
               let keys = try? encodedKeys(excluding: names) {
                let value = try rule(for: additional, at: pointer / "additionalProperties", depth: depth + 1)
                return try memberRule([(keys, value)], at: pointer)
            }
            let excluded = ByteDFA.literals(names.map { Array($0.utf8) })
            let anyString = try ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: automataLimits)
            var patternKeys: [(dfa: ByteDFA, schema: JSONValue, pattern: String)] = []
            for (pattern, schema) in patterns {
                let at = pointer / "patternProperties" / pattern
                var dfa: ByteDFA
                do { dfa = try merger.regex(pattern) } catch {
                    throw SchemaError(at, "pattern \"\(pattern)\" cannot be compiled: \(error)")
                }
                // A pattern's DFA is well-formed UTF-8 already (`testCompilerContentIsWellFormed`):
                // intersecting it with every string first only cost a product and a minimization.
                dfa = try dfa.difference(excluded, limits: automataLimits)
                for other in patternKeys where other.schema != schema {
                    if !(try dfa.intersection(other.dfa, limits: automataLimits)).isEmpty {
                        throw SchemaError(at, "patternProperties \"\(other.pattern)\" and \"\(pattern)\" overlap with different schemas; overlapping patterns are not supported")
                    }
                }
                patternKeys.append((dfa, schema, pattern))
            }
            // Patterns with equal schemas share one alternative.
            var grouped: [(dfa: ByteDFA, schema: JSONValue, pattern: String)] = []
            for p in patternKeys {
                if let i = grouped.firstIndex(where: { $0.schema == p.schema }) {
                    grouped[i].dfa = try grouped[i].dfa.union(p.dfa, limits: automataLimits)
                } else {
                    grouped.append(p)
                }
            }
            var claimed = excluded
            for g in grouped where !g.dfa.isEmpty && g.schema != .bool(false) {
                let value = try rule(for: g.schema, at: pointer / "patternProperties" / g.pattern, depth: depth + 1)
                alternatives.append((try encode(g.dfa), value))
            }
            for g in grouped { claimed = try claimed.union(g.dfa, limits: automataLimits) }
            if additional != .bool(false) {
                let value = try rule(for: additional, at: pointer / "additionalProperties", depth: depth + 1)
                if names.isEmpty && patterns.isEmpty {
                    alternatives.append((nil, value))
                } else {
                    let keys = try anyString.difference(claimed, limits: automataLimits)
                    alternatives.append((try encode(keys), value))
                }
            }
        } catch let error as AutomataError {
            throw SchemaError(pointer, "object member names cannot be compiled: \(error)")
        }
        guard !alternatives.isEmpty else { return nil }
        return try memberRule(alternatives, at: pointer)
    }

    /// Whether every `patternProperties` schema is the `additionalProperties` one (`{}` and `true`
    /// count as the same): then each undeclared key gets that schema whether it matches a pattern
    /// or not, and the pattern key sets (a pattern × any-string product, then its JSON encoding:
    /// thousands of states for `^.{1,255}$`) need not be built. Declared names still merge the
    /// patterns' schemas (`SchemaMerger.schemaForKey`), so only the other members change.
    static func patternsFoldIntoAdditional(_ patterns: JSONObject, _ additional: JSONValue) -> Bool {
        func acceptsAll(_ v: JSONValue) -> Bool { v == .bool(true) || v.objectValue?.isEmpty == true }
        guard !patterns.isEmpty else { return false }
        return patterns.allSatisfy { $0.value == additional || (acceptsAll($0.value) && acceptsAll(additional)) }
    }

    /// JSON string bodies (every escape spelling) of the names outside `names`, built directly
    /// (`JSONStringEncoding.encodedStrings(excluding:)`). Throws past the automata limits (the
    /// caller then encodes the difference as before).
    func encodedKeys(excluding names: [String]) throws -> ByteDFA {
        try JSONStringEncoding.encodedStrings(excluding: names, limits: automataLimits)
    }

    private func memberRule(_ alternatives: [(key: ByteDFA?, value: RuleID)], at pointer: JSONPointer) throws -> RuleID {
        let ws = try whitespace
        var b = AutomatonBuilder()
        let end = b.addState(accepting: true)
        for alt in alternatives {
            var s: Int32
            if let key = alt.key {
                s = b.quoted(key, from: AutomatonBuilder.start)
            } else {
                s = b.then(AutomatonBuilder.start, call: try stringRule())
            }
            s = b.optional(s, call: ws)
            s = b.literal(s, [UInt8(ascii: ":")])
            s = b.optional(s, call: ws)
            b.call(s, alt.value, end)
        }
        return try add(pointer.description + "/members", b, at: pointer)
    }
}
