import JSONSchema

/// A heading line, level 1 (largest) to 4.
public struct Heading: Component {
    public static let typeName = "Heading"
    public static let keys = ["type", "id", "span", "text", "level"]
    public var id: String
    public var span: Int?
    public var text: String
    public var level: Int

    public init(id: String, span: Int? = nil, text: String, level: Int) { self.id = id; self.span = span; self.text = text; self.level = level }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Heading.self)
        self.id = id; self.span = span
        text = try r.string("text")
        level = try r.integer("level", in: 1...4)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("text", text)
        w.set("level", level)
        return w.json
    }
}

/// A paragraph of plain text.
public struct Text: Component {
    public static let typeName = "Text"
    public static let keys = ["type", "id", "span", "text", "size", "tone"]
    public var id: String
    public var span: Int?
    public var text: String
    public var size: TextSize
    public var tone: Tone?

    public init(id: String, span: Int? = nil, text: String, size: TextSize = .md, tone: Tone? = nil) {
        self.id = id; self.span = span; self.text = text; self.size = size; self.tone = tone
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Text.self)
        self.id = id; self.span = span
        text = try r.string("text")
        size = try r.enumValue("size")
        tone = try r.optionalEnum("tone")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("text", text)
        w.set("size", size)
        w.set("tone", tone)
        return w.json
    }
}

/// CommonMark text (raw HTML is never rendered; links http/https/mailto only).
public struct Markdown: Component {
    public static let typeName = "Markdown"
    public static let keys = ["type", "id", "span", "markdown"]
    public var id: String
    public var span: Int?
    public var markdown: String

    public init(id: String, span: Int? = nil, markdown: String) { self.id = id; self.span = span; self.markdown = markdown }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Markdown.self)
        self.id = id; self.span = span
        markdown = try r.string("markdown")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("markdown", markdown)
        return w.json
    }
}

/// A highlighted message box.
public struct Callout: Component {
    public static let typeName = "Callout"
    public static let keys = ["type", "id", "span", "tone", "title", "body"]
    public var id: String
    public var span: Int?
    public var tone: Tone
    public var title: String?
    public var body: String

    public init(id: String, span: Int? = nil, tone: Tone, title: String?, body: String) {
        self.id = id; self.span = span; self.tone = tone; self.title = title; self.body = body
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Callout.self)
        self.id = id; self.span = span
        tone = try r.enumValue("tone")
        title = try r.optionalString("title")
        body = try r.string("body")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("tone", tone)
        w.set("title", title)
        w.set("body", body)
        return w.json
    }
}

/// A value that is either a number or a string (`FactList` values).
public enum FactValue: Sendable, Hashable {
    case number(Double)
    case string(String)

    static func read(_ json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) -> FactValue {
        switch json {
        case .number(let n) where n.double.isFinite: return .number(n.double)
        case .string(let s): return .string(s)
        default: throw ComponentDecodingError(pointer, "expected a string or a number, found \(json.typeName)")
        }
    }

    var json: JSONValue {
        switch self {
        case .number(let d): return .number(JSONNumber(d))
        case .string(let s): return .string(s)
        }
    }
}

/// One label/value pair of a `FactList`.
public struct Fact: JSONRepresentable {
    public var label: String
    public var value: FactValue
    public var format: Format?
    public var unit: String?

    public init(label: String, value: FactValue, format: Format? = nil, unit: String? = nil) {
        self.label = label; self.value = value; self.format = format; self.unit = unit
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["label", "value", "format", "unit"])
        label = try r.string("label")
        value = try FactValue.read(r.value("value"), at: pointer / "value")
        format = try r.optionalEnum("format")
        unit = try r.optionalString("unit")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("label", label)
        w.set("value", value.json)
        w.set("format", format)
        w.set("unit", unit)
        return w.json
    }
}

/// Label/value pairs flowing into 1 to 3 columns.
public struct FactList: Component {
    public static let typeName = "FactList"
    public static let keys = ["type", "id", "span", "items", "columns"]
    public var id: String
    public var span: Int?
    public var items: [Fact]
    public var columns: Int

    public init(id: String, span: Int? = nil, items: [Fact], columns: Int = 1) { self.id = id; self.span = span; self.items = items; self.columns = columns }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, FactList.self)
        self.id = id; self.span = span
        items = try r.array("items", of: Fact.self, count: 1...40)
        columns = try r.integer("columns", in: 1...3)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("items", items)
        w.set("columns", columns)
        return w.json
    }
}

/// One tag of a `TagList`.
public struct Tag: JSONRepresentable {
    public var label: String
    public var tone: Tone?

    public init(label: String, tone: Tone? = nil) { self.label = label; self.tone = tone }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["label", "tone"])
        label = try r.string("label")
        tone = try r.optionalEnum("tone")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("label", label)
        w.set("tone", tone)
        return w.json
    }
}

/// A row of small labels.
public struct TagList: Component {
    public static let typeName = "TagList"
    public static let keys = ["type", "id", "span", "items"]
    public var id: String
    public var span: Int?
    public var items: [Tag]

    public init(id: String, span: Int? = nil, items: [Tag]) { self.id = id; self.span = span; self.items = items }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, TagList.self)
        self.id = id; self.span = span
        items = try r.array("items", of: Tag.self, count: 1...30)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("items", items)
        return w.json
    }
}

/// An image from an https address, with required alt text.
public struct Image: Component {
    public static let typeName = "Image"
    public static let keys = ["type", "id", "span", "src", "alt", "caption", "aspect"]
    public var id: String
    public var span: Int?
    public var src: String
    public var alt: String
    public var caption: String?
    public var aspect: ImageAspect

    public init(id: String, span: Int? = nil, src: String, alt: String, caption: String? = nil, aspect: ImageAspect = .auto) {
        self.id = id; self.span = span; self.src = src; self.alt = alt; self.caption = caption; self.aspect = aspect
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Image.self)
        self.id = id; self.span = span
        src = try r.string("src")
        alt = try r.string("alt")
        caption = try r.optionalString("caption")
        aspect = try r.enumValue("aspect")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("src", src)
        w.set("alt", alt)
        w.set("caption", caption)
        w.set("aspect", aspect)
        return w.json
    }
}
