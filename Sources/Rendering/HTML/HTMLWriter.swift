/// Builds markup from allow-listed elements and attributes, escaping every value.
///
/// There is deliberately no method that appends a raw string: text goes through `text(_:)`,
/// attribute values through `Escaping`, URLs through `URLPolicy`, and nested fragments must already
/// be `SafeHTML` produced by another writer. Output accumulates as UTF-8 bytes (much faster than
/// `String` appends for megabyte pages) and becomes a `String` once, in `html`.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []
    private var openTags: [HTMLTag] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// Bytes written so far.
    var count: Int { bytes.count }

    /// Opens `tag` with `attributes` (in the given order). `href`/`src` values failing `URLPolicy`
    /// are dropped; `checked`/`open`/`hidden` are written as bare boolean attributes.
    mutating func open(_ tag: HTMLTag, _ attributes: [(Attr, String)] = []) {
        bytes.append(0x3C)  // <
        appendUTF8(tag.rawValue)
        for (name, value) in attributes { appendAttribute(name, value) }
        bytes.append(0x3E)  // >
        if !tag.isVoid { openTags.append(tag) }
    }

    /// Closes the innermost open element, which must be `tag`.
    mutating func close(_ tag: HTMLTag) {
        precondition(openTags.last == tag, "HTMLWriter: closing <\(tag.rawValue)> but <\(openTags.last?.rawValue ?? "none")> is open")
        openTags.removeLast()
        bytes.append(0x3C); bytes.append(0x2F)  // </
        appendUTF8(tag.rawValue)
        bytes.append(0x3E)
    }

    /// `<tag attrs>text</tag>`.
    mutating func element(_ tag: HTMLTag, _ attributes: [(Attr, String)] = [], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// A void element (`img`, `input`, `br`, …) or an empty element.
    mutating func empty(_ tag: HTMLTag, _ attributes: [(Attr, String)] = []) {
        open(tag, attributes)
        if !tag.isVoid { close(tag) }
    }

    /// Escaped text.
    mutating func text(_ string: String) { Escaping.append(string, to: &bytes) }

    /// A fragment built by another writer.
    mutating func append(_ fragment: SafeHTML) { bytes.append(contentsOf: fragment.bytes) }

    /// The finished markup. Every opened element must be closed.
    var html: SafeHTML {
        precondition(openTags.isEmpty, "HTMLWriter: unclosed <\(openTags.map(\.rawValue).joined(separator: "><"))>")
        return SafeHTML(bytes: bytes)
    }

    /// Copies a trusted string's UTF-8 (element/attribute names, finished fragments) in one memcpy.
    @inline(__always)
    private mutating func appendUTF8(_ string: String) {
        var string = string
        string.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func appendAttribute(_ name: Attr, _ value: String) {
        var value = value
        switch name {
        case .href:
            guard let ok = URLPolicy.link(value) else { return }
            value = ok
        case .src:
            guard let ok = URLPolicy.image(value) else { return }
            value = ok
        case .checked, .open, .hidden:
            bytes.append(0x20)
            appendUTF8(name.rawValue)
            return
        default:
            break
        }
        bytes.append(0x20)
        appendUTF8(name.rawValue)
        bytes.append(0x3D); bytes.append(0x22)  // ="
        Escaping.append(value, to: &bytes)
        bytes.append(0x22)
    }
}

/// Deterministic number → attribute text for SVG coordinates: rounded to 2 decimals, no
/// exponent, no trailing zeros, no negative zero.
@inline(__always)
func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let scaled = (value * 100).rounded()
    guard abs(scaled) < 9e15 else { return "0" }
    let hundredths = Int(scaled)
    if hundredths == 0 { return "0" }
    let negative = hundredths < 0
    let magnitude = negative ? -hundredths : hundredths
    let whole = magnitude / 100
    let fraction = magnitude % 100
    var out = negative ? "-" : ""
    out += String(whole)
    if fraction != 0 {
        out += "."
        if fraction % 10 == 0 { out += String(fraction / 10) } else {
            if fraction < 10 { out += "0" }
            out += String(fraction)
        }
    }
    return out
}
