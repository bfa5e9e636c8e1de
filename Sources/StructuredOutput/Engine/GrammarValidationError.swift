import JSONSchema

/// Why a `Grammar` cannot be compiled into a `CompiledGrammar`.
///
/// `pointer` locates the offending part of the IR (`/rules/3/body/states/2/calls/0`), `rule` names
/// the rule as the schema compiler named it, and `message` says what is wrong in plain words.
public struct GrammarValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pointer: JSONPointer
    public var rule: String
    public var message: String

    public init(pointer: JSONPointer, rule: String, message: String) {
        self.pointer = pointer
        self.rule = rule
        self.message = message
    }

    public var description: String { "grammar error at \(pointer.display) (rule '\(rule)'): \(message)" }
}
