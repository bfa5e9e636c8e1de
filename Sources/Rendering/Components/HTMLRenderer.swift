import Components
import JSONSchema
import Mustache

/// Turns a validated component tree into HTML with inline SVG charts.
///
/// The output has no script, no event-handler attributes, no external resources other than
/// `https:` images, and works under `default-src 'none'; style-src 'unsafe-inline'; img-src https: data:`.
/// Identical input gives byte-identical output.
public struct HTMLRenderer: Sendable {
    /// Resource limits applied while rendering.
    public var limits: RenderLimits
    /// Nominal content width in CSS pixels; charts are laid out for their share of it.
    public var contentWidth: Double
    /// Filter controls shown under the dashboard's header (grounded dashboards).
    public var filters: DashboardFilters?

    public init(limits: RenderLimits = .standard, contentWidth: Double = 1160) {
        self.limits = limits
        self.contentWidth = contentWidth
    }

    /// The stylesheet every rendered dashboard needs (the chat UI links it once for all answers).
    public static var stylesheet: String { PageTemplate.css }

    /// A complete HTML document (template `Templates/page.mustache`, inline `Templates/genui.css`).
    public func renderPage(_ surface: Surface) -> String {
        String(decoding: renderPageUTF8(surface), as: UTF8.self)
    }

    /// `renderPage` as UTF-8 bytes, for callers that write bytes (HTTP, files): a megabyte page
    /// costs a noticeable share of its render just to become a `String`.
    public func renderPageUTF8(_ surface: Surface) -> [UInt8] {
        // The body is written straight after the shell's head, into the returned array itself,
        // sized up front; only a page that outgrows the estimate is copied out of the writer.
        var outgrown: [UInt8]?
        let page = [UInt8](unsafeUninitializedCapacity: Self.estimatedBytes(surface)) { block, count in
            var state = RenderState(limits: limits, writer: HTMLWriter(writingInto: block))
            state.filters = filters
            PageTemplate.writeHead(title: surface.title, into: &state.w)
            writeBody(surface, into: &state)
            PageTemplate.writeTail(into: &state.w)
            if let written = state.w.finished(in: block) { count = written } else { outgrown = state.w.html.bytes; count = 0 }
        }
        return outgrown ?? page
    }

    /// The surface's markup without the document shell (answer + dashboard).
    public func renderFragment(_ surface: Surface) -> String {
        fragment(surface).string
    }

    private func fragment(_ surface: Surface) -> SafeHTML {
        var state = RenderState(limits: limits, capacity: Self.estimatedBytes(surface))
        state.filters = filters
        writeBody(surface, into: &state)
        return state.w.html
    }

    private func writeBody(_ surface: Surface, into state: inout RenderState) {
        if let answer = surface.answer, !answer.isEmpty {
            state.w.element(.p, [(.class, "answer")], text: state.clip(answer))
        }
        state.dashboard(surface.root, width: contentWidth)
    }

    /// A generous guess of the page size (chart rows dominate: a data-table row plus its mark
    /// run to about 130 bytes), so the writer rarely grows and copies a megabyte page.
    static func estimatedBytes(_ surface: Surface) -> Int {
        var bytes = 64 * 1024
        func visit(_ node: Node) {
            switch node {
            case .chart(let c): bytes += 4096 + 160 * c.data.rows.count
            case .table(let t): bytes += 1024 + 120 * t.rows.count
            default: bytes += 512
            }
            for child in node.childNodes { visit(child.node) }
        }
        surface.root.children.forEach(visit)
        return min(bytes, 64 << 20)
    }

    /// One node (for streaming a completed subtree), laid out at the full content width.
    /// `path` is the node's JSON Pointer in the surface; it is recorded as `data-path`.
    public func renderNode(_ node: Node, path: JSONPointer = .root) -> String {
        var state = RenderState(limits: limits)
        state.w.open(.div, [(.class, "node-fragment"), (.dataPath, path.description), (.dataNode, node.id)])
        state.node(node, width: contentWidth, depth: 0, extraClass: nil)
        state.w.close(.div)
        return state.w.html.string
    }
}

/// The page shell: the embedded template, compiled once.
enum PageTemplate {
    static let css = EmbeddedTemplates.css
    private static let template: MustacheTemplate? = try? MustacheTemplate(string: EmbeddedTemplates.page)

    /// The shell rendered once around two markers, split into the bytes before the title,
    /// between title and body, and after the body. A page is then three copies and the escaped
    /// title: no template engine and no megabyte `String` per request. The markers hold NUL,
    /// which neither the template nor the CSS contains.
    private static let shell: (head: [UInt8], middle: [UInt8], tail: [UInt8]) = {
        let titleMarker = Array("\u{0}genui-title\u{0}".utf8), bodyMarker = Array("\u{0}genui-body\u{0}".utf8)
        let page = Array(render(["lang": "en", "title": String(decoding: titleMarker, as: UTF8.self), "css": css,
                                 "body": String(decoding: bodyMarker, as: UTF8.self)]).utf8)
        func find(_ marker: [UInt8], from start: Int) -> Range<Int>? {
            var i = start
            while i + marker.count <= page.count {
                if page[i] == 0, page[i..<(i + marker.count)].elementsEqual(marker) { return i..<(i + marker.count) }
                i += 1
            }
            return nil
        }
        guard let t = find(titleMarker, from: 0), let b = find(bodyMarker, from: t.upperBound) else {
            preconditionFailure("page template lost its title or body slot")
        }
        return (Array(page[..<t.lowerBound]), Array(page[t.upperBound..<b.lowerBound]), Array(page[b.upperBound...]))
    }()

    /// The shell up to the body: doctype, head with the escaped title and the stylesheet.
    static func writeHead(title: String, into w: inout HTMLWriter) {
        let shell = shell
        w.append(SafeHTML(bytes: shell.head))
        w.text(String(title.prefix(300)))
        w.append(SafeHTML(bytes: shell.middle))
    }

    /// The shell after the body.
    static func writeTail(into w: inout HTMLWriter) {
        w.append(SafeHTML(bytes: shell.tail))
    }

    /// A full document around already-rendered `body` markup.
    static func document(title: String, body: SafeHTML) -> [UInt8] {
        var w = HTMLWriter(capacity: body.bytes.count + 32 * 1024)
        writeHead(title: title, into: &w)
        w.append(body)
        writeTail(into: &w)
        return w.html.bytes
    }

    static func render(_ context: [String: Any]) -> String {
        guard let template else {
            // The embedded template is a constant covered by tests; this path keeps a page usable anyway.
            return "<!doctype html><html><head><meta charset=\"utf-8\"><title>\(context["title"] as? String ?? "")</title><style>\(css)</style></head><body><main class=\"genui\">\(context["body"] as? String ?? "")</main></body></html>"
        }
        return template.render(context)
    }
}

/// Mutable state of one render: the writer, the node budget and the layout width.
struct RenderState {
    var w: HTMLWriter
    let limits: RenderLimits
    var nodesRendered = 0
    var filters: DashboardFilters?

    init(limits: RenderLimits, capacity: Int = 64 * 1024) {
        self.init(limits: limits, writer: HTMLWriter(capacity: capacity))
    }

    init(limits: RenderLimits, writer: HTMLWriter) {
        self.limits = limits
        w = writer
    }

    /// `text` cut to the string limit.
    func clip(_ text: String) -> String {
        // A string has no more characters than UTF-8 bytes: most need no character count.
        guard text.utf8.count > limits.maxStringLength else { return text }
        return text.count > limits.maxStringLength ? String(text.prefix(limits.maxStringLength)) + "…" : text
    }

    /// Attributes every node's root element carries.
    func nodeAttributes(_ id: String, _ classes: String, _ extraClass: String?) -> [(Attr, String)] {
        [(.id, "n-" + id), (.class, extraClass.map { classes + " " + $0 } ?? classes)]
    }

    mutating func dashboard(_ d: Dashboard, width: Double) {
        w.open(.article, [(.id, "n-" + d.id), (.class, "dashboard")])
        w.open(.header)
        w.element(.h1, text: clip(d.title))
        if let subtitle = d.subtitle, !subtitle.isEmpty { w.element(.p, [(.class, "dashboard-subtitle")], text: clip(subtitle)) }
        if let asOf = d.asOf, !asOf.isEmpty {
            let shown = ISO8601.parse(asOf).map { ValueFormatter.temporal($0.epochSeconds, ValueFormatter.autoToken(for: $0.precision)) } ?? asOf
            w.open(.small, [(.class, "as-of")])
            w.text("As of ")
            w.element(.time, [(.datetime, asOf)], text: shown)
            w.close(.small)
        }
        w.close(.header)
        if let filters, !filters.isEmpty { filterForm(filters) }
        w.open(.div, [(.class, "dashboard-body")])
        for child in d.children { node(child, width: width, depth: 1, extraClass: nil) }
        w.close(.div)
        w.close(.article)
    }

    /// Renders any node. `extraClass` carries the Grid span class.
    mutating func node(_ node: Node, width: Double, depth: Int, extraClass: String?) {
        nodesRendered += 1
        guard depth <= limits.maxDepth, nodesRendered <= limits.maxNodes else {
            if nodesRendered == limits.maxNodes + 1 || depth == limits.maxDepth + 1 {
                w.element(.p, [(.class, "truncated")], text: "Content omitted: the dashboard exceeds the rendering limits.")
            }
            return
        }
        switch node {
        case .section(let c): section(c, width: width, depth: depth, extraClass: extraClass)
        case .grid(let c): grid(c, width: width, depth: depth, extraClass: extraClass)
        case .stack(let c): stack(c, width: width, depth: depth, extraClass: extraClass)
        case .card(let c): card(c, width: width, depth: depth, extraClass: extraClass)
        case .tabs(let c): tabs(c, width: width, depth: depth, extraClass: extraClass)
        case .divider(let c): divider(c, extraClass: extraClass)
        case .heading(let c): heading(c, extraClass: extraClass)
        case .text(let c): text(c, extraClass: extraClass)
        case .markdown(let c): markdown(c, extraClass: extraClass)
        case .callout(let c): callout(c, extraClass: extraClass)
        case .factList(let c): factList(c, extraClass: extraClass)
        case .tagList(let c): tagList(c, extraClass: extraClass)
        case .image(let c): image(c, extraClass: extraClass)
        case .sources(let c): sources(c, extraClass: extraClass)
        case .suggestions(let c): suggestions(c, extraClass: extraClass)
        case .progress(let c): progress(c, extraClass: extraClass)
        case .kpi(let c): kpi(c, extraClass: extraClass, width: width)
        case .kpiGroup(let c): kpiGroup(c, extraClass: extraClass, width: width)
        case .table(let c): table(c, extraClass: extraClass)
        case .chart(let c): chart(c, width: width, extraClass: extraClass)
        }
    }

    mutating func chart(_ c: Chart, width: Double, extraClass: String?) {
        if let query = c.query, c.provenance == nil {
            return unresolvedData(c.id, dataset: query.dataset, extraClass: extraClass, what: "chart")
        }
        w.open(.div, nodeAttributes(c.id, "node-chart", extraClass))
        let spec = ChartSpec(chart: c, maxRows: limits.maxChartRows)
        ChartRenderer.render(spec, width: min(max(width, 240), 1400), maxTableRows: limits.maxChartTableRows, into: &w)
        dataNote(c.provenance)
        w.close(.div)
    }
}
