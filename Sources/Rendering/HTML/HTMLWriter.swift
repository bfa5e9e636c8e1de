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
    /// are dropped; `checked`/`open`/`hidden` are written as bare boolean attributes; `action` must be a path on this server.
    mutating func open(_ tag: HTMLTag, _ attributes: [(Attr, String)] = []) {
        bytes.append(0x3C)  // <
        HTMLTag.names.append(tag, to: &bytes)
        for (name, value) in attributes { appendAttribute(name, value) }
        bytes.append(0x3E)  // >
        if !tag.isVoid { openTags.append(tag) }
    }

    // MARK: Allocation-free opening for hot loops (chart marks, table cells)

    /// Starts `<tag`; follow with `attribute`/`number` calls and `finishOpen()`.
    mutating func beginOpen(_ tag: HTMLTag) {
        bytes.append(0x3C)
        HTMLTag.names.append(tag, to: &bytes)
        if !tag.isVoid { openTags.append(tag) }
    }

    /// One escaped, allow-listed attribute (same rules as `open`).
    mutating func attribute(_ name: Attr, _ value: String) { appendAttribute(name, value) }

    /// A numeric attribute written straight into the buffer with `svgNumber`'s rules.
    mutating func number(_ name: Attr, _ value: Double) {
        Attr.openings.append(name, to: &bytes)
        appendSVGNumber(value, to: &bytes)
        bytes.append(0x22)
    }

    /// A `d` attribute from a `PathBuilder`, whose bytes are only path commands, digits and
    /// separators (nothing to escape).
    mutating func pathData(_ path: PathBuilder) {
        bytes.append(contentsOf: [0x20, 0x64, 0x3D, 0x22])  //  d="
        bytes.append(contentsOf: path.bytes)
        bytes.append(0x22)
    }

    /// Ends the start tag begun with `beginOpen`.
    mutating func finishOpen() { bytes.append(0x3E) }

    /// Closes the innermost open element, which must be `tag`.
    mutating func close(_ tag: HTMLTag) {
        precondition(openTags.last == tag, "HTMLWriter: closing <\(tag.rawValue)> but <\(openTags.last?.rawValue ?? "none")> is open")
        openTags.removeLast()
        bytes.append(0x3C); bytes.append(0x2F)  // </
        HTMLTag.names.append(tag, to: &bytes)
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

    /// `value` spelled with `token` as text. Spellings made only of digits and the formatter's own
    /// symbols go straight into the buffer; any other (a currency code, say) is escaped like text.
    mutating func text(_ value: Double, format token: FormatToken, currency: String?) {
        if ValueFormatter.spellsFromDigitsOnly(token) {
            ValueFormatter.append(value, token, to: &bytes)
        } else {
            text(ValueFormatter.format(value, token, currency: currency))
        }
    }

    /// `<tag attrs>` alone, escaped like `open`, for loops that emit the same start tag thousands
    /// of times (data-table cells): append it with `append(_:)` and close with `endTag`. Keeping
    /// such a loop balanced is the caller's job, as the writer does not track these.
    static func startTag(_ tag: HTMLTag, _ attributes: [(Attr, String)] = []) -> SafeHTML {
        var w = HTMLWriter(capacity: 32)
        w.open(tag, attributes)
        return SafeHTML(bytes: w.bytes)
    }

    /// `</tag>`, the partner of `startTag`.
    static func endTag(_ tag: HTMLTag) -> SafeHTML {
        var w = HTMLWriter(capacity: 16)
        w.openTags.append(tag)
        w.close(tag)
        return SafeHTML(bytes: w.bytes)
    }

    /// A fragment built by another writer.
    mutating func append(_ fragment: SafeHTML) { bytes.append(contentsOf: fragment.bytes) }

    /// The finished markup. Every opened element must be closed.
    var html: SafeHTML {
        precondition(openTags.isEmpty, "HTMLWriter: unclosed <\(openTags.map(\.rawValue).joined(separator: "><"))>")
        return SafeHTML(bytes: bytes)
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
        case .action:
            // Forms only ever post back to GenUI itself.
            guard value.hasPrefix("/"), !value.hasPrefix("//"), value.allSatisfy({ $0.isLetter || $0.isNumber || "/-_?=&".contains($0) }) else { return }
        case .checked, .open, .hidden, .selected:
            bytes.append(0x20)
            Attr.names.append(name, to: &bytes)
            return
        default:
            break
        }
        Attr.openings.append(name, to: &bytes)
        Escaping.append(value, to: &bytes)
        bytes.append(0x22)
    }
}

/// Deterministic number → attribute text for SVG coordinates: rounded to 2 decimals, no
/// exponent, no trailing zeros, no negative zero.
func svgNumber(_ value: Double) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    appendSVGNumber(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends `svgNumber(value)`'s digits straight to a byte buffer (the hot path of every mark).
@inline(__always)
func appendSVGNumber(_ value: Double, to bytes: inout [UInt8]) {
    guard value.isFinite else { bytes.append(0x30); return }
    let scaled = NumberText.roundedHalfAway(value * 100)
    guard abs(scaled) < 9e15 else { bytes.append(0x30); return }
    let hundredths = Int(scaled)
    if hundredths == 0 { bytes.append(0x30); return }
    // Right to left into a small buffer (constant divisions only): sign, whole part, up to two decimals.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
        var i = buffer.count
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        if fraction != 0 {
            if fraction % 10 != 0 { i -= 1; buffer[i] = UInt8(truncatingIfNeeded: fraction % 10) + 0x30 }
            i -= 1; buffer[i] = UInt8(truncatingIfNeeded: fraction / 10) + 0x30
            i -= 1; buffer[i] = 0x2E
        }
        var whole = magnitude / 100
        repeat {
            i -= 1; buffer[i] = UInt8(truncatingIfNeeded: whole % 10) + 0x30
            whole /= 10
        } while whole > 0
        if hundredths < 0 { i -= 1; buffer[i] = 0x2D }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i...]))
    }
}
