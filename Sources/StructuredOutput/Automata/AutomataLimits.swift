/// Resource limits for every automaton construction in this folder (regexes, formats, numbers,
/// products). Constructions check them as they go and throw `AutomataError` instead of hanging.
public struct AutomataLimits: Sendable, Hashable {
    /// Maximum number of states of any automaton built (NFA states count against four times this).
    public var maxStates: Int = 20_000
    /// Maximum repetition count accepted in `{n,m}` quantifiers and code-point length bounds.
    public var maxRepeat: Int = 1_000

    public init() {}
}

/// A construction failed: unsupported syntax, an invalid bound, or a limit was exceeded.
public struct AutomataError: Error, Sendable, CustomStringConvertible, Hashable {
    /// A human-readable message (includes the character position for regex errors).
    public let message: String
    /// The position (in Unicode scalars) in the regex pattern where the problem was found, if any.
    public let position: Int?

    public init(_ message: String, position: Int? = nil) {
        self.message = message
        self.position = position
    }

    public var description: String {
        if let position { return "\(message) (at character \(position))" }
        return message
    }
}
