import Foundation
import CCmark

/// CommonMark → HTML through libcmark, emitted by walking the AST with `HTMLWriter`.
///
/// cmark's own HTML printer is not used: walking the tree ourselves means raw HTML nodes are
/// dropped (never printed), every literal is escaped by the writer, links keep only
/// http/https/mailto targets (others become plain text) and images only https sources (others
/// become their alt text). Headings are shifted down two levels so `#` inside a card is an `h3`.
public enum MarkdownRenderer {
    /// Renders `markdown`; input longer than `maxBytes` is truncated at a character boundary.
    public static func render(_ markdown: String, maxBytes: Int = 100_000) -> SafeHTML {
        var source = markdown
        if source.utf8.count > maxBytes {
            source = String(decoding: source.utf8.prefix(maxBytes), as: UTF8.self)
        }
        let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8
        let parsed: OpaquePointer? = source.withCString { pointer in
            cmark_parse_document(pointer, strlen(pointer), options)
        }
        guard let document = parsed else { return .empty }
        defer { cmark_node_free(document) }
        var writer = HTMLWriter(capacity: source.utf8.count * 2)
        var walker = Walker()
        walker.walk(document, into: &writer)
        return writer.html
    }

    private struct Walker {
        /// For each open LINK node: the element we opened for it.
        var linkTags: [HTMLTag] = []

        mutating func walk(_ root: OpaquePointer, into w: inout HTMLWriter) {
            guard let iterator = cmark_iter_new(root) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let entering = event == CMARK_EVENT_ENTER
                let type = cmark_node_get_type(node)
                switch type {
                case CMARK_NODE_DOCUMENT, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE,
                     CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
                    continue  // raw HTML and custom nodes are never emitted
                case CMARK_NODE_PARAGRAPH:
                    if isInTightList(node) { continue }
                    entering ? w.open(.p) : w.close(.p)
                case CMARK_NODE_BLOCK_QUOTE:
                    entering ? w.open(.blockquote) : w.close(.blockquote)
                case CMARK_NODE_LIST:
                    let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                    if entering {
                        let start = cmark_node_get_list_start(node)
                        w.open(ordered ? .ol : .ul, ordered && start != 1 ? [(.start, String(start))] : [])
                    } else {
                        w.close(ordered ? .ol : .ul)
                    }
                case CMARK_NODE_ITEM:
                    entering ? w.open(.li) : w.close(.li)
                case CMARK_NODE_HEADING:
                    let tag = headingTag(Int(cmark_node_get_heading_level(node)))
                    entering ? w.open(tag) : w.close(tag)
                case CMARK_NODE_THEMATIC_BREAK:
                    w.empty(.hr)
                case CMARK_NODE_CODE_BLOCK:
                    w.open(.pre); w.element(.code, text: literal(node)); w.close(.pre)
                case CMARK_NODE_TEXT:
                    w.text(literal(node))
                case CMARK_NODE_SOFTBREAK:
                    w.text("\n")
                case CMARK_NODE_LINEBREAK:
                    w.empty(.br)
                case CMARK_NODE_CODE:
                    w.element(.code, text: literal(node))
                case CMARK_NODE_EMPH:
                    entering ? w.open(.em) : w.close(.em)
                case CMARK_NODE_STRONG:
                    entering ? w.open(.strong) : w.close(.strong)
                case CMARK_NODE_LINK:
                    if entering {
                        if let url = URLPolicy.link(string(cmark_node_get_url(node))), !url.hasPrefix("#") {
                            w.open(.a, [(.href, url), (.rel, "noopener noreferrer nofollow ugc")])
                            linkTags.append(.a)
                        } else {
                            w.open(.span, [(.class, "link-removed")])
                            linkTags.append(.span)
                        }
                    } else if let tag = linkTags.popLast() {
                        w.close(tag)
                    }
                case CMARK_NODE_IMAGE:
                    guard entering else { continue }
                    let alt = plainText(of: node)
                    if let src = URLPolicy.image(string(cmark_node_get_url(node))) {
                        w.empty(.img, [(.src, src), (.alt, alt), (.loading, "lazy"), (.referrerpolicy, "no-referrer")])
                    } else {
                        w.text(alt)
                    }
                    // The children were the alt text: skip them.
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                default:
                    continue
                }
            }
        }

        private func headingTag(_ level: Int) -> HTMLTag {
            switch min(6, max(1, level) + 2) {
            case 3: return .h3
            case 4: return .h4
            case 5: return .h5
            default: return .h6
            }
        }

        private func isInTightList(_ node: OpaquePointer) -> Bool {
            guard let item = cmark_node_parent(node), cmark_node_get_type(item) == CMARK_NODE_ITEM,
                  let list = cmark_node_parent(item) else { return false }
            return cmark_node_get_list_tight(list) != 0
        }

        private func literal(_ node: OpaquePointer) -> String {
            string(cmark_node_get_literal(node))
        }

        private func string(_ pointer: UnsafePointer<CChar>?) -> String {
            guard let pointer else { return "" }
            return String(cString: pointer)
        }

        /// The concatenated text of a node's descendants (an image's alt text).
        private func plainText(of node: OpaquePointer) -> String {
            var out = ""
            var child = cmark_node_first_child(node)
            while let current = child {
                let type = cmark_node_get_type(current)
                if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                    out += literal(current)
                } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                    out += " "
                } else {
                    out += plainText(of: current)
                }
                child = cmark_node_next(current)
            }
            return out
        }
    }
}
