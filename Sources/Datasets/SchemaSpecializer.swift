import JSONSchema

/// The catalog narrowed to a chat about particular datasets, for generation.
///
/// - Dataset names and column names become enums, so a query can only name what exists.
/// - An encoding is one of three typed branches: a quantitative encoding takes numeric columns, a
///   temporal one date columns, a nominal or ordinal one the other columns; size and theta take the
///   quantitative branch only.
/// - Numbers come from the data: a chart's data is a `DataRef`, a table's rows a `DataRef`, a
///   KPI's value a `MeasureRef`, and a KPI's delta, comparison and sparkline are null (the model
///   would have to invent them).
///
/// The result is a plain JSON Schema; the core compiles and caches it by content like any other.
public enum SchemaSpecializer {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func specialize(_ catalog: JSONValue, for datasets: [Dataset]) throws(Failure) -> JSONValue {
        guard !datasets.isEmpty else { return catalog }
        guard case .object(var root) = catalog, case .object(var defs)? = root["$defs"] else {
            throw Failure(description: "the catalog has no $defs")
        }
        var all: [String] = [], numeric: [String] = [], temporal: [String] = [], other: [String] = []
        for d in datasets {
            for c in d.columns where !all.contains(c.name) {
                all.append(c.name)
                if c.type.isNumeric { numeric.append(c.name) } else if c.type.isTemporal { temporal.append(c.name) } else { other.append(c.name) }
            }
        }
        let names = datasets.map(\.name)

        func edit(_ def: String, _ body: (inout JSONObject) throws(Failure) -> Void) throws(Failure) {
            guard case .object(var o)? = defs[def] else { throw Failure(description: "the catalog has no $defs/\(def)") }
            try body(&o)
            defs[def] = .object(o)
        }
        func setProperty(_ o: inout JSONObject, _ name: String, _ value: JSONValue) throws(Failure) {
            guard case .object(var properties)? = o["properties"], properties[name] != nil else {
                throw Failure(description: "the catalog has no property \(name) where expected")
            }
            properties[name] = value
            o["properties"] = .object(properties)
        }
        func property(_ o: JSONObject, _ name: String) -> JSONObject {
            if case .object(let properties)? = o["properties"], case .object(let p)? = properties[name] { return p }
            return JSONObject()
        }
        func enumOf(_ values: [String], like base: JSONObject, nullable: Bool = false) -> JSONValue {
            var p = JSONObject()
            p["type"] = nullable ? .array([.string("string"), .string("null")]) : .string("string")
            p["enum"] = .array(values.map { .string($0) } + (nullable ? [.null] : []))
            if let d = base["description"] { p["description"] = d }
            return .object(p)
        }

        try edit("DataRef") { (o) throws(Failure) in
            try setProperty(&o, "dataset", enumOf(names, like: property(o, "dataset")))
            var groupBy = property(o, "groupBy")
            if case .object(let items)? = groupBy["items"] { groupBy["items"] = enumOf(all, like: items) }
            try setProperty(&o, "groupBy", .object(groupBy))
        }
        try edit("MeasureRef") { (o) throws(Failure) in
            try setProperty(&o, "dataset", enumOf(names, like: property(o, "dataset")))
            try setProperty(&o, "field", enumOf(numeric, like: property(o, "field"), nullable: true))
        }
        try edit("Filter") { (o) throws(Failure) in try setProperty(&o, "field", enumOf(all, like: property(o, "field"))) }
        try edit("Sort") { (o) throws(Failure) in try setProperty(&o, "field", enumOf(all, like: property(o, "field"))) }
        try edit("TableColumn") { (o) throws(Failure) in try setProperty(&o, "field", enumOf(all, like: property(o, "field"))) }

        // Encodings: one branch per column kind, the field's enum and the allowed types together.
        guard case .object(let encoding)? = defs["Encoding"] else { throw Failure(description: "the catalog has no $defs/Encoding") }
        func branch(_ fields: [String], types: [String]) throws(Failure) -> JSONValue {
            var b = encoding
            try setProperty(&b, "field", enumOf(fields, like: property(encoding, "field")))
            var t = JSONObject()
            t["type"] = .string("string")
            t["enum"] = .array(types.map { .string($0) })
            t["description"] = .string("Measurement type of the field.")
            try setProperty(&b, "type", .object(t))
            b["description"] = nil
            return .object(b)
        }
        var branches: [JSONValue] = []
        if !numeric.isEmpty {
            defs["QuantitativeEncoding"] = try branch(numeric, types: ["quantitative"])
            branches.append(.object(JSONObject([("$ref", .string("#/$defs/QuantitativeEncoding"))])))
        }
        if !temporal.isEmpty { branches.append(try branch(temporal, types: ["temporal", "ordinal"])) }
        if !other.isEmpty || !numeric.isEmpty {
            // Numeric columns may also be read as categories (a year, a cylinder count).
            branches.append(try branch(other + numeric, types: ["nominal", "ordinal"]))
        }
        var encodingDef = JSONObject()
        if let d = encoding["description"] { encodingDef["description"] = d }
        encodingDef["anyOf"] = .array(branches)
        defs["Encoding"] = .object(encodingDef)

        // Grounded numbers only.
        try edit("Chart") { (o) throws(Failure) in
            var data = property(o, "data")
            data["anyOf"] = .array([.object(JSONObject([("$ref", .string("#/$defs/DataRef"))]))])
            try setProperty(&o, "data", .object(data))
            if !numeric.isEmpty {
                for channel in ["size", "theta"] {
                    var c = property(o, channel)
                    c["anyOf"] = .array([.object(JSONObject([("$ref", .string("#/$defs/QuantitativeEncoding"))])), .object(JSONObject([("type", .string("null"))]))])
                    try setProperty(&o, channel, .object(c))
                }
            }
        }
        try edit("Table") { (o) throws(Failure) in
            var rows = property(o, "rows")
            rows["anyOf"] = .array([.object(JSONObject([("$ref", .string("#/$defs/DataRef"))]))])
            try setProperty(&o, "rows", .object(rows))
        }
        try edit("KPI") { (o) throws(Failure) in
            var value = property(o, "value")
            value["anyOf"] = .array([.object(JSONObject([("$ref", .string("#/$defs/MeasureRef"))]))])
            try setProperty(&o, "value", .object(value))
            for name in ["delta", "comparison", "sparkline"] {
                var p = JSONObject()
                p["type"] = .string("null")
                p["description"] = .string("Always null when answering from a dataset.")
                try setProperty(&o, name, .object(p))
            }
        }
        root["$defs"] = .object(defs)
        return .object(root)
    }
}
