import JSONSchema

/// The root of every answer: a titled page of components. Only valid as `Surface.root`.
public struct Dashboard: Component {
    public static let typeName = "Dashboard"
    public static let keys = ["type", "id", "title", "subtitle", "asOf", "children"]
    public var id: String
    /// Always `nil`: the dashboard is the page itself.
    public var span: Int? { nil }
    public var title: String
    public var subtitle: String?
    /// ISO-8601 date-time the data was current.
    public var asOf: String?
    public var children: [Node]

    public init(id: String, title: String, subtitle: String? = nil, asOf: String? = nil, children: [Node]) {
        self.id = id; self.title = title; self.subtitle = subtitle; self.asOf = asOf; self.children = children
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, _) = try ObjectReader.component(json, at: pointer, Dashboard.self)
        self.id = id
        title = try r.string("title")
        subtitle = try r.optionalString("subtitle")
        asOf = try r.optionalString("asOf")
        children = try readChildren(r)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("title", title)
        w.set("subtitle", subtitle)
        w.set("asOf", asOf)
        w.set("children", children)
        return w.json
    }
}

/// A titled group of components.
public struct Section: Component {
    public static let typeName = "Section"
    public static let keys = ["type", "id", "span", "title", "description", "children"]
    public var id: String
    public var span: Int?
    public var title: String?
    public var description: String?
    public var children: [Node]

    public init(id: String, span: Int? = nil, title: String?, description: String? = nil, children: [Node]) {
        self.id = id; self.span = span; self.title = title; self.description = description; self.children = children
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Section.self)
        self.id = id; self.span = span
        title = try r.optionalString("title")
        description = try r.optionalString("description")
        children = try readChildren(r)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("title", title)
        w.set("description", description)
        w.set("children", children)
        return w.json
    }
}

/// A grid of equal columns; children take `span` columns.
public struct Grid: Component {
    public static let typeName = "Grid"
    public static let keys = ["type", "id", "span", "columns", "gap", "children"]
    public var id: String
    public var span: Int?
    /// Number of columns, 1...12.
    public var columns: Int
    public var gap: Gap
    public var children: [Node]

    public init(id: String, span: Int? = nil, columns: Int = 12, gap: Gap = .md, children: [Node]) {
        self.id = id; self.span = span; self.columns = columns; self.gap = gap; self.children = children
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Grid.self)
        self.id = id; self.span = span
        columns = try r.integer("columns", in: 1...12)
        gap = try r.enumValue("gap")
        children = try readChildren(r)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("columns", columns)
        w.set("gap", gap)
        w.set("children", children)
        return w.json
    }
}

/// Children in a row or a column.
public struct Stack: Component {
    public static let typeName = "Stack"
    public static let keys = ["type", "id", "span", "direction", "gap", "align", "children"]
    public var id: String
    public var span: Int?
    public var direction: StackDirection
    public var gap: Gap
    public var align: StackAlign
    public var children: [Node]

    public init(id: String, span: Int? = nil, direction: StackDirection, gap: Gap = .md, align: StackAlign = .stretch, children: [Node]) {
        self.id = id; self.span = span; self.direction = direction; self.gap = gap; self.align = align; self.children = children
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Stack.self)
        self.id = id; self.span = span
        direction = try r.enumValue("direction")
        gap = try r.enumValue("gap")
        align = try r.enumValue("align")
        children = try readChildren(r)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("direction", direction)
        w.set("gap", gap)
        w.set("align", align)
        w.set("children", children)
        return w.json
    }
}

/// A bordered panel with an optional header.
public struct Card: Component {
    public static let typeName = "Card"
    public static let keys = ["type", "id", "span", "title", "subtitle", "tone", "children"]
    public var id: String
    public var span: Int?
    public var title: String?
    public var subtitle: String?
    public var tone: Tone?
    public var children: [Node]

    public init(id: String, span: Int? = nil, title: String?, subtitle: String? = nil, tone: Tone? = nil, children: [Node]) {
        self.id = id; self.span = span; self.title = title; self.subtitle = subtitle; self.tone = tone; self.children = children
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Card.self)
        self.id = id; self.span = span
        title = try r.optionalString("title")
        subtitle = try r.optionalString("subtitle")
        tone = try r.optionalEnum("tone")
        children = try readChildren(r)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("title", title)
        w.set("subtitle", subtitle)
        w.set("tone", tone)
        w.set("children", children)
        return w.json
    }
}

/// One tab of a `Tabs` node.
public struct Tab: JSONRepresentable {
    public var id: String
    public var label: String
    public var children: [Node]

    public init(id: String, label: String, children: [Node]) { self.id = id; self.label = label; self.children = children }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let r = try ObjectReader(json, at: pointer, keys: ["id", "label", "children"])
        id = try r.string("id")
        label = try r.string("label")
        children = try readChildren(r)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter()
        w.set("id", id)
        w.set("label", label)
        w.set("children", children)
        return w.json
    }
}

/// Alternative views, one visible at a time (1 to 8 tabs).
public struct Tabs: Component {
    public static let typeName = "Tabs"
    public static let keys = ["type", "id", "span", "tabs"]
    public var id: String
    public var span: Int?
    public var tabs: [Tab]

    public init(id: String, span: Int? = nil, tabs: [Tab]) { self.id = id; self.span = span; self.tabs = tabs }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Tabs.self)
        self.id = id; self.span = span
        tabs = try r.array("tabs", of: Tab.self, count: 1...8)
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("tabs", tabs)
        return w.json
    }
}

/// A horizontal rule, optionally labelled.
public struct Divider: Component {
    public static let typeName = "Divider"
    public static let keys = ["type", "id", "span", "label"]
    public var id: String
    public var span: Int?
    public var label: String?

    public init(id: String, span: Int? = nil, label: String? = nil) { self.id = id; self.span = span; self.label = label }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Divider.self)
        self.id = id; self.span = span
        label = try r.optionalString("label")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("label", label)
        return w.json
    }
}
