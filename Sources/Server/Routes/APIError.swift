import JSONSchema

/// An error answer of the API: `{"error": {"code", "message", "pointer"?}}` with an HTTP status.
/// `type` and `param` are added so OpenAI SDKs show it like one of OpenAI's own.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String
    /// Where in the request (or the generated document) the problem is, as a JSON Pointer.
    public var pointer: String?

    public init(_ status: Int, _ code: String, _ message: String, pointer: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.pointer = pointer
    }

    public var description: String { "\(status) \(code): \(pointer.map { "\($0.isEmpty ? "/" : $0): " } ?? "")\(message)" }

    /// The body of an `error` event and the `error` member of an error response.
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [("code", .string(code)), ("message", .string(message))]
        if let pointer { fields.append(("pointer", .string(pointer))) }
        fields.append(("type", .string(status >= 500 ? "server_error" : "invalid_request_error")))
        fields.append(("param", pointer.map { .string($0) } ?? .null))
        return .object(JSONObject(fields))
    }

    public var response: HTTPResponse {
        .json(.object(JSONObject([("error", json)])), status: status)
    }

    /// A request body that is not JSON: 400 with the line and column.
    static func malformedJSON(_ error: Error) -> APIError {
        if let e = error as? JSONParseError {
            return APIError(400, "invalid_json", "the request body is not valid JSON: \(e)", pointer: "")
        }
        return APIError(400, "invalid_json", "the request body is not valid JSON: \(error)", pointer: "")
    }
}

/// Reads typed members of a JSON request body, with JSON Pointer errors.
struct RequestReader {
    let object: JSONObject

    init(body: [UInt8]) throws(APIError) {
        let value: JSONValue
        do { value = try JSONParser(maxDepth: 128).parse(body) } catch { throw APIError.malformedJSON(error) }
        guard case .object(let object) = value else {
            throw APIError(400, "invalid_request", "the request body must be a JSON object", pointer: "")
        }
        self.object = object
    }

    func string(_ key: String, required: Bool = false, maxLength: Int = 100_000) throws(APIError) -> String? {
        guard let value = object[key], !value.isNull else {
            if required { throw APIError(400, "invalid_request", "'\(key)' is required", pointer: "/\(key)") }
            return nil
        }
        guard let s = value.stringValue else { throw APIError(400, "invalid_request", "'\(key)' must be a string", pointer: "/\(key)") }
        if s.count > maxLength { throw APIError(400, "invalid_request", "'\(key)' is longer than \(maxLength) characters", pointer: "/\(key)") }
        return s
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let d = value.doubleValue else { throw APIError(400, "invalid_request", "'\(key)' must be a number", pointer: "/\(key)") }
        guard range.contains(d) else {
            throw APIError(400, "invalid_request", "'\(key)' must be between \(range.lowerBound) and \(range.upperBound)", pointer: "/\(key)")
        }
        return d
    }

    func bool(_ key: String) throws(APIError) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let b = value.boolValue else { throw APIError(400, "invalid_request", "'\(key)' must be true or false", pointer: "/\(key)") }
        return b
    }
}
