/// Every resource bound the loaders enforce, in one place. Files that declare larger structures are
/// rejected with `TokenizerError.Kind.limitExceeded` before any large allocation happens.
public struct TokenizerLimits: Sendable, Equatable {
    /// Most metadata key/value pairs a GGUF header may declare.
    public var maxMetadataEntries: Int = 65_536
    /// Most tensors a GGUF header may declare.
    public var maxTensors: Int = 1 << 20
    /// Longest single string (key, token, chat template …), in bytes.
    public var maxStringBytes: Int = 16 << 20
    /// Most elements in one GGUF array (tokens, merges, scores …).
    public var maxArrayElements: Int = 8 << 20
    /// Deepest nesting of GGUF arrays.
    public var maxArrayDepth: Int = 4
    /// Most dimensions of one tensor.
    public var maxTensorDimensions: Int = 8
    /// Most bytes the header + metadata + tensor infos of a GGUF file may take (the rest is never read).
    public var maxGGUFHeaderBytes: Int = 1 << 30
    /// Largest `tokenizer.json` or tiktoken file accepted, in bytes.
    public var maxTextFileBytes: Int = 512 << 20
    /// Largest vocabulary (highest token id + 1).
    public var maxVocabularySize: Int = 4 << 20

    public init() {}

    /// The defaults.
    public static let standard = TokenizerLimits()
}
