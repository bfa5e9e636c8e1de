import JSONSchema

/// Arrays: `prefixItems` positions spelled out, then the remaining items as a counted repetition
/// (`minItems`/`maxItems` never unrolled).
extension CompilerContext {
    func arrayRule(_ obj: JSONObject, at pointer: JSONPointer, depth: Int) throws -> RuleID {
        let prefixSchemas = obj["prefixItems"]?.arrayValue ?? []
        let items = obj["items"] ?? .bool(true)
        let minCount = try countKeyword(obj, "minItems", at: pointer) ?? 0
        let maxCount = try countKeyword(obj, "maxItems", at: pointer)
        if obj["uniqueItems"] == .bool(true), (maxCount ?? 2) > 1 {
            try unsupported(pointer / "uniqueItems", "keyword \"uniqueItems\": true is not supported by the grammar compiler")
        }
        if let maxCount, maxCount < minCount { return try neverRule() }
        let ws = try whitespace
        let reachablePrefix = min(prefixSchemas.count, maxCount ?? Int.max)
        guard reachablePrefix <= limits.maxAutomatonStates / 8 else {
            throw SchemaError(pointer / "prefixItems", "prefixItems has \(prefixSchemas.count) entries (too many states)")
        }
        var prefix: [RuleID] = []
        for i in 0..<reachablePrefix {
            prefix.append(try rule(for: prefixSchemas[i], at: pointer / "prefixItems" / i, depth: depth + 1))
        }
        let never = try neverRule()
        var b = AutomatonBuilder()
        let open = b.optional(b.literal(AutomatonBuilder.start, [UInt8(ascii: "[")]), call: ws)
        let close = b.addState()
        let end = b.addState(accepting: true)
        b.byte(close, UInt8(ascii: "]"), end)
        // positions[i]: i items written (after optional whitespace following the last one).
        var here = open
        var written = 0
        while true {
            if written >= minCount { b.epsilon(here, close) }
            if written < prefix.count {
                if prefix[written] == never { break }
                var s = here
                if written > 0 { s = b.optional(b.literal(s, [UInt8(ascii: ",")]), call: ws) }
                here = b.optional(b.then(s, call: prefix[written]), call: ws)
                written += 1
                continue
            }
            // The rest: `items` repeated.
            guard items != .bool(false) else { break }
            let lo = max(1, minCount - written)
            let hi = maxCount.map { $0 - written }
            if let hi, hi < lo { break }
            let item = try rule(for: items, at: pointer / "items", depth: depth + 1)
            if item == never { break }
            let repetition = try shared("items{\(item),\(lo),\(hi.map(String.init) ?? "")}") {
                .repetition(item: item, separator: try commaRule(), min: lo, max: hi)
            }
            var s = here
            if written > 0 { s = b.optional(b.literal(s, [UInt8(ascii: ",")]), call: ws) }
            b.epsilon(b.optional(b.then(s, call: repetition), call: ws), close)
            break
        }
        return try add(pointer.description.isEmpty ? "array" : pointer.description, b, at: pointer)
    }
}
