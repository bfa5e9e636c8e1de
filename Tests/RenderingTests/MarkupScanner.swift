import Foundation

@testable import Rendering

/// A strict checker for renderer output: every `<` must open or close an allow-listed element,
/// every attribute must be allow-listed and double-quoted, and URLs must pass the policy.
/// Text content can never contain a raw `<`, so this finds any injected markup.
enum MarkupScanner {
    struct Violation: Error, CustomStringConvertible {
        var description: String
    }

    static let allowedTags = Set(["div", "section", "header", "footer", "nav", "article", "aside", "main",
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "strong", "em", "code", "pre", "blockquote", "small", "del", "bdi", "time",
        "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption", "hr", "br",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
        "details", "summary", "input", "label", "button", "svg", "g", "path", "rect", "circle", "line", "text", "tspan", "title", "desc"])

    static func check(_ html: String) throws {
        let scalars = Array(html.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "<" else { i += 1; continue }
            guard let end = scalars[i...].firstIndex(of: ">") else { throw Violation(description: "unterminated tag at \(i)") }
            var tag = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
            i = end + 1
            if tag.hasPrefix("/") {
                tag.removeFirst()
                guard allowedTags.contains(tag) else { throw Violation(description: "closing tag </\(tag)>") }
                continue
            }
            let name = String(tag.prefix { $0.isLetter || $0.isNumber })
            guard allowedTags.contains(name) else { throw Violation(description: "element <\(name)>") }
            var rest = Substring(tag.dropFirst(name.count))
            while !rest.isEmpty {
                guard rest.first == " " else { throw Violation(description: "malformed attributes in <\(tag)>") }
                rest = rest.dropFirst()
                let attrName = String(rest.prefix { $0 != "=" && $0 != " " })
                guard Attr(rawValue: attrName) != nil else { throw Violation(description: "attribute \(attrName) in <\(name)>") }
                rest = rest.dropFirst(attrName.count)
                guard rest.hasPrefix("=\"") else { continue }
                rest = rest.dropFirst(2)
                guard let close = rest.firstIndex(of: "\"") else { throw Violation(description: "unterminated value in <\(name)>") }
                let value = String(rest[..<close])
                rest = rest[rest.index(after: close)...]
                if value.contains("<") || value.contains(">") { throw Violation(description: "raw angle bracket in \(attrName)") }
                let decoded = value.replacingOccurrences(of: "&amp;", with: "&")
                if attrName == "href", URLPolicy.link(decoded) == nil { throw Violation(description: "href \(value)") }
                if attrName == "src", URLPolicy.image(decoded) == nil { throw Violation(description: "src \(value)") }
            }
        }
    }
}
