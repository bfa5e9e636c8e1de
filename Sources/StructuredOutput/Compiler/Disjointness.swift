import JSONSchema

/// Decides, conservatively, whether `oneOf` branches can never both match one instance, so that
/// `oneOf` may be compiled as `anyOf`. "Provably disjoint" means: no JSON type in common, or
/// disjoint `const`/`enum` sets, or every common type told apart by its own keywords — strings by
/// non-intersecting pattern/format languages or length ranges, numbers by value ranges, arrays by
/// item-count ranges, objects by a property required by one branch that the other forbids or gives
/// a disjoint schema (a discriminator), or by member-count ranges.
struct Disjointness {
    let merger: SchemaMerger

    /// The first pair of branches (flat schemas) not provably disjoint, or nil when all pairs are.
    func firstOverlap(_ branches: [JSONValue], at pointer: JSONPointer) -> (Int, Int)? {
        for i in branches.indices {
            for j in branches.indices where j > i {
                if !disjoint(branches[i], branches[j], at: pointer) { return (i, j) }
            }
        }
        return nil
    }

    func disjoint(_ a: JSONValue, _ b: JSONValue, at pointer: JSONPointer) -> Bool {
        if a == .bool(false) || b == .bool(false) { return true }
        guard case .object(let x) = a, case .object(let y) = b else { return false }
        let common = types(x).intersection(types(y))
        if common.isEmpty { return true }
        if let vx = merger.literalValues(x), let vy = merger.literalValues(y), !vx.contains(where: vy.contains) { return true }
        // Every common type must be told apart by that type's own keywords.
        for part in [JSONTypeSet.null, .boolean, .number, .string, .array, .object] where !common.intersection(part).isEmpty {
            switch part {
            case .string: if !stringsDisjoint(x, y) { return false }
            case .number: if !rangesDisjoint(x, y, low: ["minimum", "exclusiveMinimum"], high: ["maximum", "exclusiveMaximum"]) { return false }
            case .array: if !rangesDisjoint(x, y, low: ["minItems"], high: ["maxItems"]) { return false }
            case .object:
                if !(discriminated(x, y, at: pointer) || discriminated(y, x, at: pointer)
                     || rangesDisjoint(x, y, low: ["minProperties"], high: ["maxProperties"])) { return false }
            default: return false
            }
        }
        return true
    }

    /// Whether the value ranges `[low, high]` of the two schemas cannot overlap.
    func rangesDisjoint(_ x: JSONObject, _ y: JSONObject, low: [String], high: [String]) -> Bool {
        func bounds(_ s: JSONObject) -> (lo: Double, loStrict: Bool, hi: Double, hiStrict: Bool) {
            var r = (lo: -Double.infinity, loStrict: false, hi: Double.infinity, hiStrict: false)
            for (i, k) in low.enumerated() { if let v = s[k]?.doubleValue, v >= r.lo { r.lo = v; r.loStrict = i == 1 } }
            for (i, k) in high.enumerated() { if let v = s[k]?.doubleValue, v <= r.hi { r.hi = v; r.hiStrict = i == 1 } }
            return r
        }
        let a = bounds(x), b = bounds(y)
        func below(_ p: (lo: Double, loStrict: Bool, hi: Double, hiStrict: Bool), _ q: (lo: Double, loStrict: Bool, hi: Double, hiStrict: Bool)) -> Bool {
            p.hi < q.lo || (p.hi == q.lo && (p.hiStrict || q.loStrict))
        }
        return below(a, b) || below(b, a)
    }

    /// Whether no string satisfies the `pattern`/`format`/length keywords of both schemas.
    func stringsDisjoint(_ x: JSONObject, _ y: JSONObject) -> Bool {
        if rangesDisjoint(x, y, low: ["minLength"], high: ["maxLength"]) { return true }
        guard let lx = stringLanguage(x), let ly = stringLanguage(y),
              let both = try? lx.intersection(ly, limits: merger.automataLimits) else { return false }
        return both.isEmpty
    }

    /// The decoded-content DFA of a schema's patterns and formats; nil when it has none (or they
    /// cannot be compiled).
    func stringLanguage(_ s: JSONObject) -> ByteDFA? {
        var dfas: [ByteDFA] = []
        for key in ["pattern", "format"] {
            let values: [JSONValue] = s[key].map { $0.arrayValue ?? [$0] } ?? []
            for case .string(let text) in values {
                if key == "format" && FormatDFA.isAnnotation(text) { continue }
                let dfa = key == "pattern" ? try? merger.regex(text)
                                           : (try? merger.format(text)) ?? nil
                guard let dfa else { return nil }
                dfas.append(dfa)
            }
        }
        guard var result = dfas.first else { return nil }
        for d in dfas.dropFirst() {
            guard let next = try? result.intersection(d, limits: merger.automataLimits) else { return nil }
            result = next
        }
        return result
    }

    /// The JSON types a flat schema admits (from `type`, `const` and `enum`).
    func types(_ s: JSONObject) -> JSONTypeSet {
        var t = s["type"].flatMap { JSONTypeSet(typeKeyword: $0) } ?? .all
        if let values = merger.literalValues(s) {
            t = t.intersection(values.reduce(JSONTypeSet()) { $0.union(JSONTypeSet(of: $1)) })
        }
        return t
    }

    /// A property required by `x` that `y` forbids, or that both give disjoint literal sets
    /// (with `y` requiring it too, or `y` rejecting its absence through the literal set).
    func discriminated(_ x: JSONObject, _ y: JSONObject, at pointer: JSONPointer) -> Bool {
        for case .string(let name) in x["required"]?.arrayValue ?? [] {
            guard let sy = try? merger.schemaForKey(name, in: y, at: pointer) else { continue }
            if sy == .bool(false) { return true }
            guard let sx = try? merger.schemaForKey(name, in: x, at: pointer),
                  let fx = try? merger.flatten(sx, at: pointer), let fy = try? merger.flatten(sy, at: pointer) else { continue }
            if disjoint(fx, fy, at: pointer) {
                // `y` must also require the property, or an instance lacking it… cannot match `x`
                // anyway (x requires it), so disjoint values suffice.
                return true
            }
        }
        return false
    }
}
