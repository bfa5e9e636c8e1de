import JSONSchema

/// What every catalog component has: its `type` discriminator, an `id` unique in the tree,
/// and a `span` inside a Grid (`nil` = full row).
public protocol Component: JSONRepresentable {
    /// The value of the `type` discriminator, e.g. `"Chart"`.
    static var typeName: String { get }
    /// The node's stable identifier.
    var id: String { get }
    /// Columns taken inside a Grid (1...12); `nil` for a full row.
    var span: Int? { get }
    /// All property names in schema order, `type` first.
    static var keys: [String] { get }
}

extension ObjectReader {
    /// Opens a component object: checks keys and the discriminator, returns `id` and `span`.
    static func component<C: Component>(_ json: JSONValue, at pointer: JSONPointer, _: C.Type) throws(ComponentDecodingError) -> (ObjectReader, String, Int?) {
        // The discriminator first, so a wrong component is reported as such, not as a wrong key.
        if case .object(let o) = json, let t = o["type"], t != .string(C.typeName) {
            throw ComponentDecodingError(pointer / "type", "expected \"\(C.typeName)\", found \(t)")
        }
        let r = try ObjectReader(json, at: pointer, keys: C.keys)
        try r.constant("type", C.typeName)
        let id = try r.string("id")
        let span = C.keys.contains("span") ? try r.optionalInteger("span", in: 1...12) : nil
        return (r, id, span)
    }
}

extension ObjectWriter {
    /// Starts a component object with `type`, `id` and `span`.
    static func component<C: Component>(_ c: C) -> ObjectWriter {
        var w = ObjectWriter()
        w.set("type", C.typeName)
        w.set("id", c.id)
        if C.keys.contains("span") { w.set("span", c.span) }
        return w
    }
}

/// Reads `children: Node[]`.
func readChildren(_ r: ObjectReader) throws(ComponentDecodingError) -> [Node] {
    try r.array("children", of: Node.self)
}
