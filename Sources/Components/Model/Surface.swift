import JSONSchema

/// The envelope the model generates (the schema root): a short answer in words plus a dashboard.
public struct Surface: JSONRepresentable {
    /// Catalog version; always `"1"`.
    public var version: String
    /// Short title of the answer.
    public var title: String
    /// One or two sentences answering the question; `nil` when the dashboard says it all.
    public var answer: String?
    /// The dashboard.
    public var root: Dashboard

    /// The catalog version this module reads and writes.
    public static let catalogVersion = "1"

    public init(title: String, answer: String?, root: Dashboard) {
        self.version = Surface.catalogVersion
        self.title = title
        self.answer = answer
        self.root = root
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["version", "title", "answer", "root"])
        try r.constant("version", Surface.catalogVersion)
        version = Surface.catalogVersion
        title = try r.string("title")
        answer = try r.optionalString("answer")
        root = try r.decode("root")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("version", version)
        w.set("title", title)
        w.set("answer", answer)
        w.set("root", root)
        return w.json
    }
}
