import JSONSchema

/// A cheap, shallow estimate of how well an instance fits a flat schema, used to pick the
/// `anyOf`/`oneOf` branch whose property order the `InstanceSerializer` follows. `Int.min` means
/// "certainly does not fit"; larger is better.
struct BranchFit {
    let merger: SchemaMerger

    func score(_ value: JSONValue, _ schema: JSONValue, at pointer: JSONPointer, depth: Int) -> Int {
        guard case .object(let s) = schema else { return schema == .bool(false) ? Int.min : 0 }
        if let t = s["type"], let types = JSONTypeSet(typeKeyword: t) {
            let own = JSONTypeSet(of: value)
            if !types.contains(own) && !(own == .integer && types.contains(.integer)) { return Int.min }
        }
        if let literals = merger.literalValues(s), !literals.contains(value) { return Int.min }
        var total = 1
        switch value {
        case .object(let obj):
            for case .string(let name) in s["required"]?.arrayValue ?? [] where obj[name] == nil { return Int.min }
            let props = s["properties"]?.objectValue
            if s["additionalProperties"] == .bool(false), s["patternProperties"] == nil {
                for key in obj.keys where props?[key] == nil { return Int.min }
            }
            if let n = s["minProperties"]?.doubleValue, Double(obj.count) < n { return Int.min }
            if let n = s["maxProperties"]?.doubleValue, Double(obj.count) > n { return Int.min }
            for (key, member) in obj {
                guard let p = props?[key] else { continue }
                total += 2
                if depth < 3 {
                    let flat = (try? merger.flatten(p, at: pointer)) ?? p
                    let sub = score(member, flat, at: pointer, depth: depth + 1)
                    if sub == Int.min { return Int.min }
                    total += min(sub, 1_000)
                }
            }
        case .array(let items):
            if let n = s["minItems"]?.doubleValue, Double(items.count) < n { return Int.min }
            if let n = s["maxItems"]?.doubleValue, Double(items.count) > n { return Int.min }
            if depth < 3, let itemSchema = s["items"], let first = items.first {
                let flat = (try? merger.flatten(itemSchema, at: pointer)) ?? itemSchema
                let sub = score(first, flat, at: pointer, depth: depth + 1)
                if sub == Int.min { return Int.min }
                total += min(sub, 1_000)
            }
        case .string(let str):
            let n = Double(str.unicodeScalars.count)
            if let m = s["minLength"]?.doubleValue, n < m { return Int.min }
            if let m = s["maxLength"]?.doubleValue, n > m { return Int.min }
            if let p = s["pattern"]?.stringValue, (try? merger.patternMatches(p, str, at: pointer)) == false { return Int.min }
        case .number(let num):
            if let m = s["minimum"]?.doubleValue, num.double < m { return Int.min }
            if let m = s["maximum"]?.doubleValue, num.double > m { return Int.min }
            if let m = s["exclusiveMinimum"]?.doubleValue, num.double <= m { return Int.min }
            if let m = s["exclusiveMaximum"]?.doubleValue, num.double >= m { return Int.min }
        default:
            break
        }
        return total
    }
}
