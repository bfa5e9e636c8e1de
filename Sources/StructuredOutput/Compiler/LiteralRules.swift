import JSONSchema

/// `enum` and `const`: a trie over the serialized values. Values that the other keywords of the same
/// schema reject are dropped, checked exactly by running the rule compiled from those keywords.
extension CompilerContext {
    func literalsRule(_ obj: JSONObject, types: JSONTypeSet, at pointer: JSONPointer, depth: Int) throws -> RuleID {
        var values: [JSONValue]
        if let c = obj["const"] { values = [c] } else { values = [] }
        if let e = obj["enum"] {
            guard case .array(let list) = e else { throw SchemaError(pointer / "enum", "enum must be an array") }
            values = obj["const"] == nil ? list : values.filter { list.contains($0) }
        }
        guard values.count <= limits.maxEnumLiterals else {
            throw SchemaError(pointer / "enum", "enum has \(values.count) values (CompileLimits.maxEnumLiterals \(limits.maxEnumLiterals))")
        }
        values = values.filter { types.contains(JSONTypeSet(of: $0)) }
        let serializer = InstanceSerializer(merger: merger, schema: .object(obj))
        var literals: [[UInt8]] = []
        var totalBytes = 0
        for v in values {
            let bytes = serializer.serialize(v, schema: .object(obj), at: pointer)
            totalBytes += bytes.count
            guard totalBytes <= limits.maxEnumBytes else {
                throw SchemaError(pointer / "enum", "enum/const values exceed \(limits.maxEnumBytes) bytes (CompileLimits.maxEnumBytes)")
            }
            if !literals.contains(bytes) { literals.append(bytes) }
        }
        var rest = obj
        for k in ["enum", "const", "type"] { rest[k] = nil }
        if !Keywords.assertingKeys(rest).isEmpty && !literals.isEmpty {
            // Compile the other keywords alone (compact), and keep only the literals they accept.
            let checker = try flatRule(.object(rest), at: pointer, depth: depth + 1)
            var g = grammar
            g.start = checker
            literals = literals.filter { ReferenceRecognizer.accepts(grammar: g, bytes: $0) }
        }
        return try add(pointer.description + "/enum", .automaton(trie(literals)), at: pointer)
    }

    /// A deterministic trie over compact literals; in flexible mode structural tokens may be
    /// separated by optional whitespace.
    func trie(_ literals: [[UInt8]]) throws -> Automaton {
        let ws = try whitespace
        var b = AutomatonBuilder()
        // A node's children are its own edges, found by a scan (tries are narrow): a dictionary
        // per node cost more than the rest of the trie.
        func child(_ s: Int32, byte: UInt8) -> Int32? {
            for e in b.states[Int(s)].bytes where e.lo == byte { return e.target }
            return nil
        }
        func wsChild(_ s: Int32, _ ws: RuleID) -> Int32? {
            for c in b.states[Int(s)].calls where c.rule == ws { return c.target }
            return nil
        }
        for lit in literals {
            var cur = AutomatonBuilder.start
            var inString = false, escaped = false
            for (i, byte) in lit.enumerated() {
                if let ws, !inString, i > 0, Self.isStructural(lit[i - 1]) || Self.isStructural(byte) {
                    cur = wsChild(cur, ws) ?? b.optional(cur, call: ws)
                }
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                }
                if let next = child(cur, byte: byte) { cur = next } else {
                    let next = b.addState()
                    b.byte(cur, byte, next)
                    cur = next
                }
            }
            b.accept(cur)
        }
        return b.build()
    }

    static func isStructural(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"): return true
        default: return false
        }
    }
}
