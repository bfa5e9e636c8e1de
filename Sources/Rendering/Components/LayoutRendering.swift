import Components

/// Containers: Section, Grid (12-column spans), Stack, Card, CSS-only Tabs, Divider.
extension RenderState {
    static func gapPixels(_ gap: Gap) -> Double {
        switch gap {
        case .sm: return 8
        case .md: return 16
        case .lg: return 24
        }
    }

    mutating func section(_ s: Section, width: Double, depth: Int, extraClass: String?) {
        w.open(.section, nodeAttributes(s.id, "section", extraClass))
        if s.title != nil || s.description != nil {
            w.open(.header)
            if let title = s.title, !title.isEmpty { w.element(.h2, text: clip(title)) }
            if let d = s.description, !d.isEmpty { w.element(.p, [(.class, "section-description")], text: clip(d)) }
            w.close(.header)
        }
        w.open(.div, [(.class, "section-body")])
        for child in s.children { node(child, width: width, depth: depth + 1, extraClass: nil) }
        w.close(.div)
        w.close(.section)
    }

    mutating func grid(_ g: Grid, width: Double, depth: Int, extraClass: String?) {
        let columns = min(max(g.columns, 1), 12)
        let gap = Self.gapPixels(g.gap)
        w.open(.div, nodeAttributes(g.id, "grid cols-\(columns) gap-\(g.gap.rawValue)", extraClass))
        let columnWidth = (width - gap * Double(columns - 1)) / Double(columns)
        for child in g.children {
            let span = min(max(child.component.span ?? columns, 1), columns)
            let childWidth = columnWidth * Double(span) + gap * Double(span - 1)
            node(child, width: childWidth, depth: depth + 1, extraClass: "span-\(span)")
        }
        w.close(.div)
    }

    mutating func stack(_ s: Stack, width: Double, depth: Int, extraClass: String?) {
        let row = s.direction == .row
        w.open(.div, nodeAttributes(s.id, "stack \(s.direction.rawValue) gap-\(s.gap.rawValue) align-\(s.align.rawValue)", extraClass))
        let n = Double(max(s.children.count, 1))
        let childWidth = row ? max(200, (width - Self.gapPixels(s.gap) * (n - 1)) / n) : width
        for child in s.children { node(child, width: childWidth, depth: depth + 1, extraClass: nil) }
        w.close(.div)
    }

    mutating func card(_ c: Card, width: Double, depth: Int, extraClass: String?) {
        let tone = c.tone.map { " tone-\($0.rawValue)" } ?? ""
        w.open(.section, nodeAttributes(c.id, "card" + tone, extraClass))
        if c.title != nil || c.subtitle != nil {
            w.open(.header)
            if let title = c.title, !title.isEmpty { w.element(.h3, text: clip(title)) }
            if let subtitle = c.subtitle, !subtitle.isEmpty { w.element(.p, [(.class, "card-subtitle")], text: clip(subtitle)) }
            w.close(.header)
        }
        w.open(.div, [(.class, "card-body")])
        for child in c.children { node(child, width: width - 34, depth: depth + 1, extraClass: nil) }
        w.close(.div)
        w.close(.section)
    }

    /// Radio inputs first, then labels, then panels, so `:checked ~` selectors can show the
    /// chosen panel and highlight its label without any script.
    mutating func tabs(_ t: Tabs, width: Double, depth: Int, extraClass: String?) {
        let tabs = Array(t.tabs.prefix(8))
        let group = "tabs-" + t.id
        w.open(.div, nodeAttributes(t.id, "tabs", extraClass))
        for i in tabs.indices {
            var attrs: [(Attr, String)] = [(.type, "radio"), (.name, group), (.id, "\(group)-\(i)"), (.class, "tab-radio")]
            if i == 0 { attrs.append((.checked, "")) }
            w.empty(.input, attrs)
        }
        w.open(.div, [(.class, "tab-list")])
        for (i, tab) in tabs.enumerated() { w.element(.label, [(.for, "\(group)-\(i)")], text: clip(tab.label)) }
        w.close(.div)
        w.open(.div, [(.class, "tab-panels")])
        for tab in tabs {
            w.open(.section, [(.class, "tab-panel"), (.id, "\(group)-panel-\(tab.id)"), (.ariaLabel, clip(tab.label))])
            for child in tab.children { node(child, width: width, depth: depth + 1, extraClass: nil) }
            w.close(.section)
        }
        w.close(.div)
        w.close(.div)
    }

    mutating func divider(_ d: Divider, extraClass: String?) {
        w.open(.div, nodeAttributes(d.id, "divider", extraClass) + [(.role, "separator")])
        if let label = d.label, !label.isEmpty { w.element(.span, text: clip(label)) }
        w.close(.div)
    }
}
