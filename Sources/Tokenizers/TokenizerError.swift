/// Why a tokenizer file could not be loaded or a tokenizer could not be built.
///
/// Every error names the file (when there is one), a JSON Pointer–style location inside it
/// (`/model/vocab`, `/metadata/tokenizer.ggml.tokens/17`, `/line/42` …), the byte offset when known,
/// and a sentence a person can act on.
public struct TokenizerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of failure, for callers that branch on it.
    public enum Kind: String, Sendable, Equatable {
        /// The file does not exist or cannot be read.
        case unreadable
        /// No loader recognises the file.
        case unknownFormat
        /// The file ends before a structure it announces.
        case truncated
        /// A structure is inconsistent (bad magic, bad type tag, wrong value type …).
        case malformed
        /// A declared size exceeds `TokenizerLimits`.
        case limitExceeded
        /// Well-formed but uses a feature this library does not implement.
        case unsupported
        /// A field the loader needs is absent.
        case missingField
    }

    public let kind: Kind
    /// JSON Pointer–style location of the problem inside the source ("" for the whole file).
    public let pointer: String
    /// A human-readable explanation.
    public let message: String
    /// Byte offset in the file where the problem was detected, when known.
    public let offset: Int?
    /// The file the error is about, when there is one.
    public var file: String?

    public init(_ kind: Kind, _ message: String, pointer: String = "", offset: Int? = nil, file: String? = nil) {
        self.kind = kind
        self.message = message
        self.pointer = pointer
        self.offset = offset
        self.file = file
    }

    public var description: String {
        var s = ""
        if let file { s += file + ": " }
        if !pointer.isEmpty { s += pointer + ": " }
        s += message
        if let offset { s += " (at byte \(offset))" }
        return s
    }

    /// The same error, attributed to `file`.
    func inFile(_ path: String) -> TokenizerError {
        var e = self
        if e.file == nil { e.file = path }
        return e
    }
}

/// Escapes one reference token for a JSON Pointer (`~` → `~0`, `/` → `~1`).
func pointerToken(_ s: String) -> String {
    s.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}
