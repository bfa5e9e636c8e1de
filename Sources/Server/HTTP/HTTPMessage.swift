import JSONSchema

/// One HTTP request, fully read (bodies are bounded by `ServerConfiguration.maxBodyBytes`).
/// Routes see only this value type, never libmicrohttpd.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The decoded path, without the query string.
    public var path: String
    public var query: [String: String]
    /// Header names are lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A response: a complete body, or a stream that a producer fills on its own thread.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// The producer runs on a dedicated thread; the stream ends when it returns. It should poll
        /// `stream.isCancelled` (client gone or server shutting down) and stop early.
        case stream(heartbeat: [UInt8]?, producer: @Sendable (ResponseStream) -> Void)
    }

    public var status: Int
    public var headers: [(String, String)]
    public var body: Body

    public init(status: Int, headers: [(String, String)] = [], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func bytes(_ bytes: [UInt8], status: Int = 200, contentType: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: .bytes(bytes))
    }

    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        .bytes(Array(text.utf8), status: status, contentType: contentType)
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        .bytes(JSONWriter().bytes(value) + [0x0A], status: status, contentType: "application/json")
    }

    /// A server-sent-event stream (`text/event-stream`), kept alive with comment lines while idle.
    public static func eventStream(_ producer: @escaping @Sendable (ResponseStream) -> Void) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store"), ("X-Accel-Buffering", "no")],
            body: .stream(heartbeat: Array(": keep-alive\n\n".utf8), producer: producer)
        )
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public func adding(header name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}

/// A server-sent event, serialized per the HTML standard: every line of `data` gets its own `data:` field.
public struct ServerSentEvent: Sendable {
    public var event: String?
    public var data: String

    public init(event: String? = nil, data: String) {
        self.event = event
        self.data = data
    }

    public var bytes: [UInt8] {
        var text = ""
        if let event { text += "event: \(event)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        text += "\n"
        return Array(text.utf8)
    }
}
