import JSONSchema

/// Any component except `Dashboard` (the schema's `$defs/Node`). Decoding dispatches on `type`.
public indirect enum Node: JSONRepresentable {
    case section(Section)
    case grid(Grid)
    case stack(Stack)
    case card(Card)
    case tabs(Tabs)
    case divider(Divider)
    case heading(Heading)
    case text(Text)
    case markdown(Markdown)
    case callout(Callout)
    case factList(FactList)
    case tagList(TagList)
    case image(Image)
    case sources(Sources)
    case suggestions(Suggestions)
    case progress(ProgressBar)
    case kpi(KPI)
    case kpiGroup(KPIGroup)
    case table(Table)
    case chart(Chart)

    /// The component types a `Node` may hold, in catalog order.
    public static let componentTypes: [any Component.Type] = [
        Section.self, Grid.self, Stack.self, Card.self, Tabs.self, Divider.self,
        Heading.self, Text.self, Markdown.self, Callout.self, FactList.self, TagList.self, Image.self,
        Sources.self, Suggestions.self, ProgressBar.self, KPI.self, KPIGroup.self, Table.self, Chart.self,
    ]

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        guard case .object(let o) = json else {
            throw ComponentDecodingError(pointer, "expected a component object, found \(json.typeName)")
        }
        guard let t = o["type"] else { throw ComponentDecodingError(pointer, "missing required property \"type\"") }
        guard case .string(let type) = t else {
            throw ComponentDecodingError(pointer / "type", "expected a string, found \(t.typeName)")
        }
        switch type {
        case Section.typeName: self = .section(try Section(json: json, at: pointer))
        case Grid.typeName: self = .grid(try Grid(json: json, at: pointer))
        case Stack.typeName: self = .stack(try Stack(json: json, at: pointer))
        case Card.typeName: self = .card(try Card(json: json, at: pointer))
        case Tabs.typeName: self = .tabs(try Tabs(json: json, at: pointer))
        case Divider.typeName: self = .divider(try Divider(json: json, at: pointer))
        case Heading.typeName: self = .heading(try Heading(json: json, at: pointer))
        case Text.typeName: self = .text(try Text(json: json, at: pointer))
        case Markdown.typeName: self = .markdown(try Markdown(json: json, at: pointer))
        case Callout.typeName: self = .callout(try Callout(json: json, at: pointer))
        case FactList.typeName: self = .factList(try FactList(json: json, at: pointer))
        case TagList.typeName: self = .tagList(try TagList(json: json, at: pointer))
        case Image.typeName: self = .image(try Image(json: json, at: pointer))
        case Sources.typeName: self = .sources(try Sources(json: json, at: pointer))
        case Suggestions.typeName: self = .suggestions(try Suggestions(json: json, at: pointer))
        case ProgressBar.typeName: self = .progress(try ProgressBar(json: json, at: pointer))
        case KPI.typeName: self = .kpi(try KPI(json: json, at: pointer))
        case KPIGroup.typeName: self = .kpiGroup(try KPIGroup(json: json, at: pointer))
        case Table.typeName: self = .table(try Table(json: json, at: pointer))
        case Chart.typeName: self = .chart(try Chart(json: json, at: pointer))
        case Dashboard.typeName:
            throw ComponentDecodingError(pointer / "type", "Dashboard is only allowed as the root")
        default:
            throw ComponentDecodingError(pointer / "type", "unknown component type \"\(type)\"")
        }
    }

    /// The component held by this node.
    public var component: any Component {
        switch self {
        case .section(let c): return c
        case .grid(let c): return c
        case .stack(let c): return c
        case .card(let c): return c
        case .tabs(let c): return c
        case .divider(let c): return c
        case .heading(let c): return c
        case .text(let c): return c
        case .markdown(let c): return c
        case .callout(let c): return c
        case .factList(let c): return c
        case .tagList(let c): return c
        case .image(let c): return c
        case .sources(let c): return c
        case .suggestions(let c): return c
        case .progress(let c): return c
        case .kpi(let c): return c
        case .kpiGroup(let c): return c
        case .table(let c): return c
        case .chart(let c): return c
        }
    }

    /// The node's `id`.
    public var id: String { component.id }
    /// The node's `type` discriminator.
    public var typeName: String { type(of: component).typeName }

    /// Direct child nodes with the pointer suffix from this node to each child
    /// (`["children", "0"]`, or `["tabs", "1", "children", "0"]` for Tabs).
    public var childNodes: [(suffix: [String], node: Node)] {
        func plain(_ nodes: [Node]) -> [(suffix: [String], node: Node)] {
            nodes.enumerated().map { (["children", String($0.offset)], $0.element) }
        }
        switch self {
        case .section(let c): return plain(c.children)
        case .grid(let c): return plain(c.children)
        case .stack(let c): return plain(c.children)
        case .card(let c): return plain(c.children)
        case .tabs(let c):
            return c.tabs.enumerated().flatMap { t in
                t.element.children.enumerated().map { (["tabs", String(t.offset), "children", String($0.offset)], $0.element) }
            }
        default: return []
        }
    }

    public func encode() -> JSONValue { component.encode() }
}

/// Rewrites the data-bearing components of a tree (charts, tables, KPIs, including KPIs inside
/// groups) in document order, with each one's JSON Pointer; everything else is kept as it is.
public struct DataComponentRewriter {
    public var chart: (Chart, JSONPointer) -> Chart = { c, _ in c }
    public var table: (Table, JSONPointer) -> Table = { t, _ in t }
    public var kpi: (KPI, JSONPointer) -> KPI = { k, _ in k }

    public init() {}

    public func rewrite(_ surface: Surface) -> Surface {
        var surface = surface
        let root = JSONPointer.root / "root"
        surface.root.children = surface.root.children.enumerated().map { rewrite($1, at: root / "children" / $0) }
        return surface
    }

    /// One subtree found at `p`.
    public func rewrite(_ node: Node, at p: JSONPointer) -> Node {
        func children(_ nodes: [Node], at base: JSONPointer) -> [Node] {
            nodes.enumerated().map { rewrite($1, at: base / "children" / $0) }
        }
        switch node {
        case .chart(let c): return .chart(chart(c, p))
        case .table(let t): return .table(table(t, p))
        case .kpi(let k): return .kpi(kpi(k, p))
        case .kpiGroup(var g):
            g.items = g.items.enumerated().map { kpi($1, p / "items" / $0) }
            return .kpiGroup(g)
        case .section(var c): c.children = children(c.children, at: p); return .section(c)
        case .grid(var c): c.children = children(c.children, at: p); return .grid(c)
        case .stack(var c): c.children = children(c.children, at: p); return .stack(c)
        case .card(var c): c.children = children(c.children, at: p); return .card(c)
        case .tabs(var c):
            for i in c.tabs.indices { c.tabs[i].children = children(c.tabs[i].children, at: p / "tabs" / i) }
            return .tabs(c)
        default: return node
        }
    }
}
