/// Maps method + path pattern to a handler. Patterns are literal segments and `{name}` parameters,
/// e.g. `/v1/schemas/{name}`. A path that matches no pattern is 404; a known path with another
/// method is 405 with `Allow`.
public struct Router: Sendable {
    public typealias Handler = @Sendable (HTTPRequest, _ parameters: [String: String]) -> HTTPResponse

    struct Route: Sendable {
        var method: String
        var pattern: String
        var segments: [Substring]
        var handler: Handler
    }

    private var routes: [Route] = []

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, pattern: pattern, segments: Self.split(pattern), handler: handler))
    }

    /// The response, and the pattern of the route that produced it (`nil` for 404/405), for metric labels.
    public func respond(to request: HTTPRequest, notFound: (HTTPRequest) -> HTTPResponse,
                        methodNotAllowed: (HTTPRequest, [String]) -> HTTPResponse) -> (response: HTTPResponse, pattern: String?) {
        let segments = Self.split(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.match(route.segments, segments) else { continue }
            if route.method == request.method || (request.method == "HEAD" && route.method == "GET") {
                return (route.handler(request, parameters), route.pattern)
            }
            allowed.append(route.method)
        }
        return (allowed.isEmpty ? notFound(request) : methodNotAllowed(request, allowed), nil)
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (p, s) in zip(pattern, path) {
            if p.hasPrefix("{") && p.hasSuffix("}") {
                parameters[String(p.dropFirst().dropLast())] = String(s)
            } else if p != s {
                return nil
            }
        }
        return parameters
    }
}
