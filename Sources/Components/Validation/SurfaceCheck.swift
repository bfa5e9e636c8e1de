import JSONSchema

/// The whole check a tree goes through before it is rendered: JSON Schema validation against the
/// catalog, typed decoding, semantic checks and chart lint. Errors block rendering; warnings don't.
public struct SurfaceCheck: Sendable {
    public struct Result: Sendable {
        /// The decoded tree, present when there are no errors.
        public let surface: Surface?
        public let errors: [Diagnostic]
        public let warnings: [Diagnostic]
        public var isValid: Bool { errors.isEmpty }
    }

    private let validator: SchemaValidator
    /// Size and depth limits for trees (node count, depth, rows, string length).
    public var limits: TreeLimits

    /// A check against the catalog compiled into the binary.
    public init(limits: TreeLimits = .default) throws {
        self.validator = try SchemaValidator(schema: JSONParser.parse(EmbeddedCatalog.text))
        self.limits = limits
    }

    /// A check against another catalog bundle (e.g. a per-request specialised schema).
    public init(catalogSchema: JSONValue, limits: TreeLimits = .default) throws {
        self.validator = try SchemaValidator(schema: catalogSchema)
        self.limits = limits
    }

    /// Parses and checks raw bytes; malformed JSON is an error at `/` naming line and column.
    public func check(bytes: [UInt8]) -> Result {
        do {
            return check(try JSONParser().parse(bytes))
        } catch let e as JSONParseError {
            return Result(surface: nil, errors: [Diagnostic(.error, "parse", .root, "malformed JSON: \(e)")], warnings: [])
        } catch {
            return Result(surface: nil, errors: [Diagnostic(.error, "parse", .root, "\(error)")], warnings: [])
        }
    }

    /// The semantic checks and lint alone, for a tree already decoded and changed since (a tree
    /// whose data references were resolved).
    public func checkSemantics(_ surface: Surface) -> Result {
        var errors: [Diagnostic] = [], warnings: [Diagnostic] = []
        for issue in TreeValidator(limits: limits).validate(surface) {
            if issue.severity == .error { errors.append(issue) } else { warnings.append(issue) }
        }
        warnings += ChartLinter().lint(surface)
        return Result(surface: errors.isEmpty ? surface : nil, errors: errors, warnings: warnings)
    }

    public func check(_ json: JSONValue) -> Result {
        // Typed decoding first: its messages name the component and field precisely, where the
        // schema's `anyOf` over node types can only say that no branch matched.
        let surface: Surface
        do {
            surface = try Surface(json: json, at: .root)
        } catch {
            return Result(surface: nil, errors: [Diagnostic(.error, "decode", error.pointer, error.message)], warnings: [])
        }
        var errors = validator.validate(json).map { Diagnostic(.error, "schema", $0.instancePointer, $0.message) }
        var warnings: [Diagnostic] = []
        for issue in TreeValidator(limits: limits).validate(surface) {
            if issue.severity == .error { errors.append(issue) } else { warnings.append(issue) }
        }
        warnings += ChartLinter().lint(surface)
        var seen = Set<Diagnostic>()
        errors = errors.filter { seen.insert($0).inserted }
        return Result(surface: errors.isEmpty ? surface : nil, errors: errors, warnings: warnings)
    }
}
