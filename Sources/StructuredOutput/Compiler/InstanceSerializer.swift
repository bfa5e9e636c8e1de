import JSONSchema

/// Writes a JSON instance compactly with object members in *schema order*: the properties declared
/// by the applicable schema in `properties` order, then `required` names not in `properties`, then the
/// remaining members in document order. `$ref`, `allOf`, `anyOf` and `oneOf` are followed (for the
/// latter two, the branch that fits the instance best) with the same merging code as the compiler,
/// so the output is the form a compiled grammar accepts. Integer-valued numbers are written as
/// integers (`2.0` → `2`), which JSON Schema treats as the same value.
public struct InstanceSerializer: Sendable {
    let merger: SchemaMerger
    let schema: JSONValue
    let maxDepth = 64

    /// A serializer for instances of `schema`.
    public init(schema: JSONValue, baseURI: String = "", limits: CompileLimits = CompileLimits()) throws {
        let resolver = try SchemaResolver(document: schema, baseURI: baseURI)
        self.init(merger: SchemaMerger(resolver: resolver, limits: limits), schema: schema)
    }

    init(merger: SchemaMerger, schema: JSONValue) {
        self.merger = merger
        self.schema = schema
    }

    /// The compact UTF-8 bytes of `instance` in schema order.
    public func serialize(_ instance: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(instance, schema: schema, at: .root, into: &out, depth: 0)
        return out
    }

    public func string(_ instance: JSONValue) -> String { String(decoding: serialize(instance), as: UTF8.self) }

    /// Serializes `value` as an instance of `schema` found at `pointer` of this serializer's document.
    func serialize(_ value: JSONValue, schema: JSONValue, at pointer: JSONPointer) -> [UInt8] {
        var out: [UInt8] = []
        write(value, schema: schema, at: pointer, into: &out, depth: 0)
        return out
    }

    func write(_ value: JSONValue, schema: JSONValue?, at pointer: JSONPointer, into out: inout [UInt8], depth: Int) {
        let effective = depth < maxDepth ? schema.flatMap { self.effective($0, for: value, at: pointer, depth: 0) } : nil
        switch value {
        case .number(let n):
            out.append(contentsOf: Array(Self.canonical(n).utf8))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            let prefix = effective?["prefixItems"]?.arrayValue ?? []
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                let itemSchema = i < prefix.count ? prefix[i] : effective?["items"]
                write(item, schema: itemSchema, at: pointer, into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let obj):
            out.append(UInt8(ascii: "{"))
            var first = true
            for key in Self.memberOrder(obj, schema: effective) {
                guard let member = obj[key] else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                let memberSchema = effective.flatMap { try? merger.schemaForKey(key, in: $0, at: pointer) }
                write(member, schema: memberSchema, at: pointer, into: &out, depth: depth + 1)
            }
            out.append(UInt8(ascii: "}"))
        default:
            JSONWriter().write(value, into: &out, indent: 0)
        }
    }

    /// Declared properties, then required-only names, then the rest in document order.
    static func memberOrder(_ obj: JSONObject, schema: JSONObject?) -> [String] {
        var order: [String] = []
        var seen = Set<String>()
        let declared = (schema?["properties"]?.objectValue?.keys ?? [])
            + (schema?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for key in declared + obj.keys where obj[key] != nil && seen.insert(key).inserted { order.append(key) }
        return order
    }

    /// Integer-valued numbers within ±2^53 as plain integers; other numbers as written.
    static func canonical(_ n: JSONNumber) -> String {
        if n.isInteger, n.double.magnitude < 9_007_199_254_740_992, !n.text.contains("e"), !n.text.contains("E"),
           !n.text.contains(".") {
            return n.text == "-0" ? "0" : n.text
        }
        if n.isInteger, n.double.magnitude < 9_007_199_254_740_992 { return String(Int64(n.double)) }
        return n.text
    }

    /// The flat schema object that governs `value`, with `anyOf`/`oneOf` resolved to the best-fitting
    /// branch (merged with its siblings exactly as the compiler merges them).
    func effective(_ schema: JSONValue, for value: JSONValue, at pointer: JSONPointer, depth: Int) -> JSONObject? {
        guard depth < maxDepth, let flat = try? merger.flatten(schema, at: pointer), case .object(var obj) = flat else { return nil }
        for keyword in ["anyOf", "oneOf"] {
            guard let branches = obj[keyword]?.arrayValue else { continue }
            obj[keyword] = nil
            var best: (score: Int, schema: JSONValue)? = nil
            for (i, branch) in branches.enumerated() {
                guard let flatBranch = try? merger.flatten(branch, at: pointer / keyword / i),
                      let merged = try? merger.merge(.object(obj), flatBranch, at: pointer) else { continue }
                let score = BranchFit(merger: merger).score(value, merged, at: pointer, depth: 0)
                if let current = best, score <= current.score { continue }
                best = (score, merged)
            }
            guard let chosen = best?.schema else { return obj }
            return effective(chosen, for: value, at: pointer, depth: depth + 1)
        }
        return obj
    }
}
