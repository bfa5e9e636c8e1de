/// A fragment of markup produced by `HTMLWriter`.
///
/// Only code in this module can create one (the initialiser is internal), so a string that came
/// from a component tree can never become markup: it always goes through `HTMLWriter.text(_:)` or an
/// escaped, allow-listed attribute. Fragments keep their UTF-8 bytes so nesting one in another is a
/// plain copy; `string` decodes once at the end.
public struct SafeHTML: Sendable, Hashable, CustomStringConvertible {
    /// The markup as UTF-8.
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The markup.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// An empty fragment.
    public static let empty = SafeHTML(bytes: [])

    public var description: String { string }

    /// Two fragments one after the other.
    static func + (a: SafeHTML, b: SafeHTML) -> SafeHTML { SafeHTML(bytes: a.bytes + b.bytes) }
}
