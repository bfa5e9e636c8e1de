/// Finds link and image destinations in CommonMark text well enough to police their schemes:
/// inline links `[t](dest)` and images `![a](dest)`, autolinks `<scheme:…>` and reference
/// definitions `[label]: dest`. Code spans and fenced code blocks are skipped.
enum MarkdownLinks {
    /// A destination and whether it belongs to an image.
    struct Destination: Equatable {
        let url: String
        let isImage: Bool
    }

    static func destinations(in markdown: String) -> [Destination] {
        var out: [Destination] = []
        var inFence = false
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.drop { $0 == " " }
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle(); continue }
            if inFence { continue }
            scanLine(Array(rawLine), into: &out)
        }
        return out
    }

    private static func scanLine(_ c: [Character], into out: inout [Destination]) {
        // Reference definition: `[label]: dest` at the start of the line.
        let trimmed = c.drop { $0 == " " }
        if trimmed.first == "[", let close = trimmed.firstIndex(of: "]"), close + 1 < c.count, c[close + 1] == ":" {
            let rest = c[(close + 2)...].drop { $0 == " " }
            let dest = String(rest.prefix { $0 != " " }).trimmingAngles()
            if !dest.isEmpty { out.append(Destination(url: dest, isImage: false)) }
            return
        }
        var i = 0
        var inCode = false
        while i < c.count {
            let ch = c[i]
            if ch == "`" { inCode.toggle(); i += 1; continue }
            if inCode { i += 1; continue }
            if ch == "]", i + 1 < c.count, c[i + 1] == "(" {
                let isImage = imageOpener(c, before: i)
                var j = i + 2
                while j < c.count, c[j] == " " { j += 1 }
                var dest = ""
                if j < c.count, c[j] == "<" {
                    j += 1
                    while j < c.count, c[j] != ">" { dest.append(c[j]); j += 1 }
                } else {
                    var depth = 0
                    while j < c.count, c[j] != " " {
                        if c[j] == "(" { depth += 1 }
                        if c[j] == ")" { if depth == 0 { break }; depth -= 1 }
                        dest.append(c[j]); j += 1
                    }
                }
                out.append(Destination(url: dest, isImage: isImage))
                i = j
                continue
            }
            if ch == "<", let close = c[(i + 1)...].firstIndex(of: ">") {
                let inner = String(c[(i + 1)..<close])
                if !inner.contains(" "), ValueShapes.scheme(inner) != nil || inner.contains("@") {
                    out.append(Destination(url: inner.contains(":") ? inner : "mailto:" + inner, isImage: false))
                    i = close + 1
                    continue
                }
            }
            i += 1
        }
    }

    /// True when the `]` at `close` ends an image's alt text (`![…]`).
    private static func imageOpener(_ c: [Character], before close: Int) -> Bool {
        var depth = 0
        var k = close - 1
        while k >= 0 {
            if c[k] == "]" { depth += 1 }
            if c[k] == "[" {
                if depth == 0 { return k > 0 && c[k - 1] == "!" }
                depth -= 1
            }
            k -= 1
        }
        return false
    }
}

private extension String {
    func trimmingAngles() -> String {
        hasPrefix("<") && hasSuffix(">") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
