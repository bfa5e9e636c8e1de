import Foundation

/// The tiktoken encodings whose special tokens this library knows.
public enum TiktokenEncoding: String, Sendable, CaseIterable {
    case cl100k = "cl100k_base"
    case o200k = "o200k_base"
    /// Meta's Llama 3 `tokenizer.model`: 128,000 ranks, then 256 special tokens.
    case llama3 = "llama3"

    /// Number of ranked (ordinary) tokens in the reference file.
    var rankCount: Int {
        switch self {
        case .cl100k: return 100_256
        case .o200k: return 199_998
        case .llama3: return 128_000
        }
    }

    /// Special tokens and their ids.
    var specialTokens: [(String, Int32)] {
        switch self {
        case .cl100k:
            return [("<|endoftext|>", 100_257), ("<|fim_prefix|>", 100_258), ("<|fim_middle|>", 100_259),
                    ("<|fim_suffix|>", 100_260), ("<|endofprompt|>", 100_276)]
        case .o200k:
            return [("<|endoftext|>", 199_999), ("<|endofprompt|>", 200_018)]
        case .llama3:
            let named = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
                         "<|finetune_right_pad_id|>", "<|step_id|>", "<|start_header_id|>", "<|end_header_id|>",
                         "<|eom_id|>", "<|eot_id|>", "<|python_tag|>", "<|image|>"]
            var all = named
            for i in 0..<(256 - named.count) { all.append("<|reserved_special_token_\(2 + i)|>") }
            return all.enumerated().map { ($0.element, Int32(128_000 + $0.offset)) }
        }
    }

    /// End-of-sequence texts.
    var endTokens: [String] {
        switch self {
        case .cl100k, .o200k: return ["<|endoftext|>"]
        case .llama3: return ["<|end_of_text|>", "<|eom_id|>", "<|eot_id|>"]
        }
    }

    var preTokenizer: PreTokenizer {
        switch self {
        case .cl100k, .llama3: return .llama3
        case .o200k: return .regex(PreTokenizer.o200kPattern)
        }
    }

    /// The encoding a file most likely holds, from its name, then its number of ranks.
    static func guess(path: String, rankCount: Int) -> TiktokenEncoding? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        for e in [TiktokenEncoding.cl100k, .o200k] where name.contains(e.rawValue) { return e }
        return allCases.first { $0.rankCount == rankCount }
    }
}

/// Loads tiktoken rank files (`<base64 token> <rank>` per line).
public enum TiktokenLoader {
    /// Loads `path`. `encoding` names the special-token set; by default it is guessed from the file
    /// name and rank count, and a file matching none gets no special tokens.
    public static func load(path: String, encoding: TiktokenEncoding? = nil, limits: TokenizerLimits = .standard) throws -> LoadedTokenizer {
        let bytes = try HFTokenizerLoader.readFile(path, limits: limits)
        do {
            return try load(bytes: bytes, path: path, encoding: encoding, limits: limits)
        } catch let e as TokenizerError {
            throw e.inFile(path)
        }
    }

    /// True when `prefix` looks like a tiktoken file (a base64 word, a space, digits).
    public static func looksLikeTiktoken<C: Collection>(_ prefix: C) -> Bool where C.Element == UInt8 {
        guard let firstLine = prefix.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first else { return false }
        let parts = firstLine.split(separator: 0x20)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let isBase64 = parts[0].allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D }
        return isBase64 && parts[1].allSatisfy { (0x30...0x39).contains($0) || $0 == 0x0D }
    }

    static func load(bytes: [UInt8], path: String, encoding: TiktokenEncoding?, limits: TokenizerLimits) throws -> LoadedTokenizer {
        var ranked: [(Int, [UInt8])] = []
        var maxRank = -1
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { continue }
            let parts = line.split(separator: 0x20)
            guard parts.count == 2, let rank = Int(String(decoding: parts[1], as: UTF8.self)), rank >= 0 else {
                throw TokenizerError(.malformed, "expected \"<base64> <rank>\"", pointer: "/line/\(lineNumber)")
            }
            guard rank < limits.maxVocabularySize else {
                throw TokenizerError(.limitExceeded, "rank \(rank) exceeds the vocabulary limit \(limits.maxVocabularySize)", pointer: "/line/\(lineNumber)")
            }
            guard let data = Data(base64Encoded: Data(parts[0])), !data.isEmpty else {
                throw TokenizerError(.malformed, "the token is not valid base64", pointer: "/line/\(lineNumber)")
            }
            ranked.append((rank, [UInt8](data)))
            maxRank = max(maxRank, rank)
        }
        guard !ranked.isEmpty else { throw TokenizerError(.malformed, "the file holds no tokens") }
        let enc = encoding ?? TiktokenEncoding.guess(path: path, rankCount: ranked.count)
        let specials = enc?.specialTokens ?? []
        let size = max(maxRank + 1, (specials.map { Int($0.1) }.max() ?? -1) + 1)

        var tokens = [[UInt8]](repeating: [], count: size)
        var filled = [Bool](repeating: false, count: size)
        for (rank, token) in ranked {
            guard !filled[rank] else { throw TokenizerError(.malformed, "rank \(rank) appears twice") }
            tokens[rank] = token
            filled[rank] = true
        }
        var special = Set<Int32>()
        var textTokens: [BPETokenizer.TextToken] = []
        var idForText: [String: Int32] = [:]
        for (text, id) in specials {
            guard !filled[Int(id)] else { throw TokenizerError(.malformed, "special token \(text) collides with rank \(id)") }
            tokens[Int(id)] = Array(text.utf8)
            filled[Int(id)] = true
            special.insert(id)
            textTokens.append(.init(text: text, id: id, alwaysParsed: false))
            idForText[text] = id
        }
        for i in 0..<size where !filled[i] { special.insert(Int32(i)) }  // gaps are never producible
        let eos = (enc?.endTokens ?? []).compactMap { idForText[$0] }
        let name = enc?.rawValue ?? (path.split(separator: "/").last.map(String.init) ?? path)
        let vocabulary = TokenVocabulary(tokens: tokens, specialTokenIDs: special, eosTokenIDs: eos, name: "tiktoken:" + name)
        return LoadedTokenizer(
            vocabulary: vocabulary, format: .tiktoken, model: .tiktoken, preTokenizer: enc?.preTokenizer,
            merges: [], ignoreMerges: true, textTokens: textTokens,
            bosTokenID: idForText["<|begin_of_text|>"])
    }
}
