import JSONSchema

/// One finding of `TreeValidator` or `ChartLinter`: where (a JSON Pointer into the surface), a stable
/// code for programs, and a message for the model to fix it. Printed as `/root/children/2/x/field: …`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Errors make a tree unusable; warnings flag a misleading or doubtful tree that still renders.
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public let severity: Severity
    /// Stable identifier of the rule, e.g. `table-row-arity`.
    public let code: String
    /// Location of the offending value in the surface document.
    public let pointer: JSONPointer
    public let message: String

    public init(_ severity: Severity, _ code: String, _ pointer: JSONPointer, _ message: String) {
        self.severity = severity
        self.code = code
        self.pointer = pointer
        self.message = message
    }

    /// The one-line form used by the CLI and in error messages: `POINTER: message`.
    public var cliLine: String { "\(pointer.display): \(message)" }

    public var description: String { "\(severity.rawValue) \(code) \(pointer.display): \(message)" }

    /// The diagnostic as a JSON object `{severity, code, path, message}` for error responses.
    public var json: JSONValue {
        .object(JSONObject([
            ("severity", .string(severity.rawValue)), ("code", .string(code)),
            ("path", .string(pointer.description)), ("message", .string(message)),
        ]))
    }
}
