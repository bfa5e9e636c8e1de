import Foundation
import JSONSchema

/// Writes a JSON instance compactly with object members in *schema order*: the properties declared
/// by the applicable schema in `properties` order, then `required` names not in `properties`, then the
/// remaining members in document order. `$ref`, `allOf`, `anyOf` and `oneOf` are followed (for the
/// latter two, the branch that fits the instance best) with the same merging code as the compiler,
/// so the output is the form a compiled grammar accepts. From draft-06 on, integer-valued numbers are
/// written as integers (`2.0` → `2`), which those drafts treat as the same value (draft-04 does not:
/// there `2.0` is not an `integer`, so numbers keep their lexeme).
public struct InstanceSerializer: Sendable {
    let merger: SchemaMerger
    let schema: JSONValue
    let maxDepth = 64
    /// Write integer-valued numbers as integers (every dialect but draft-04).
    var canonicalIntegers: Bool { merger.resolver.dialect != .draft4 }

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
            out.append(contentsOf: Array(written(n).utf8))
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

    /// The number as written, except that exponent forms become plain decimals (`1e-6` →
    /// `0.000001`, which bounded-number grammars expect) and, when `canonicalIntegers`,
    /// integer-valued numbers become integers (`2.0` → `2`). Under draft-04 a lexeme that is not an
    /// integer stays one that is not (`1e2` is kept).
    func written(_ n: JSONNumber) -> String {
        guard let plain = Self.plainDecimal(n.text) else { return n.text }
        let isIntegerLexeme = !plain.contains(".")
        if isIntegerLexeme && !canonicalIntegers && (n.text.contains(".") || n.text.contains("e") || n.text.contains("E")) {
            return n.text
        }
        return plain
    }

    /// `-?digits(.digits)?` for a JSON number lexeme with a moderate exponent, normalized (no
    /// trailing fractional zeros, no `-0`); nil when the exponent is too large to spell out.
    static func plainDecimal(_ text: String) -> String? {
        var chars = Substring(text)
        let negative = chars.first == "-"
        if negative { chars = chars.dropFirst() }
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(chars[chars.index(after: e)...].replacingOccurrences(of: "+", with: "")), abs(x) <= 40 else { return nil }
            exponent = x
            chars = chars[..<e]
        }
        let parts = chars.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array(intPart + fracPart)
        var point = intPart.count + exponent
        if point < 0 {
            digits = Array(repeating: "0", count: -point) + digits
            point = 0
        }
        if point > digits.count { digits += Array(repeating: "0", count: point - digits.count) }
        var whole = String(digits[..<point]).drop(while: { $0 == "0" })
        var fraction = Substring(String(digits[point...]))
        while fraction.last == "0" { fraction = fraction.dropLast() }
        if whole.isEmpty { whole = "0" }
        var out = String(whole)
        if !fraction.isEmpty { out += "." + fraction }
        if negative && out != "0" { out = "-" + out }
        return out
    }

    /// Mirrors `CompilerContext.applyNot` where it changes property order: a double negation
    /// (`not: {not: X}`, also inside `not: {anyOf: [...]}`) merges `X` into the schema.
    func foldNegations(_ input: JSONObject, at pointer: JSONPointer) -> JSONObject {
        var obj = input
        var rounds = 0
        while let negated = obj["not"], rounds < 16 {
            obj["not"] = nil
            rounds += 1
            for positive in positives(negated, at: pointer, depth: 0) {
                guard case .object(let merged)? = try? merger.merge(.object(obj), positive, at: pointer) else { return obj }
                obj = merged
            }
        }
        return obj
    }

    /// The schemas that `not negated` asserts positively (through double negation).
    func positives(_ negated: JSONValue, at pointer: JSONPointer, depth: Int) -> [JSONValue] {
        guard depth < 16, case .object(let n)? = try? merger.flatten(negated, at: pointer) else { return [] }
        let keys = Keywords.assertingKeys(n)
        if keys == ["not"], let inner = n["not"], let flat = try? merger.flatten(inner, at: pointer) { return [flat] }
        if keys == ["anyOf"], let branches = n["anyOf"]?.arrayValue {
            return branches.flatMap { positives($0, at: pointer, depth: depth + 1) }
        }
        return []
    }

    /// The flat schema object that governs `value`, with `anyOf`/`oneOf` resolved to the best-fitting
    /// branch (merged with its siblings exactly as the compiler merges them).
    func effective(_ schema: JSONValue, for value: JSONValue, at pointer: JSONPointer, depth: Int) -> JSONObject? {
        guard depth < maxDepth, let flat = try? merger.flatten(schema, at: pointer), case .object(var obj) = flat else { return nil }
        obj = foldNegations(obj, at: pointer)
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
