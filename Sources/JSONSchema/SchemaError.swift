/// An error located in a schema: "POINTER: message".
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The place in the schema document the error is about.
    public let pointer: JSONPointer
    /// A human-readable explanation.
    public let message: String

    public init(_ pointer: JSONPointer, _ message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String { "\(pointer.display): \(message)" }
}

/// The JSON Schema dialect a document is written in, detected from its `$schema`.
public enum SchemaDialect: String, Sendable, CaseIterable {
    case draft4, draft6, draft7, draft2019_09, draft2020_12

    /// Detects the dialect from a `$schema` URI; unknown or missing URIs give draft 2020-12.
    public init(schemaURI: String?) {
        guard let uri = schemaURI?.lowercased() else { self = .draft2020_12; return }
        if uri.contains("draft-04") || uri.contains("draft-03") { self = .draft4 }
        else if uri.contains("draft-06") { self = .draft6 }
        else if uri.contains("draft-07") { self = .draft7 }
        else if uri.contains("2019-09") { self = .draft2019_09 }
        else { self = .draft2020_12 }
    }

    /// Draft-04 to draft-07: `$ref` hides its sibling keywords, `items` may be an array.
    public var isLegacy: Bool { self == .draft4 || self == .draft6 || self == .draft7 }

    /// Draft-04 spells the identifier keyword `id`; later drafts `$id`.
    public var idKeyword: String { self == .draft4 ? "id" : "$id" }
}
