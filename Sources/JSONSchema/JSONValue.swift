/// A JSON document held in memory exactly as written: object keys keep their order and numbers keep
/// their lexeme, so a schema's property order and an instance's large integers survive a round trip.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON Schema type name of this value (`integer` for numbers with no fractional part).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n.isInteger ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n }; return nil }
    public var doubleValue: Double? { numberValue?.double }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Member lookup for objects; `nil` for other kinds or a missing key.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// Convenience constructors (string literals also work: `let v: JSONValue = "text"`).
    public static func int(_ v: Int) -> JSONValue { .number(JSONNumber(v)) }
    public static func double(_ v: Double) -> JSONValue { .number(JSONNumber(v)) }
}

/// A JSON number: the exact text it was written with, plus its value as a `Double`.
/// Two numbers are equal when their mathematical values are equal (`1`, `1.0` and `1e0` are equal),
/// as JSON Schema's `enum`, `const` and `uniqueItems` require.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let double: Double
    /// True when the value has no fractional part (`2`, `2.0` and `2e3` are integers, `2.5` is not).
    public let isInteger: Bool

    public init(text: String) {
        self.text = text
        let d = Double(text) ?? .nan
        self.double = d
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            self.isInteger = d.isFinite && d.rounded(.towardZero) == d
        } else {
            self.isInteger = true
        }
    }
    public init(_ value: Int) { self.init(text: String(value)) }
    public init(_ value: Double) {
        if value.isFinite, value.rounded(.towardZero) == value, abs(value) < 1e15 {
            self.init(text: String(Int64(value)))
        } else {
            self.init(text: "\(value)")
        }
    }

    /// The value as an exact `Int64` when it is an integer that fits.
    public var int64: Int64? {
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return Int64(text) }
        guard isInteger, abs(double) < 9.0e15 else { return nil }
        return Int64(double)
    }

    public var description: String { text }

    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        if a.text == b.text { return true }
        if let x = a.int64, let y = b.int64 { return x == y }
        // Exact decimal comparison, so integers beyond 2^53 that share a Double still differ.
        if let x = ExactDecimal(a.text), let y = ExactDecimal(b.text) {
            if x.isZero || y.isZero { return x.isZero && y.isZero }
            return x == y
        }
        return a.double == b.double
    }
    /// Hashes the `Double` value: exactly equal numbers always round to the same `Double`.
    public func hash(into h: inout Hasher) {
        h.combine(double)
    }
}

/// A JSON object that keeps its members in document order. Duplicate keys keep the last value
/// (as most parsers do) but the first position.
public struct JSONObject: Sendable, Hashable, Sequence {
    public private(set) var keys: [String] = []
    /// `values[i]` is the value of `keys[i]`.
    private var values: [JSONValue] = []
    /// Positions by key, kept only past `indexedCount` members: a schema's objects have a handful
    /// of keys, where comparing them in order is several times cheaper than hashing the key (the
    /// compiler reads thousands of keywords per schema), and building no table per object makes
    /// parsing cheaper too.
    private var index: [String: Int]?
    static let indexedCount = 12

    public init() {}
    public init(_ pairs: [(String, JSONValue)]) { for (k, v) in pairs { self[k] = v } }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    @inline(__always)
    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        var i = 0
        while i < keys.count {
            if keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { values[$0] } }
        set {
            if let v = newValue {
                if let i = position(of: key) {
                    values[i] = v
                } else {
                    keys.append(key)
                    values.append(v)
                    if index != nil {
                        index![key] = keys.count - 1
                    } else if keys.count > Self.indexedCount {
                        index = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
                    }
                }
            } else if let i = position(of: key) {
                keys.remove(at: i)
                values.remove(at: i)
                if index != nil {
                    index = keys.count > Self.indexedCount ? Dictionary(uniqueKeysWithValues: zip(keys, keys.indices)) : nil
                }
            }
        }
    }

    public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
        var i = 0
        let keys = keys, values = values
        return AnyIterator {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return (keys[i], values[i])
        }
    }

    /// Equality ignores member order, as JSON's data model does.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.count == b.count else { return false }
        if a.keys == b.keys { return a.values == b.values }
        for (i, key) in a.keys.enumerated() {
            guard let other = b[key], other == a.values[i] else { return false }
        }
        return true
    }

    /// Independent of member order (a sum of per-member hashes), like `==`.
    public func hash(into h: inout Hasher) {
        var sum = 0
        for i in keys.indices {
            var member = Hasher()
            member.combine(keys[i])
            member.combine(values[i])
            sum = sum &+ member.finalize()
        }
        h.combine(keys.count)
        h.combine(sum)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByNilLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
