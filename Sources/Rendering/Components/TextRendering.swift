import Components

/// Text and content: Heading, Text, Markdown, Callout, FactList, TagList, Image, Sources, Suggestions.
extension RenderState {
    mutating func heading(_ h: Heading, extraClass: String?) {
        // The dashboard title is the page's h1, so catalog levels 1…4 become h2…h5.
        let tag: HTMLTag
        switch h.level {
        case ...1: tag = .h2
        case 2: tag = .h3
        case 3: tag = .h4
        default: tag = .h5
        }
        w.element(tag, nodeAttributes(h.id, "heading", extraClass), text: clip(h.text))
    }

    mutating func text(_ t: Text, extraClass: String?) {
        let tone = t.tone.map { " tone-\($0.rawValue)" } ?? ""
        w.element(.p, nodeAttributes(t.id, "text size-\(t.size.rawValue)" + tone, extraClass), text: clip(t.text))
    }

    mutating func markdown(_ m: Markdown, extraClass: String?) {
        w.open(.div, nodeAttributes(m.id, "markdown", extraClass))
        w.append(MarkdownRenderer.render(m.markdown, maxBytes: limits.maxMarkdownBytes))
        w.close(.div)
    }

    mutating func callout(_ c: Callout, extraClass: String?) {
        w.open(.aside, nodeAttributes(c.id, "callout tone-\(c.tone.rawValue)", extraClass) + [(.role, "note")])
        if let title = c.title, !title.isEmpty { w.element(.strong, [(.class, "callout-title")], text: clip(title)) }
        w.element(.p, text: clip(c.body))
        w.close(.aside)
    }

    mutating func factList(_ f: FactList, extraClass: String?) {
        let columns = min(max(f.columns, 1), 3)
        w.open(.dl, nodeAttributes(f.id, "facts cols-\(columns)", extraClass))
        for item in f.items {
            w.open(.div, [(.class, "fact")])
            w.element(.dt, text: clip(item.label))
            w.open(.dd)
            switch item.value {
            case .number(let n): w.text(ValueFormatter.format(n, item.format.map(FormatToken.init) ?? .auto))
            case .string(let s): w.text(clip(item.format.map { ValueFormatter.format(s, FormatToken($0)) } ?? s))
            }
            if let unit = item.unit, !unit.isEmpty { w.element(.span, [(.class, "unit")], text: clip(unit)) }
            w.close(.dd)
            w.close(.div)
        }
        w.close(.dl)
    }

    mutating func tagList(_ t: TagList, extraClass: String?) {
        w.open(.ul, nodeAttributes(t.id, "tags", extraClass))
        for item in t.items {
            w.element(.li, [(.class, "tag" + (item.tone.map { " tone-\($0.rawValue)" } ?? ""))], text: clip(item.label))
        }
        w.close(.ul)
    }

    mutating func image(_ i: Image, extraClass: String?) {
        let aspect: String
        switch i.aspect {
        case .square: aspect = "aspect-1-1"
        case .fourThree: aspect = "aspect-4-3"
        case .sixteenNine: aspect = "aspect-16-9"
        case .auto: aspect = "aspect-auto"
        }
        w.open(.figure, nodeAttributes(i.id, "image \(aspect)", extraClass))
        if URLPolicy.image(i.src) != nil {
            w.empty(.img, [(.src, i.src), (.alt, clip(i.alt)), (.loading, "lazy"), (.decoding, "async"), (.referrerpolicy, "no-referrer")])
        } else {
            w.element(.div, [(.class, "image-blocked"), (.role, "img"), (.ariaLabel, clip(i.alt))], text: "Image not shown (only https images are allowed): " + clip(i.alt))
        }
        if let caption = i.caption, !caption.isEmpty { w.element(.figcaption, text: clip(caption)) }
        w.close(.figure)
    }

    mutating func sources(_ s: Sources, extraClass: String?) {
        w.open(.ol, nodeAttributes(s.id, "sources", extraClass))
        for item in s.items {
            w.open(.li, [(.id, "source-" + s.id + "-" + item.id)])
            if let url = URLPolicy.link(item.url), !url.hasPrefix("#"), !url.lowercased().hasPrefix("mailto:") {
                w.element(.a, [(.href, url), (.rel, "noopener noreferrer nofollow ugc")], text: clip(item.title))
            } else {
                w.element(.span, [(.class, "link-removed")], text: clip(item.title))
            }
            var meta: [String] = []
            if let p = item.publisher, !p.isEmpty { meta.append(clip(p)) }
            if let d = item.date, !d.isEmpty { meta.append(ValueFormatter.format(d, .date)) }
            if !meta.isEmpty { w.text(" — " + meta.joined(separator: ", ")) }
            w.close(.li)
        }
        w.close(.ol)
    }

    /// Follow-up prompts as native buttons carrying the prompt in `data-prompt`; a host page may
    /// enhance them, and without script they are inert rather than broken links.
    mutating func suggestions(_ s: Suggestions, extraClass: String?) {
        w.open(.div, nodeAttributes(s.id, "suggestions", extraClass) + [(.role, "group"), (.ariaLabel, "Suggested follow-up questions")])
        for item in s.items {
            w.element(.button, [(.type, "button"), (.class, "suggestion"), (.dataPrompt, clip(item.prompt))], text: clip(item.label))
        }
        w.close(.div)
    }
}
