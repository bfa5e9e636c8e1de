/// Everything a loader found in a tokenizer file: the vocabulary the mask engine needs, plus what
/// it takes to build an encoder (`makeBPETokenizer()`).
public struct LoadedTokenizer: Sendable {
    /// The file format it came from.
    public enum Format: String, Sendable { case gguf, huggingFace = "tokenizer.json", tiktoken }

    /// How token strings in the file spell bytes.
    public enum Model: String, Sendable {
        /// GPT-2 byte-level BPE (`Ġ` = space).
        case byteLevelBPE
        /// SentencePiece conventions (`▁` = space, `<0xNN>` byte pieces).
        case sentencePiece
        /// tiktoken: raw bytes ranked by id.
        case tiktoken
    }

    public let vocabulary: TokenVocabulary
    public let format: Format
    public let model: Model
    /// The pre-tokenizer, when the file names one this library implements.
    public let preTokenizer: PreTokenizer?
    /// Merge rules in rank order, each "left right" in the file's own token spelling (byte-level BPE only).
    public let merges: [String]
    /// Llama 3's `ignore_merges`: a pre-token that is a whole vocabulary entry is emitted as is.
    public let ignoreMerges: Bool
    /// Tokens matched verbatim in text (control tokens, user-defined / added tokens).
    public let textTokens: [BPETokenizer.TextToken]
    /// Beginning-of-sequence id, when the file names one.
    public let bosTokenID: Int32?
    /// Whether ordinary text is NFC-normalised before encoding.
    public let normalizesNFC: Bool
    /// The full GGUF metadata, for GGUF files (chat template, architecture …).
    public let gguf: GGUFMetadata?

    public init(
        vocabulary: TokenVocabulary, format: Format, model: Model, preTokenizer: PreTokenizer?, merges: [String],
        ignoreMerges: Bool, textTokens: [BPETokenizer.TextToken], bosTokenID: Int32?, normalizesNFC: Bool = false,
        gguf: GGUFMetadata? = nil
    ) {
        self.vocabulary = vocabulary
        self.format = format
        self.model = model
        self.preTokenizer = preTokenizer
        self.merges = merges
        self.ignoreMerges = ignoreMerges
        self.textTokens = textTokens
        self.bosTokenID = bosTokenID
        self.normalizesNFC = normalizesNFC
        self.gguf = gguf
    }

    /// The same tokenizer with the vocabulary's logits width set to `logitsSize` (never below the token count).
    public func withLogitsSize(_ logitsSize: Int) -> LoadedTokenizer {
        let v = vocabulary
        let resized = TokenVocabulary(tokens: v.tokens, specialTokenIDs: v.specialTokenIDs, eosTokenIDs: v.eosTokenIDs,
                                      logitsSize: logitsSize, name: v.name)
        return LoadedTokenizer(vocabulary: resized, format: format, model: model, preTokenizer: preTokenizer, merges: merges,
                               ignoreMerges: ignoreMerges, textTokens: textTokens, bosTokenID: bosTokenID,
                               normalizesNFC: normalizesNFC, gguf: gguf)
    }

    /// Builds the byte-level BPE encoder for this vocabulary. Throws `.unsupported` for SentencePiece
    /// vocabularies and for pre-tokenizers this library does not know.
    public func makeBPETokenizer() throws -> BPETokenizer {
        guard let preTokenizer else {
            throw TokenizerError(.unsupported, "no supported pre-tokenizer is declared for \(vocabulary.name); encoding needs one")
        }
        switch model {
        case .sentencePiece:
            throw TokenizerError(.unsupported, "SentencePiece encoding is not implemented (\(vocabulary.name)); the vocabulary itself is usable")
        case .tiktoken:
            return try BPETokenizer.rankedVocabulary(vocabulary, preTokenizer: preTokenizer, textTokens: textTokens)
        case .byteLevelBPE:
            return try BPETokenizer(vocabulary: vocabulary, byteLevelMerges: merges, preTokenizer: preTokenizer,
                                    ignoreMerges: ignoreMerges, textTokens: textTokens, normalizesNFC: normalizesNFC)
        }
    }
}

/// Texts of tokens that end a turn or a document in common chat models; a special token with one of
/// these texts is treated as an end-of-sequence id (as llama.cpp does for its end-of-generation set).
enum KnownEndTokens {
    static let texts: Set<String> = [
        "<|endoftext|>", "<|end_of_text|>", "<|eot_id|>", "<|eom_id|>", "<|im_end|>", "<|end|>",
        "<end_of_turn>", "<|return|>", "<EOT>", "<｜end▁of▁sentence｜>", "</s>",
    ]
}
