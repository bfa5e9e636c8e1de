import JSONSchema

/// Semantic checks a JSON Schema cannot express. Each finding is a `Diagnostic` with a JSON
/// Pointer into the surface document. Rules (codes):
///
/// - `invalid-id`, `duplicate-id`: ids follow `^[a-z][a-z0-9-]{0,47}$` and are unique across every
///   node of the tree, the KPIs inside KPIGroups and the tabs of every Tabs node; `duplicate-source-id`
///   within one Sources list.
/// - `too-deep`, `too-many-nodes`, `too-many-rows`, `string-too-long`: the `TreeLimits`.
/// - `table-*`, `chart-*`, `annotation-position`: see `TreeValidator+Data.swift`.
/// - `image-not-https` (Image.src), `link-scheme` (Sources urls: http/https; Markdown links:
///   http/https/mailto, markdown images: https), `currency-code` (`^[A-Z]{3}$`), `progress-max`
///   (a Progress `max` must be > 0; `value` may exceed it).
/// - KPIGroup items are KPIs by construction: the decoder rejects any other component there, with the
///   pointer of its `type`.
/// - `percent-scale` (warning): a value shown with percent0/percent1 whose magnitude is between 2 and
///   100 (inclusive) almost certainly is a percent already (45 would show as 4500%). Checked on KPI
///   values, comparisons and sparklines, percent deltas, FactList numbers, and numeric table and chart
///   cells of columns whose format is a percent.
public struct TreeValidator: Sendable {
    public var limits: TreeLimits

    public init(limits: TreeLimits = .default) { self.limits = limits }

    /// All findings for `surface`, in document order of the nodes.
    public func validate(_ surface: Surface) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let visited = TreeWalk.nodes(of: surface)
        checkIDs(visited, into: &out)
        checkSize(visited, into: &out)
        checkStrings(surface.encode(), at: .root, into: &out)
        for v in visited { checkNode(v, into: &out) }
        return out
    }

    /// Errors only.
    public func errors(_ surface: Surface) -> [Diagnostic] { validate(surface).filter { $0.severity == .error } }

    // MARK: ids

    private func checkIDs(_ visited: [VisitedNode], into out: inout [Diagnostic]) {
        var seen: [String: JSONPointer] = [:]
        func claim(_ id: String, at pointer: JSONPointer) {
            if !ValueShapes.isValidID(id) {
                out.append(Diagnostic(.error, "invalid-id", pointer, "id \"\(id)\" must match ^[a-z][a-z0-9-]{0,47}$"))
            }
            if let first = seen[id] {
                out.append(Diagnostic(.error, "duplicate-id", pointer, "id \"\(id)\" is already used at \(first.display)"))
            } else {
                seen[id] = pointer
            }
        }
        for v in visited {
            claim(v.component.id, at: v.pointer / "id")
            if let tabs = v.component as? Tabs {
                for (i, tab) in tabs.tabs.enumerated() { claim(tab.id, at: v.pointer / "tabs" / i / "id") }
            }
        }
    }

    // MARK: limits

    private func checkSize(_ visited: [VisitedNode], into out: inout [Diagnostic]) {
        if let deep = visited.first(where: { $0.depth > limits.maxDepth }) {
            out.append(Diagnostic(.error, "too-deep", deep.pointer,
                                  "nesting depth \(deep.depth) exceeds \(limits.maxDepth); flatten with Grid and span"))
        }
        if visited.count > limits.maxNodes {
            out.append(Diagnostic(.error, "too-many-nodes", visited[limits.maxNodes].pointer,
                                  "the tree has \(visited.count) nodes, more than \(limits.maxNodes)"))
        }
    }

    private func checkStrings(_ value: JSONValue, at pointer: JSONPointer, into out: inout [Diagnostic]) {
        switch value {
        case .string(let s):
            let n = s.count
            if n > limits.maxStringLength {
                out.append(Diagnostic(.error, "string-too-long", pointer, "string of \(n) characters exceeds \(limits.maxStringLength)"))
            }
        case .array(let a):
            for (i, v) in a.enumerated() { checkStrings(v, at: pointer / i, into: &out) }
        case .object(let o):
            for (k, v) in o { checkStrings(v, at: pointer / k, into: &out) }
        default:
            break
        }
    }

    // MARK: per node

    private func checkNode(_ v: VisitedNode, into out: inout [Diagnostic]) {
        let p = v.pointer
        switch v.component {
        case let image as Image:
            if !image.src.hasPrefix("https://") {
                out.append(Diagnostic(.error, "image-not-https", p / "src", "image source must start with https://"))
            }
        case let md as Markdown:
            for d in MarkdownLinks.destinations(in: md.markdown) {
                let scheme = ValueShapes.scheme(d.url)
                let ok = d.isImage ? scheme == "https" : ["http", "https", "mailto"].contains(scheme ?? "")
                if !ok {
                    out.append(Diagnostic(.error, "link-scheme", p / "markdown",
                                          d.isImage ? "markdown image \"\(d.url)\" must use https"
                                                    : "markdown link \"\(d.url)\" must use http, https or mailto"))
                }
            }
        case let sources as Sources:
            var seen = Set<String>()
            for (i, s) in sources.items.enumerated() {
                let scheme = ValueShapes.scheme(s.url)
                if scheme != "http" && scheme != "https" {
                    out.append(Diagnostic(.error, "link-scheme", p / "items" / i / "url", "source url must use http or https"))
                }
                if !seen.insert(s.id).inserted {
                    out.append(Diagnostic(.error, "duplicate-source-id", p / "items" / i / "id", "source id \"\(s.id)\" is repeated"))
                }
            }
        case let kpi as KPI:
            checkKPI(kpi, at: p, into: &out)
        case let bar as ProgressBar:
            if !(bar.max > 0) {
                out.append(Diagnostic(.error, "progress-max", p / "max", "max must be greater than 0"))
            }
            percentScale(bar.value, bar.format, at: p / "value", into: &out)
        case let facts as FactList:
            for (i, f) in facts.items.enumerated() {
                if case .number(let n) = f.value { percentScale(n, f.format, at: p / "items" / i / "value", into: &out) }
            }
        case let table as Table:
            checkTable(table, at: p, into: &out)
        case let chart as Chart:
            checkChart(chart, at: p, into: &out)
        default:
            break
        }
    }

    private func checkKPI(_ kpi: KPI, at p: JSONPointer, into out: inout [Diagnostic]) {
        if let c = kpi.currency, !ValueShapes.isCurrencyCode(c) {
            out.append(Diagnostic(.error, "currency-code", p / "currency", "currency \"\(c)\" must be a 3-letter ISO 4217 code"))
        }
        percentScale(kpi.value, kpi.format, at: p / "value", into: &out)
        if let c = kpi.comparison { percentScale(c.value, kpi.format, at: p / "comparison" / "value", into: &out) }
        for (i, s) in (kpi.sparkline ?? []).enumerated() { percentScale(s, kpi.format, at: p / "sparkline" / i, into: &out) }
        if let d = kpi.delta, d.kind == .percent { percentScale(d.value, .percent1, at: p / "delta" / "value", into: &out) }
    }

    /// The `percent-scale` warning (see the type's documentation).
    func percentScale(_ value: Double, _ format: Format?, at pointer: JSONPointer, into out: inout [Diagnostic]) {
        guard let format, format.isPercent, (2...100).contains(abs(value)) else { return }
        out.append(Diagnostic(.warning, "percent-scale", pointer,
                              "\(JSONNumber(value)) with \(format.rawValue) shows as \(JSONNumber(value * 100))%; percent formats take fractions (0.45 for 45%)"))
    }
}
