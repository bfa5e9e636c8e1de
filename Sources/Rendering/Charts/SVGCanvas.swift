/// The plot rectangle inside the SVG viewport.
struct PlotFrame: Sendable {
    var width: Double
    var height: Double
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var x0: Double { left }
    var x1: Double { width - right }
    var y0: Double { top }
    var y1: Double { height - bottom }
    var plotWidth: Double { max(x1 - x0, 10) }
    var plotHeight: Double { max(y1 - y0, 10) }
}

/// SVG drawing helpers over an `HTMLWriter`; every number goes through `svgNumber`.
struct SVGCanvas {
    var w: HTMLWriter
    static let tickFont = 11.0
    static let labelFont = 12.0

    /// A canvas of its own; the default is small, for the empty canvas a mark leaves in a
    /// `ChartContext` while it draws into the one it set aside.
    init(capacity: Int = 16) { w = HTMLWriter(capacity: capacity) }

    mutating func group(_ classes: String, _ body: (inout SVGCanvas) -> Void) {
        w.open(.g, [(.class, classes)])
        body(&self)
        w.close(.g)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class cls: String? = nil) {
        w.beginOpen(.line)
        w.number(.x1, x1); w.number(.y1, y1); w.number(.x2, x2); w.number(.y2, y2)
        if let cls { w.attribute(.class, cls) }
        w.finishOpen()
        w.close(.line)
    }

    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, class cls: String, fill: String? = nil, title: String? = nil) {
        w.beginOpen(.rect)
        w.number(.x, x); w.number(.y, y); w.number(.width, max(width, 0)); w.number(.height, max(height, 0))
        w.attribute(.class, cls)
        if let fill { w.attribute(.fill, fill) }
        w.finishOpen()
        if let title { w.element(.title, text: title) }
        w.close(.rect)
    }

    mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, class cls: String, fill: String? = nil, title: String? = nil) {
        w.beginOpen(.circle)
        w.number(.cx, cx); w.number(.cy, cy); w.number(.r, r)
        w.attribute(.class, cls)
        if let fill { w.attribute(.fill, fill) }
        w.finishOpen()
        if let title { w.element(.title, text: title) }
        w.close(.circle)
    }

    /// A rect or circle (`markup` says which) without fill or title, from markup prepared once.
    mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ markup: ShapeMarkup) {
        w.shape(markup, x, y, max(width, 0), max(height, 0))
    }

    mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, _ markup: ShapeMarkup) {
        w.shape(markup, cx, cy, r, 0)
    }

    mutating func path(_ p: PathBuilder, class cls: String, title: String? = nil) {
        guard !p.isEmpty else { return }
        w.beginOpen(.path)
        w.pathData(p)
        w.attribute(.class, cls)
        w.finishOpen()
        if let title { w.element(.title, text: title) }
        w.close(.path)
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ string: String, x: Double, y: Double, anchor: Anchor = .start, class cls: String, rotate: Double? = nil, baseline: String? = nil) {
        var attrs: [(Attr, String)] = [(.x, svgNumber(x)), (.y, svgNumber(y))]
        if anchor != .start { attrs.append((.textAnchor, anchor.rawValue)) }
        if let baseline { attrs.append((.dominantBaseline, baseline)) }
        if let rotate { attrs.append((.transform, "rotate(\(svgNumber(rotate)) \(svgNumber(x)) \(svgNumber(y)))")) }
        attrs.append((.class, cls))
        w.element(.text, attrs, text: string)
    }
}

/// Builds path data with rounded coordinates, as bytes: only `M L A Z`, digits, `.`, `-`, `,`
/// and spaces, so `HTMLWriter.pathData` can copy it without escaping.
struct PathBuilder {
    private(set) var bytes: ByteBuffer
    private var penDown = false

    init(capacity: Int = 256) { bytes = ByteBuffer(capacity: capacity) }

    /// The path data as text.
    var d: String { bytes.string }

    var isEmpty: Bool { bytes.isEmpty }

    /// `command` then `x,y`, in one reservation.
    private mutating func point(_ command: UInt8, _ x: Double, _ y: Double) {
        bytes.write(upTo: 2 + 2 * SVGNumber.maxLength) { out in
            out[0] = command
            var n = SVGNumber.write(x, into: out, at: 1)
            out[n] = 0x2C  // ,
            n = SVGNumber.write(y, into: out, at: n + 1)
            return n
        }
    }

    mutating func move(_ x: Double, _ y: Double) {
        point(0x4D, x, y)  // M
        penDown = true
    }

    mutating func lineTo(_ x: Double, _ y: Double) {
        point(penDown ? 0x4C : 0x4D, x, y)  // L or M
        penDown = true
    }

    /// Lifts the pen: the next point starts a new sub-path (a gap).
    mutating func lift() { penDown = false }

    mutating func close() { bytes.append(0x5A); penDown = false }  // Z

    mutating func arc(rx: Double, ry: Double, large: Bool, sweep: Bool, x: Double, y: Double) {
        point(0x41, rx, ry)  // A
        bytes.append(large ? (sweep ? " 0 1,1" : " 0 1,0") : (sweep ? " 0 0,1" : " 0 0,0"))  //  0 L,S
        point(0x20, x, y)  // the space before the end point
    }
}
