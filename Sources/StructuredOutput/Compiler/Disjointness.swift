import JSONSchema

/// Decides, conservatively, whether `oneOf` branches can never both match one instance, so that
/// `oneOf` may be compiled as `anyOf`. "Provably disjoint" means: no JSON type in common, or
/// disjoint `const`/`enum` sets, or — for objects — a property required by one branch that the other
/// forbids or gives a disjoint `const`/`enum` set.
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
        // Object discriminators decide only when objects are the only common type.
        guard common == .object else { return false }
        return discriminated(x, y, at: pointer) || discriminated(y, x, at: pointer)
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
