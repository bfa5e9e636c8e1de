/// A fragment of markup produced by `HTMLWriter`.
///
/// Only code in this module can create one (the initialiser is internal), so a string that came
/// from a component tree can never become markup: it always goes through `HTMLWriter.text(_:)` or an
/// escaped, allow-listed attribute.
public struct SafeHTML: Sendable, Hashable, CustomStringConvertible {
    /// The markup.
    public let string: String

    init(trusted string: String) { self.string = string }

    /// An empty fragment.
    public static let empty = SafeHTML(trusted: "")

    public var description: String { string }
}
