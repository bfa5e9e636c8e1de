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

    // MARK: Allocation-free opening for hot loops (chart marks, table cells)

    /// Starts `<tag`; follow with `attribute`/`number` calls and `finishOpen()`.
    mutating func beginOpen(_ tag: HTMLTag) {
        bytes.append(0x3C)
        appendUTF8(tag.rawValue)
        if !tag.isVoid { openTags.append(tag) }
    }

    /// One escaped, allow-listed attribute (same rules as `open`).
    mutating func attribute(_ name: Attr, _ value: String) { appendAttribute(name, value) }

    /// A numeric attribute written straight into the buffer with `svgNumber`'s rules.
    mutating func number(_ name: Attr, _ value: Double) {
        bytes.append(0x20)
        appendUTF8(name.rawValue)
        bytes.append(0x3D); bytes.append(0x22)
        writeNumber(value)
        bytes.append(0x22)
    }

    /// Ends the start tag begun with `beginOpen`.
    mutating func finishOpen() { bytes.append(0x3E) }

    /// Digits of `value` rounded to 2 decimals, no exponent, no negative zero.
    private mutating func writeNumber(_ value: Double) {
        guard value.isFinite else { bytes.append(0x30); return }
        let scaled = (value * 100).rounded()
        guard abs(scaled) < 9e15 else { bytes.append(0x30); return }
        let hundredths = Int(scaled)
        if hundredths == 0 { bytes.append(0x30); return }
        if hundredths < 0 { bytes.append(0x2D) }
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            var w = whole
            repeat { buffer[n] = UInt8(truncatingIfNeeded: w % 10) + 0x30; w /= 10; n += 1 } while w > 0
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
        }
        if fraction != 0 {
            bytes.append(0x2E)
            bytes.append(UInt8(truncatingIfNeeded: fraction / 10) + 0x30)
            if fraction % 10 != 0 { bytes.append(UInt8(truncatingIfNeeded: fraction % 10) + 0x30) }
        }
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
