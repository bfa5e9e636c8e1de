/// The only elements the renderer can emit. There is no `script`, `style`, `iframe`, `object`,
/// `foreignObject`, `use` or `math`: a tree string can never name an element.
enum HTMLTag: String, Sendable, CaseIterable {
    // HTML
    case div, section, header, footer, nav, article, aside, main
    case h1, h2, h3, h4, h5, h6, p, span, strong, em, code, pre, blockquote, small, del, bdi, time
    case ul, ol, li, dl, dt, dd, a, img, figure, figcaption, hr, br
    case table, caption, thead, tbody, tfoot, tr, th, td, colgroup, col
    case details, summary, input, label, button, form, select, option
    // SVG (inline inside HTML, so names are case-insensitive except viewBox which is an attribute)
    case svg, g, path, rect, circle, line, text, tspan, title, desc

    /// Void elements have no end tag.
    var isVoid: Bool {
        switch self {
        case .img, .hr, .br, .input, .col: return true
        default: return false
        }
    }
}

/// The only attributes the renderer can emit. No `on*` handler, no `style`, no `srcdoc`,
/// no `xlink:href`, no `formaction`. `href` and `src` pass through `URLPolicy`.
enum Attr: String, Sendable, CaseIterable {
    case `class`, id, href, src, alt, role, lang, dir, title, name, type, value, max, min, rel, loading
    case decoding, referrerpolicy, width, height, scope, colspan, rowspan, checked, open, datetime, start
    case `for`, tabindex, hidden, method, action, selected
    case ariaLabel = "aria-label", ariaLabelledby = "aria-labelledby", ariaDescribedby = "aria-describedby"
    case ariaHidden = "aria-hidden", ariaValuenow = "aria-valuenow", ariaValuemin = "aria-valuemin"
    case ariaValuemax = "aria-valuemax", ariaRoledescription = "aria-roledescription"
    case dataPrompt = "data-prompt", dataPath = "data-path", dataNode = "data-node"
    // SVG presentation and geometry
    case xmlns, viewBox, preserveAspectRatio, focusable, d, x, y, x1, y1, x2, y2, cx, cy, r, rx
    case dx, dy, fill, stroke, transform
    case fillOpacity = "fill-opacity", strokeWidth = "stroke-width", strokeDasharray = "stroke-dasharray"
    case textAnchor = "text-anchor", dominantBaseline = "dominant-baseline"
}

/// UTF-8 names of a payload-free `String` enum, indexed by case. The writer appends a tag or
/// attribute name for every element it emits; going through `rawValue` (a `String` per call)
/// was a large share of a render.
///
/// Each name sits in a zero-padded slot of `slot` bytes, and `write` copies the whole slot (a
/// fixed-size copy the compiler inlines as two moves) and advances by the name's length: the
/// caller reserves `slot` bytes of room for a name, not its exact length.
struct NameTable<Name: RawRepresentable & CaseIterable> where Name.RawValue == String {
    /// Room `write` needs; every name is shorter.
    static var slot: Int { 32 }
    private let slots: [UInt8]
    private let lengths: [Int]
    /// Whether a case's in-memory value is its declaration index (true for every payload-free
    /// enum Swift lays out in one byte); checked once, else a name is found by its raw value.
    private let indexed: Bool

    /// Names spelled `prefix` + raw value + `suffix` (ASCII literals), so ` x="` is one copy.
    init(prefix: StaticString = "", suffix: StaticString = "") {
        let prefix = prefix.withUTF8Buffer { Array($0) }, suffix = suffix.withUTF8Buffer { Array($0) }
        let names = Name.allCases.map { prefix + Array($0.rawValue.utf8) + suffix }
        precondition(names.allSatisfy { $0.count <= Self.slot }, "NameTable: a name longer than its slot")
        slots = names.flatMap { $0 + Array(repeating: 0, count: Self.slot - $0.count) }
        lengths = names.map(\.count)
        indexed = MemoryLayout<Name>.size == 1
            && Name.allCases.enumerated().allSatisfy { i, name in unsafeBitCast(name, to: UInt8.self) == UInt8(truncatingIfNeeded: i) }
    }

    @inline(__always)
    private func index(_ name: Name) -> Int {
        if indexed { return Int(unsafeBitCast(name, to: UInt8.self)) }
        return Name.allCases.firstIndex { $0.rawValue == name.rawValue }.map { Name.allCases.distance(from: Name.allCases.startIndex, to: $0) } ?? 0
    }

    /// Writes `name` at `i` in `out`, which must have `slot` bytes of room from `i`; returns the end of the name.
    @inline(__always)
    func write(_ name: Name, into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        precondition(i >= 0 && out.count - i >= Self.slot, "NameTable: no room for a name")
        let k = index(name)
        slots.withUnsafeBufferPointer { slots in
            UnsafeMutableRawPointer(out.baseAddress! + i).copyMemory(from: slots.baseAddress! + k * Self.slot, byteCount: Self.slot)
        }
        return i + lengths[k]
    }

    /// Appends `name` to `buffer`.
    @inline(__always)
    func append(_ name: Name, to buffer: inout ByteBuffer) {
        buffer.write(upTo: Self.slot) { write(name, into: $0, at: 0) }
    }
}

extension HTMLTag {
    static let names = NameTable<HTMLTag>()
}

extension Attr {
    static let names = NameTable<Attr>()
    /// ` name="`: the start of a valued attribute.
    static let openings = NameTable<Attr>(prefix: " ", suffix: "=\"")
}
