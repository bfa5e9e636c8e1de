import JSONSchema

/// `Codable` for every catalog type, bridged through `JSONValue` so `JSONDecoder` and `JSONEncoder`
/// give the same strict reading (every key present, no extra key) and the same key order as
/// `init(json:at:)` and `encode()`. Decoding errors surface as `ComponentDecodingError`, with the
/// pointer prefixed by the decoder's coding path.
extension JSONRepresentable {
    public init(from decoder: any Decoder) throws {
        let value = try CodableJSON(from: decoder).value
        let prefix = JSONPointer(decoder.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue })
        try self.init(json: value, at: prefix)
    }

    public func encode(to encoder: any Encoder) throws {
        try CodableJSON(value: encode()).encode(to: encoder)
    }
}

extension Surface: Codable {}
extension Node: Codable {}
extension Dashboard: Codable {}
extension Section: Codable {}
extension Grid: Codable {}
extension Stack: Codable {}
extension Card: Codable {}
extension Tabs: Codable {}
extension Tab: Codable {}
extension Divider: Codable {}
extension Heading: Codable {}
extension Text: Codable {}
extension Markdown: Codable {}
extension Callout: Codable {}
extension FactList: Codable {}
extension Fact: Codable {}
extension TagList: Codable {}
extension Tag: Codable {}
extension Image: Codable {}
extension Sources: Codable {}
extension Source: Codable {}
extension Suggestions: Codable {}
extension Suggestion: Codable {}
extension ProgressBar: Codable {}
extension KPI: Codable {}
extension KPIDelta: Codable {}
extension KPIComparison: Codable {}
extension KPIGroup: Codable {}
extension Table: Codable {}
extension TableColumn: Codable {}
extension TableTotal: Codable {}
extension Chart: Codable {}
extension ChartData: Codable {}
extension ChartColumn: Codable {}
extension Encoding: Codable {}
extension Scale: Codable {}
extension Annotation: Codable {}

/// A `JSONValue` that can pass through `Codable` (kept internal: `JSONValue` itself stays free of
/// `Codable` so other modules choose their own bridging).
struct CodableJSON: Codable {
    let value: JSONValue

    init(value: JSONValue) { self.value = value }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            var o = JSONObject()
            for k in object.allKeys { o[k.stringValue] = try object.decode(CodableJSON.self, forKey: k).value }
            value = .object(o)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(CodableJSON.self).value) }
            value = .array(items)
        } else {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                value = .null
            } else if let b = try? c.decode(Bool.self) {
                value = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                value = .number(JSONNumber(text: String(i)))
            } else if let d = try? c.decode(Double.self) {
                value = .number(JSONNumber(d))
            } else {
                value = .string(try c.decode(String.self))
            }
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .number(let n):
            var c = encoder.singleValueContainer()
            if let i = n.int64, !n.text.contains(".") { try c.encode(i) } else { try c.encode(n.double) }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(CodableJSON(value: item)) }
        case .object(let o):
            var c = encoder.container(keyedBy: Key.self)
            for (k, v) in o { try c.encode(CodableJSON(value: v), forKey: Key(stringValue: k)) }
        }
    }
}
