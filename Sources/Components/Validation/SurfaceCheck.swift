import JSONSchema

/// The whole check of a generated answer in one call: decode (strict catalog form), then the
/// semantic checks, then the chart lint. Decoding errors become a single `decode` diagnostic, so
/// callers (CLI `validate`, the server's `ui.error`) handle one list of pointer + message findings.
public struct SurfaceCheck: Sendable {
    /// The decoded surface, or `nil` when decoding failed.
    public let surface: Surface?
    /// Decoding error, semantic errors and warnings, then lint warnings.
    public let diagnostics: [Diagnostic]

    /// True when the surface decoded and no finding is an error (warnings allowed).
    public var isUsable: Bool { surface != nil && !diagnostics.contains { $0.severity == .error } }

    /// Checks a parsed document.
    public init(_ document: JSONValue, limits: TreeLimits = .default) {
        do {
            let surface = try Surface.decode(from: document)
            self.surface = surface
            self.diagnostics = TreeValidator(limits: limits).validate(surface) + ChartLinter().lint(surface)
        } catch {
            self.surface = nil
            self.diagnostics = [Diagnostic(.error, "decode", error.pointer, error.message)]
        }
    }

    /// Parses and checks JSON text; a parse error becomes a `parse` diagnostic at the root.
    public init(text: String, limits: TreeLimits = .default) {
        do {
            self.init(try JSONParser.parse(text), limits: limits)
        } catch {
            self.init(failure: Diagnostic(.error, "parse", .root, "\(error)"))
        }
    }

    private init(failure: Diagnostic) {
        self.surface = nil
        self.diagnostics = [failure]
    }
}
