/// Minimal RFC 3986 reference resolution, enough for JSON Schema `$id` and `$ref` values
/// (hierarchical `http(s):`/`file:` URIs, `urn:` URIs, relative paths and fragments).
struct URIReference: Sendable, Equatable {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?
    var fragment: String?

    init(parsing text: String) {
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if let colon = rest.firstIndex(of: ":"),
           let first = rest.first, first.isLetter,
           rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
            scheme = String(rest[..<colon]).lowercased()
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<end])
            rest = rest[end...]
        }
        path = String(rest)
    }

    /// The URI without its fragment.
    var withoutFragment: String {
        var s = ""
        if let scheme { s += scheme + ":" }
        if let authority { s += "//" + authority }
        s += path
        if let query { s += "?" + query }
        return s
    }

    var text: String { fragment.map { withoutFragment + "#" + $0 } ?? withoutFragment }

    /// Resolves `reference` against `self` (RFC 3986 §5.2.2).
    func resolving(_ reference: URIReference) -> URIReference {
        var t = reference
        if reference.scheme != nil {
            t.path = Self.removeDotSegments(reference.path)
            return t
        }
        t.scheme = scheme
        if reference.authority != nil {
            t.path = Self.removeDotSegments(reference.path)
            return t
        }
        t.authority = authority
        if reference.path.isEmpty {
            t.path = path
            if reference.query == nil { t.query = query }
        } else if reference.path.hasPrefix("/") {
            t.path = Self.removeDotSegments(reference.path)
        } else {
            let merged: String
            if authority != nil && path.isEmpty {
                merged = "/" + reference.path
            } else if let slash = path.lastIndex(of: "/") {
                merged = String(path[...slash]) + reference.path
            } else {
                merged = reference.path
            }
            // Opaque URIs such as `urn:x` have no hierarchy to remove dots from.
            t.path = (scheme != nil && authority == nil && !path.hasPrefix("/")) ? merged : Self.removeDotSegments(merged)
        }
        return t
    }

    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, seg) in segments.enumerated() {
            if seg == "." {
                if i == segments.count - 1 { output.append("") }
            } else if seg == ".." {
                if output.count > 1 || (output.count == 1 && !output[0].isEmpty) { output.removeLast() }
                if i == segments.count - 1 { output.append("") }
            } else {
                output.append(seg)
            }
        }
        return output.joined(separator: "/")
    }

    /// Resolves `reference` text against `base` text.
    static func resolve(_ reference: String, against base: String) -> String {
        if base.isEmpty { return URIReference(parsing: reference).text }
        return URIReference(parsing: base).resolving(URIReference(parsing: reference)).text
    }
}
