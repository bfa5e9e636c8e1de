import JSONSchema

/// A component tree that does not match the catalog: where (a JSON Pointer into the document) and why.
/// Printed as `/root/children/2/mark: unknown value "pie"`.
public struct ComponentDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Location of the offending value in the decoded document.
    public let pointer: JSONPointer
    /// Human-readable reason.
    public let message: String

    public init(_ pointer: JSONPointer, _ message: String) {
        self.pointer = pointer
        self.message = message
    }

    public var description: String { "\(pointer.display): \(message)" }
}
