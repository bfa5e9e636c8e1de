import JSONSchema

/// One finding about a tree: where (a JSON Pointer into the tree) and what.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible, Comparable {
    public enum Severity: String, Sendable { case error, warning }
    public let severity: Severity
    public let pointer: JSONPointer
    public let message: String

    public init(_ severity: Severity, _ pointer: JSONPointer, _ message: String) {
        self.severity = severity
        self.pointer = pointer
        self.message = message
    }

    /// `POINTER: message`, the form the CLI prints.
    public var description: String { "\(pointer.display): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.pointer.description, a.message) < (b.pointer.description, b.message)
    }
}

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

    /// A check against the catalog compiled into the binary.
    public init() throws {
        let schema = try JSONParser.parse(EmbeddedCatalog.text)
        self.validator = try SchemaValidator(schema: schema)
    }

    /// A check against another catalog bundle (e.g. a per-request specialised schema).
    public init(catalogSchema: JSONValue) throws {
        self.validator = try SchemaValidator(schema: catalogSchema)
    }

    /// Parses and checks raw bytes; malformed JSON is an error at `/` naming line and column.
    public func check(bytes: [UInt8]) -> Result {
        do {
            return check(try JSONParser().parse(bytes))
        } catch let e as JSONParseError {
            return Result(surface: nil, errors: [Diagnostic(.error, .root, "malformed JSON: \(e)")], warnings: [])
        } catch {
            return Result(surface: nil, errors: [Diagnostic(.error, .root, "\(error)")], warnings: [])
        }
    }

    public func check(_ json: JSONValue) -> Result {
        // Typed decoding first: its messages name the component and field precisely, where the
        // schema's `anyOf` over node types can only say that no branch matched.
        let surface: Surface
        do {
            surface = try Surface(json: json, at: .root)
        } catch {
            return Result(surface: nil, errors: [Diagnostic(.error, error.pointer, error.message)], warnings: [])
        }
        var errors = validator.validate(json).map { Diagnostic(.error, $0.instancePointer, $0.message) }
        var warnings: [Diagnostic] = []
        for issue in TreeValidator().check(surface) {
            switch issue.severity {
            case .error: errors.append(Diagnostic(.error, issue.pointer, issue.message))
            case .warning: warnings.append(Diagnostic(.warning, issue.pointer, issue.message))
            }
        }
        for issue in ChartLinter().lint(surface) {
            warnings.append(Diagnostic(.warning, issue.pointer, issue.message))
        }
        var seen = Set<String>()
        errors = errors.filter { seen.insert($0.description).inserted }.sorted()
        return Result(surface: errors.isEmpty ? surface : nil, errors: errors, warnings: warnings.sorted())
    }
}
