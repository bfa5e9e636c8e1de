import JSONSchema

/// A catalog value that reads itself from a `JSONValue` (reporting errors with exact JSON Pointers)
/// and writes itself back in schema key order, with `null` for every absent optional.
public protocol JSONRepresentable: Sendable, Hashable {
    /// Decodes the value found at `pointer` in a document.
    init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError)
    /// The value in the catalog's strict form: every key present, in schema order.
    func encode() -> JSONValue
}

extension JSONRepresentable {
    /// Decodes a value from the root of a document.
    public static func decode(from json: JSONValue) throws(ComponentDecodingError) -> Self {
        try Self(json: json, at: .root)
    }
}

/// A closed set of string values (`enum` in the schema).
public protocol CatalogEnum: RawRepresentable<String>, CaseIterable, Sendable, Hashable {}

extension CatalogEnum {
    /// Reads the enum from a string value, naming the allowed values on failure.
    static func read(_ json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) -> Self {
        guard case .string(let s) = json else {
            throw ComponentDecodingError(pointer, "expected a string, found \(json.typeName)")
        }
        guard let v = Self(rawValue: s) else {
            let allowed = allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw ComponentDecodingError(pointer, "unknown value \"\(s)\" (expected one of \(allowed))")
        }
        return v
    }

    var json: JSONValue { .string(rawValue) }
}
