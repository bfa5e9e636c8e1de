/// One finding of a schema linter, located by a JSON Pointer into the schema.
public struct LintIssue: Sendable, Equatable, CustomStringConvertible {
    /// How serious a finding is: errors make a schema unusable for the target, warnings are advice.
    public enum Severity: String, Sendable, Equatable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public let severity: Severity
    /// The place in the schema document the issue is about.
    public let pointer: JSONPointer
    /// A human-readable explanation.
    public let message: String

    public init(_ severity: Severity, _ pointer: JSONPointer, _ message: String) {
        self.severity = severity
        self.pointer = pointer
        self.message = message
    }

    /// `error: /properties/x: message`.
    public var description: String { "\(severity.rawValue): \(pointer.display): \(message)" }

    /// The issue as a JSON object `{"severity", "pointer", "message"}`.
    public var json: JSONValue {
        .object(JSONObject([
            ("severity", .string(severity.rawValue)),
            ("pointer", .string(pointer.description)),
            ("message", .string(message)),
        ]))
    }
}

/// The size limits OpenAI Structured Outputs puts on a strict-mode schema.
public struct StrictModeLimits: Sendable, Equatable {
    /// Object properties in the whole schema, definitions included.
    public var maxTotalProperties: Int
    /// Levels of object nesting (the root object is level 1).
    public var maxNestingDepth: Int
    /// Characters of all property names, definition names, enum values and const values together.
    public var maxTotalNameAndValueCharacters: Int
    /// Enum values across all `enum`s.
    public var maxTotalEnumValues: Int
    /// A string `enum` with more values than this …
    public var largeEnumValueCount: Int
    /// … may hold at most this many characters in all.
    public var largeEnumMaxCharacters: Int

    public init(maxTotalProperties: Int = 5_000, maxNestingDepth: Int = 10, maxTotalNameAndValueCharacters: Int = 120_000,
                maxTotalEnumValues: Int = 1_000, largeEnumValueCount: Int = 250, largeEnumMaxCharacters: Int = 15_000) {
        self.maxTotalProperties = maxTotalProperties
        self.maxNestingDepth = maxNestingDepth
        self.maxTotalNameAndValueCharacters = maxTotalNameAndValueCharacters
        self.maxTotalEnumValues = maxTotalEnumValues
        self.largeEnumValueCount = largeEnumValueCount
        self.largeEnumMaxCharacters = largeEnumMaxCharacters
    }
}
