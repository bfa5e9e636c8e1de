import JSONSchema

/// One cited source of a `Sources` node.
public struct Source: JSONRepresentable {
    public var id: String
    public var title: String
    public var url: String
    public var publisher: String?
    /// Publication date, `YYYY-MM-DD`.
    public var date: String?

    public init(id: String, title: String, url: String, publisher: String? = nil, date: String? = nil) {
        self.id = id; self.title = title; self.url = url; self.publisher = publisher; self.date = date
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["id", "title", "url", "publisher", "date"])
        id = try r.string("id")
        title = try r.string("title")
        url = try r.string("url")
        publisher = try r.optionalString("publisher")
        date = try r.optionalString("date")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("id", id)
        w.set("title", title)
        w.set("url", url)
        w.set("publisher", publisher)
        w.set("date", date)
        return w.json
    }
}

/// The sources the answer relies on.
public struct Sources: Component {
    public static let typeName = "Sources"
    public static let keys = ["type", "id", "span", "items"]
    public var id: String
    public var span: Int?
    public var items: [Source]

    public init(id: String, span: Int? = nil, items: [Source]) { self.id = id; self.span = span; self.items = items }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Sources.self)
        self.id = id; self.span = span
        items = try r.array("items", of: Source.self, count: 1...30)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("items", items)
        return w.json
    }
}

/// One clickable follow-up question.
public struct Suggestion: JSONRepresentable {
    public var label: String
    public var prompt: String

    public init(label: String, prompt: String) { self.label = label; self.prompt = prompt }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["label", "prompt"])
        label = try r.string("label")
        prompt = try r.string("prompt")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("label", label)
        w.set("prompt", prompt)
        return w.json
    }
}

/// Follow-up questions the user can click.
public struct Suggestions: Component {
    public static let typeName = "Suggestions"
    public static let keys = ["type", "id", "span", "items"]
    public var id: String
    public var span: Int?
    public var items: [Suggestion]

    public init(id: String, span: Int? = nil, items: [Suggestion]) { self.id = id; self.span = span; self.items = items }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Suggestions.self)
        self.id = id; self.span = span
        items = try r.array("items", of: Suggestion.self, count: 1...8)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("items", items)
        return w.json
    }
}
