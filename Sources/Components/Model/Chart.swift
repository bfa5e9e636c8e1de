import JSONSchema

/// A chart drawn from inline data; `mark` chooses the kind.
public struct Chart: Component {
    /// Chart kind.
    public enum Mark: String, CatalogEnum { case bar, line, area, point, arc, rect, histogram }
    /// Stacking of bars and areas.
    public enum Stacking: String, CatalogEnum { case none, zero, normalize }
    /// Bar orientation.
    public enum Orientation: String, CatalogEnum { case vertical, horizontal }
    /// Legend position.
    public enum Legend: String, CatalogEnum { case auto, top, right, bottom, none }
    /// Plot height.
    public enum Height: String, CatalogEnum { case sm, md, lg }

    public static let typeName = "Chart"
    public static let keys = ["type", "id", "span", "mark", "title", "description", "data", "x", "y", "color", "size", "theta",
                              "stack", "orientation", "innerRadius", "bins", "annotations", "legend", "height"]
    public var id: String
    public var span: Int?
    public var mark: Mark
    public var title: String?
    /// One-sentence takeaway (the SVG `<desc>`).
    public var description: String
    /// The rows drawn: inline (written by the model) or, when `query` is set, computed from a
    /// dataset by the data resolver (empty until then).
    public var data: ChartData
    /// A query over a registered dataset, in place of inline data (`data` in the catalog is either).
    public var query: DataRef?
    /// Set by the resolver when `data` was computed from `query`; not part of the catalog.
    public var provenance: DataProvenance?
    public var x: Encoding?
    public var y: Encoding?
    public var color: Encoding?
    public var size: Encoding?
    public var theta: Encoding?
    public var stack: Stacking
    public var orientation: Orientation
    /// Arc only: hole as a fraction of the radius (0...0.9).
    public var innerRadius: Double?
    /// Histogram only: number of bins (2...100).
    public var bins: Int?
    public var annotations: [Annotation]
    public var legend: Legend
    public var height: Height

    public init(id: String, span: Int? = nil, mark: Mark, title: String?, description: String, data: ChartData,
                x: Encoding? = nil, y: Encoding? = nil, color: Encoding? = nil, size: Encoding? = nil, theta: Encoding? = nil,
                stack: Stacking = .none, orientation: Orientation = .vertical, innerRadius: Double? = nil, bins: Int? = nil,
                annotations: [Annotation] = [], legend: Legend = .auto, height: Height = .md) {
        self.id = id; self.span = span; self.mark = mark; self.title = title; self.description = description; self.data = data
        self.x = x; self.y = y; self.color = color; self.size = size; self.theta = theta
        self.stack = stack; self.orientation = orientation; self.innerRadius = innerRadius; self.bins = bins
        self.annotations = annotations; self.legend = legend; self.height = height
    }

    public init(json: JSONValue, at pointer: JSONPointer) throws(ComponentDecodingError) {
        let (r, id, span) = try ObjectReader.component(json, at: pointer, Chart.self)
        self.id = id; self.span = span
        mark = try r.enumValue("mark")
        title = try r.optionalString("title")
        description = try r.string("description")
        if DataRef.isReference(r.value("data")) {
            query = try r.decode("data")
            data = ChartData(columns: [], rows: [])
        } else {
            data = try r.decode("data")
        }
        x = try r.optional("x")
        y = try r.optional("y")
        color = try r.optional("color")
        size = try r.optional("size")
        theta = try r.optional("theta")
        stack = try r.enumValue("stack")
        orientation = try r.enumValue("orientation")
        innerRadius = try r.optionalNumber("innerRadius", in: 0...0.9)
        bins = try r.optionalInteger("bins", in: 2...100)
        annotations = try r.array("annotations", of: Annotation.self, count: 0...10)
        legend = try r.enumValue("legend")
        height = try r.enumValue("height")
    }

    public func encode() -> JSONValue {
        var w = ObjectWriter.component(self)
        w.set("mark", mark)
        w.set("title", title)
        w.set("description", description)
        if let query { w.set("data", query) } else { w.set("data", data) }
        w.set("x", x)
        w.set("y", y)
        w.set("color", color)
        w.set("size", size)
        w.set("theta", theta)
        w.set("stack", stack)
        w.set("orientation", orientation)
        w.set("innerRadius", innerRadius)
        w.set("bins", bins)
        w.set("annotations", annotations)
        w.set("legend", legend)
        w.set("height", height)
        return w.json
    }

    /// The encodings that are set, by channel name (`x`, `y`, `color`, `size`, `theta`).
    public var encodings: [(channel: String, encoding: Encoding)] {
        [("x", x), ("y", y), ("color", color), ("size", size), ("theta", theta)].compactMap { c, e in e.map { (c, $0) } }
    }
}
