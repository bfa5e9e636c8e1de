/// Builds a `LoadedTokenizer` from the `tokenizer.ggml.*` metadata of a GGUF file.
public enum GGUFTokenizerLoader {
    /// llama.cpp's token types (`tokenizer.ggml.token_type`).
    public enum TokenType: Int64, Sendable {
        case undefined = 0, normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6
    }

    /// Pre-tokenizer names for which llama.cpp sets `ignore_merges`.
    static let ignoreMergesPre: Set<String> = ["llama3", "llama-v3", "llama-bpe", "falcon3", "pixtral", "llama4"]

    /// Reads the GGUF header at `path` (only the metadata is read) and builds its tokenizer.
    public static func load(path: String, limits: TokenizerLimits = .standard) throws -> LoadedTokenizer {
        let file = try GGUFFile.read(path: path, limits: limits)
        do {
            let fallbackName = path.split(separator: "/").last.map(String.init) ?? path
            return try load(file, fallbackName: fallbackName, limits: limits)
        } catch let e as TokenizerError {
            throw e.inFile(path)
        }
    }

    /// Builds the tokenizer from an already parsed GGUF header.
    public static func load(_ file: GGUFFile, fallbackName: String = "model", limits: TokenizerLimits = .standard) throws -> LoadedTokenizer {
        let meta = file.metadata
        guard let modelName = meta.tokenizerModel else {
            throw TokenizerError(.missingField, "the file has no tokenizer (tokenizer.ggml.model is absent)", pointer: "/metadata/tokenizer.ggml.model")
        }
        let model: LoadedTokenizer.Model
        switch modelName {
        case "gpt2": model = .byteLevelBPE
        case "llama", "t5": model = .sentencePiece
        default:
            throw TokenizerError(.unsupported, "tokenizer model \"\(modelName)\" is not supported (gpt2 and llama are)", pointer: "/metadata/tokenizer.ggml.model")
        }
        guard let pieces = try meta.stringArray("tokenizer.ggml.tokens") else {
            throw TokenizerError(.missingField, "tokenizer.ggml.tokens is absent", pointer: "/metadata/tokenizer.ggml.tokens")
        }
        guard !pieces.isEmpty, pieces.count <= limits.maxVocabularySize else {
            throw TokenizerError(.limitExceeded, "the vocabulary has \(pieces.count) tokens (allowed 1…\(limits.maxVocabularySize))", pointer: "/metadata/tokenizer.ggml.tokens")
        }
        let rawTypes = try meta.intArray("tokenizer.ggml.token_type")
        if let rawTypes, rawTypes.count != pieces.count {
            throw TokenizerError(.malformed, "token_type has \(rawTypes.count) entries but there are \(pieces.count) tokens", pointer: "/metadata/tokenizer.ggml.token_type")
        }

        var tokens: [[UInt8]] = []
        tokens.reserveCapacity(pieces.count)
        var special = Set<Int32>()
        var textTokens: [BPETokenizer.TextToken] = []
        var eos: [Int32] = []
        for (i, piece) in pieces.enumerated() {
            let type = rawTypes.flatMap { TokenType(rawValue: $0[i]) } ?? .normal
            let id = Int32(i)
            switch type {
            case .normal, .undefined:
                tokens.append(model == .byteLevelBPE ? ByteLevel.decode(piece) : SentencePiece.decode(piece))
            case .byte:
                if let b = SentencePiece.byteValue(piece) { tokens.append([b]) } else { tokens.append(ByteLevel.decode(piece)) }
            case .userDefined:
                tokens.append(model == .byteLevelBPE ? Array(piece.utf8) : SentencePiece.decode(piece))
                textTokens.append(.init(text: piece, id: id, alwaysParsed: true))
            case .control, .unknown, .unused:
                tokens.append(Array(piece.utf8))
                special.insert(id)
                if type == .control {
                    textTokens.append(.init(text: piece, id: id, alwaysParsed: false))
                    if KnownEndTokens.texts.contains(piece) && piece != "</s>" { eos.append(id) }
                }
            }
        }

        for key in ["tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"] {
            if let id = meta.tokenID(key, count: pieces.count), !eos.contains(id) { eos.append(id) }
        }
        eos.sort()

        var logitsSize: Int?
        for name in ["output.weight", "token_embd.weight"] {
            if let t = file.tensors.first(where: { $0.name == name }), t.dimensions.count >= 2,
               t.dimensions[1] >= UInt64(pieces.count), t.dimensions[1] <= UInt64(limits.maxVocabularySize) {
                logitsSize = Int(t.dimensions[1])
                break
            }
        }

        let pre = meta.preTokenizer ?? (model == .byteLevelBPE ? "gpt-2" : "")
        let merges = model == .byteLevelBPE ? (try meta.stringArray("tokenizer.ggml.merges") ?? []) : []
        let vocabulary = TokenVocabulary(
            tokens: tokens, specialTokenIDs: special, eosTokenIDs: eos, logitsSize: logitsSize,
            name: "gguf:" + (meta.name ?? fallbackName))
        return LoadedTokenizer(
            vocabulary: vocabulary, format: .gguf, model: model,
            preTokenizer: model == .byteLevelBPE ? PreTokenizer.forGGUF(pre: pre) : nil,
            merges: merges, ignoreMerges: ignoreMergesPre.contains(pre), textTokens: textTokens,
            bosTokenID: meta.tokenID("tokenizer.ggml.bos_token_id", count: pieces.count), gguf: meta)
    }
}
