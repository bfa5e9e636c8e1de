import Foundation
/// An RFC 6901 JSON Pointer such as `/root/children/0/title`. Errors throughout GenUI carry one,
/// so a message can name the exact place in a document or schema.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The last token, linked to the pointer before it. Pointers that share a prefix share its
    /// links, so appending a token is one small allocation instead of a copy of every token: the
    /// validator and the compiler extend a pointer at every step of a walk and read few of them.
    private final class Link: Sendable {
        let parent: Link?
        let token: String
        let depth: Int

        init(parent: Link?, token: String) {
            self.parent = parent
            self.token = token
            depth = (parent?.depth ?? 0) + 1
        }
    }

    private let last: Link?

    private init(last: Link?) { self.last = last }

    public init(_ tokens: [String] = []) {
        var link: Link?
        for token in tokens { link = Link(parent: link, token: token) }
        last = link
    }

    /// The reference tokens, first to last.
    public var tokens: [String] {
        var out = [String](repeating: "", count: count)
        var link = last
        while let l = link {
            out[l.depth - 1] = l.token
            link = l.parent
        }
        return out
    }

    /// The number of reference tokens.
    public var count: Int { last?.depth ?? 0 }

    /// Parses `""`, `"/a/b"` or a URI fragment form `"#/a/b"` (percent-decoded).
    public init?(parsing text: String) {
        var t = Substring(text)
        if t.hasPrefix("#") {
            t = t.dropFirst()
            guard let decoded = String(t).removingPercentEncodingSafe() else { return nil }
            t = Substring(decoded)
        }
        if t.isEmpty { self.init(); return }
        guard t.hasPrefix("/") else { return nil }
        // Foundation's replacingOccurrences only where there is an escape: every `$ref` of a schema
        // is parsed, and most tokens have none.
        self.init(t.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.contains("~") ? $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String($0)
        })
    }

    public static let root = JSONPointer()

    public func appending(_ token: String) -> JSONPointer { JSONPointer(last: Link(parent: last, token: token)) }
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }
    public static func / (p: JSONPointer, token: String) -> JSONPointer { p.appending(token) }
    public static func / (p: JSONPointer, index: Int) -> JSONPointer { p.appending(index) }

    public var parent: JSONPointer? { last.map { JSONPointer(last: $0.parent) } }

    public static func == (a: JSONPointer, b: JSONPointer) -> Bool {
        guard a.count == b.count else { return false }
        var x = a.last, y = b.last
        while let l = x, let r = y {
            if l === r { return true }   // a shared prefix
            if l.token != r.token { return false }
            x = l.parent
            y = r.parent
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        var link = last
        while let l = link {
            hasher.combine(l.token)
            link = l.parent
        }
    }

    public var description: String {
        // Built by hand: the compiler names every rule by its pointer, and Foundation's
        // replacingOccurrences cost about a seventh of compiling the catalog.
        var out = ""
        for token in tokens {
            out += "/"
            guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
                out += token
                continue
            }
            for c in token.unicodeScalars {
                switch c {
                case "~": out += "~0"
                case "/": out += "~1"
                default: out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// The pointer as printed in CLI messages: the root is shown as `/`.
    public var display: String { last == nil ? "/" : description }

    /// Resolves the pointer against a document.
    public func resolve(in doc: JSONValue) -> JSONValue? {
        var cur = doc
        for t in tokens {
            switch cur {
            case .object(let o):
                guard let v = o[t] else { return nil }
                cur = v
            case .array(let a):
                guard let i = Int(t), i >= 0, i < a.count, String(i) == t else { return nil }
                cur = a[i]
            default:
                return nil
            }
        }
        return cur
    }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool { a.description < b.description }
}

extension String {
    /// Percent-decoding without Foundation; `nil` on a malformed escape.
    func removingPercentEncodingSafe() -> String? {
        var out: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                out.append(v)
                it = it.dropFirst(2)
            } else {
                out.append(b)
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
