import JSONSchema

/// Reads the members of one JSON object in the catalog's strict form: every schema key must be
/// present (optionals as `null`) and no other key is allowed. Every error names the exact pointer.
struct ObjectReader {
    let object: JSONObject
    let pointer: JSONPointer

    /// Checks that `json` is an object with exactly `keys` (in any order).
    init(_ json: JSONValue, at pointer: JSONPointer, keys: [String]) throws(ComponentDecodingError) {
        guard case .object(let o) = json else {
            throw ComponentDecodingError(pointer, "expected an object, found \(json.typeName)")
        }
        for k in o.keys where !keys.contains(k) {
            throw ComponentDecodingError(pointer / k, "unknown property \"\(k)\"")
        }
        for k in keys where o[k] == nil {
            throw ComponentDecodingError(pointer, "missing required property \"\(k)\"")
        }
        self.object = o
        self.pointer = pointer
    }

    func value(_ key: String) -> JSONValue { object[key] ?? .null }

    func isNull(_ key: String) -> Bool { value(key).isNull }

    func string(_ key: String) throws(ComponentDecodingError) -> String {
        guard case .string(let s) = value(key) else { throw typeError(key, "a string") }
        return s
    }

    func optionalString(_ key: String) throws(ComponentDecodingError) -> String? {
        if isNull(key) { return nil }
        guard case .string(let s) = value(key) else { throw typeError(key, "a string or null") }
        return s
    }

    func number(_ key: String) throws(ComponentDecodingError) -> Double {
        try Self.number(value(key), at: pointer / key)
    }

    func optionalNumber(_ key: String, in range: ClosedRange<Double>? = nil) throws(ComponentDecodingError) -> Double? {
        if isNull(key) { return nil }
        let v = try number(key)
        if let range, !range.contains(v) {
            throw ComponentDecodingError(pointer / key, "\(v) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }

    static func number(_ json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) -> Double {
        guard case .number(let n) = json, n.double.isFinite else {
            throw ComponentDecodingError(pointer, "expected a number, found \(json.typeName)")
        }
        return n.double
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ComponentDecodingError) -> Int {
        guard case .number(let n) = value(key), n.isInteger, let i = n.int64, let v = Int(exactly: i) else {
            throw typeError(key, "an integer")
        }
        guard range.contains(v) else {
            throw ComponentDecodingError(pointer / key, "\(v) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(ComponentDecodingError) -> Int? {
        if isNull(key) { return nil }
        return try integer(key, in: range)
    }

    func optionalBool(_ key: String) throws(ComponentDecodingError) -> Bool? {
        switch value(key) {
        case .null: return nil
        case .bool(let b): return b
        default: throw typeError(key, "a boolean or null")
        }
    }

    func enumValue<E: CatalogEnum>(_ key: String, _: E.Type = E.self) throws(ComponentDecodingError) -> E {
        try E.read(value(key), at: pointer / key)
    }

    func optionalEnum<E: CatalogEnum>(_ key: String, _: E.Type = E.self) throws(ComponentDecodingError) -> E? {
        if isNull(key) { return nil }
        return try E.read(value(key), at: pointer / key)
    }

    /// Requires the single-value discriminator `key` to equal `expected`.
    func constant(_ key: String, _ expected: String) throws(ComponentDecodingError) {
        guard case .string(let s) = value(key), s == expected else {
            throw ComponentDecodingError(pointer / key, "expected \"\(expected)\"")
        }
    }

    func decode<T: JSONRepresentable>(_ key: String, _: T.Type = T.self) throws(ComponentDecodingError) -> T {
        try T(json: value(key), at: pointer / key)
    }

    func optional<T: JSONRepresentable>(_ key: String, _: T.Type = T.self) throws(ComponentDecodingError) -> T? {
        if isNull(key) { return nil }
        return try T(json: value(key), at: pointer / key)
    }

    /// Reads an array, checking its length, and decodes each element with `element`.
    func array<T>(_ key: String, count: ClosedRange<Int>? = nil,
                  _ element: (JSONValue, JSONPointer) throws(ComponentDecodingError) -> T) throws(ComponentDecodingError) -> [T] {
        try Self.array(value(key), at: pointer / key, count: count, element)
    }

    func optionalArray<T>(_ key: String, count: ClosedRange<Int>? = nil,
                          _ element: (JSONValue, JSONPointer) throws(ComponentDecodingError) -> T) throws(ComponentDecodingError) -> [T]? {
        if isNull(key) { return nil }
        return try array(key, count: count, element)
    }

    func array<T: JSONRepresentable>(_ key: String, of _: T.Type, count: ClosedRange<Int>? = nil) throws(ComponentDecodingError) -> [T] {
        try array(key, count: count) { (v, p) throws(ComponentDecodingError) in try T(json: v, at: p) }
    }

    static func array<T>(_ json: JSONValue, at pointer: JSONPointer, count: ClosedRange<Int>? = nil,
                         _ element: (JSONValue, JSONPointer) throws(ComponentDecodingError) -> T) throws(ComponentDecodingError) -> [T] {
        guard case .array(let items) = json else {
            throw ComponentDecodingError(pointer, "expected an array, found \(json.typeName)")
        }
        if let count, !count.contains(items.count) {
            throw ComponentDecodingError(pointer, "expected \(count.lowerBound) to \(count.upperBound) items, found \(items.count)")
        }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append(try element(item, pointer / i)) }
        return out
    }

    private func typeError(_ key: String, _ expected: String) -> ComponentDecodingError {
        ComponentDecodingError(pointer / key, "expected \(expected), found \(value(key).typeName)")
    }
}

/// Builds a JSON object in schema key order.
struct ObjectWriter {
    private(set) var object = JSONObject()

    mutating func set(_ key: String, _ value: JSONValue) { object[key] = value }
    mutating func set(_ key: String, _ value: String) { object[key] = .string(value) }
    mutating func set(_ key: String, _ value: String?) { object[key] = value.map { .string($0) } ?? .null }
    mutating func set(_ key: String, _ value: Double) { object[key] = .number(JSONNumber(value)) }
    mutating func set(_ key: String, _ value: Double?) { object[key] = value.map { .number(JSONNumber($0)) } ?? .null }
    mutating func set(_ key: String, _ value: Int) { object[key] = .int(value) }
    mutating func set(_ key: String, _ value: Int?) { object[key] = value.map { .int($0) } ?? .null }
    mutating func set(_ key: String, _ value: Bool?) { object[key] = value.map { .bool($0) } ?? .null }
    mutating func set<E: CatalogEnum>(_ key: String, _ value: E) { object[key] = value.json }
    mutating func set<E: CatalogEnum>(_ key: String, _ value: E?) { object[key] = value?.json ?? .null }
    mutating func set<T: JSONRepresentable>(_ key: String, _ value: T) { object[key] = value.encode() }
    mutating func set<T: JSONRepresentable>(_ key: String, _ value: T?) { object[key] = value?.encode() ?? .null }
    mutating func set<T: JSONRepresentable>(_ key: String, _ values: [T]) { object[key] = .array(values.map { $0.encode() }) }

    var json: JSONValue { .object(object) }
}
