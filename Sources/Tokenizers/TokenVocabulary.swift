/// A model's vocabulary as the structured-output core sees it: for every token id, the exact bytes
/// the token stands for once decoded, plus which ids are special (never produced by the grammar)
/// and which end the sequence.
///
/// Loaders (GGUF, `tokenizer.json`, tiktoken) produce this type; `GrammarMatcher` consumes it.
public struct TokenVocabulary: Sendable {
    /// Decoded bytes of each token id, indexed by id. Special tokens hold their text form
    /// (for display only; the grammar never matches them as text).
    public let tokens: [[UInt8]]
    /// Ids that are control tokens (BOS, EOS, `<|im_start|>`, unused slots …): masked out by the grammar,
    /// except the EOS ids, which are allowed exactly when the grammar accepts.
    public let specialTokenIDs: Set<Int32>
    /// Ids that end generation.
    public let eosTokenIDs: [Int32]
    /// Width of the model's logits row; may exceed `tokens.count` (padding ids are always masked).
    public let logitsSize: Int
    /// A short human-readable name ("gguf:SmolLM2-135M", "tiktoken:cl100k_base" …).
    public let name: String

    public init(tokens: [[UInt8]], specialTokenIDs: Set<Int32>, eosTokenIDs: [Int32], logitsSize: Int? = nil, name: String) {
        self.tokens = tokens
        self.specialTokenIDs = specialTokenIDs.union(eosTokenIDs)
        self.eosTokenIDs = eosTokenIDs
        self.logitsSize = max(logitsSize ?? tokens.count, tokens.count)
        self.name = name
    }

    public var count: Int { tokens.count }

    /// A stable fingerprint of the vocabulary contents (FNV-1a 64 over ids, bytes and special flags),
    /// used as part of compiled-grammar cache keys.
    public var fingerprint: UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        @inline(__always) func mix(_ b: UInt8) { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        for (i, t) in tokens.enumerated() {
            mix(specialTokenIDs.contains(Int32(i)) ? 1 : 0)
            mix(UInt8(truncatingIfNeeded: t.count))
            for b in t { mix(b) }
        }
        for e in eosTokenIDs.sorted() { for k in 0..<4 { mix(UInt8(truncatingIfNeeded: e >> (8 * Int32(k)))) } }
        var n = UInt64(logitsSize)
        for _ in 0..<8 { mix(UInt8(truncatingIfNeeded: n)); n >>= 8 }
        return h
    }
}
