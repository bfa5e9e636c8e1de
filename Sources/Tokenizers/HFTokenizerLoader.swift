import Foundation
import JSONSchema

/// Builds a `LoadedTokenizer` from a Hugging Face `tokenizer.json` holding a BPE model — byte-level
/// (GPT-2, Llama 3, Qwen) or SentencePiece-style with byte fallback (`▁`, `<0xNN>`; Llama 2, Mistral).
public enum HFTokenizerLoader {
    /// Reads and parses `path`. `eosTokens` overrides end-of-sequence detection (token texts).
    public static func load(path: String, eosTokens: [String]? = nil, limits: TokenizerLimits = .standard) throws -> LoadedTokenizer {
        try load(path: path, bytes: try readFile(path, limits: limits), eosTokens: eosTokens, limits: limits)
    }

    static func load(path: String, bytes: [UInt8], eosTokens: [String]?, limits: TokenizerLimits) throws -> LoadedTokenizer {
        let loaded: LoadedTokenizer
        do {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            loaded = try load(jsonBytes: bytes, name: name, eosTokens: eosTokens, limits: limits)
        } catch let e as TokenizerError {
            throw e.inFile(path)
        }
        if let width = siblingConfigVocabSize(path), width <= limits.maxVocabularySize { return loaded.withLogitsSize(width) }
        return loaded
    }

    /// `vocab_size` from a `config.json` in the same directory (the model's logits width), if any.
    static func siblingConfigVocabSize(_ path: String) -> Int? {
        let config = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("config.json").path
        guard let data = FileManager.default.contents(atPath: config), data.count < 1 << 22,
              let root = try? JSONParser().parse([UInt8](data)) else { return nil }
        let value = root["vocab_size"] ?? root["text_config"]?["vocab_size"]
        return value?.numberValue?.int64.flatMap { $0 > 0 ? Int($0) : nil }
    }

    /// Parses `tokenizer.json` content.
    public static func load(jsonBytes: [UInt8], name: String, eosTokens: [String]? = nil, limits: TokenizerLimits = .standard) throws -> LoadedTokenizer {
        let root: JSONValue
        do { root = try JSONParser().parse(jsonBytes) } catch let e as JSONParseError {
            throw TokenizerError(.malformed, "invalid JSON: \(e.description)", offset: e.offset)
        }
        guard let model = root["model"]?.objectValue else {
            throw TokenizerError(.missingField, "no \"model\" object", pointer: "/model")
        }
        let type = model["type"]?.stringValue ?? "BPE"
        guard type == "BPE" else {
            throw TokenizerError(.unsupported, "model type \"\(type)\" is not supported (BPE is)", pointer: "/model/type")
        }
        guard let vocab = model["vocab"]?.objectValue else {
            throw TokenizerError(.missingField, "no vocabulary", pointer: "/model/vocab")
        }

        // Collect (id, text, isAdded, isSpecial).
        var byID: [Int: (text: String, added: Bool, special: Bool)] = [:]
        byID.reserveCapacity(vocab.count + 512)
        var maxID = -1
        func id(of v: JSONValue, _ pointer: @autoclosure () -> String) throws -> Int {
            guard let n = v.numberValue?.int64, n >= 0, n < Int64(limits.maxVocabularySize) else {
                throw TokenizerError(.malformed, "expected a token id in 0..<\(limits.maxVocabularySize)", pointer: pointer())
            }
            return Int(n)
        }
        for (text, v) in vocab {
            let i = try id(of: v, "/model/vocab/" + pointerToken(text))
            byID[i] = (text, false, false)
            maxID = max(maxID, i)
        }
        for (k, entry) in (root["added_tokens"]?.arrayValue ?? []).enumerated() {
            guard let content = entry["content"]?.stringValue, let idValue = entry["id"] else {
                throw TokenizerError(.malformed, "an added token needs \"id\" and \"content\"", pointer: "/added_tokens/\(k)")
            }
            let i = try id(of: idValue, "/added_tokens/\(k)/id")
            byID[i] = (content, true, entry["special"]?.boolValue ?? false)
            maxID = max(maxID, i)
        }
        guard maxID >= 0 else { throw TokenizerError(.malformed, "the vocabulary is empty", pointer: "/model/vocab") }

        let byteLevel = mentionsType("ByteLevel", root["decoder"]) || mentionsType("ByteLevel", root["pre_tokenizer"])
        let byteFallback = model["byte_fallback"]?.boolValue ?? false
        let kind: LoadedTokenizer.Model = byteLevel ? .byteLevelBPE : .sentencePiece

        var tokens = [[UInt8]](repeating: [], count: maxID + 1)
        var special = Set<Int32>()
        var textTokens: [BPETokenizer.TextToken] = []
        var textToID: [String: Int32] = [:]
        for i in 0...maxID {
            guard let t = byID[i] else { special.insert(Int32(i)); continue }  // a gap: never producible
            let id32 = Int32(i)
            if t.added {
                tokens[i] = Array(t.text.utf8)
                textTokens.append(.init(text: t.text, id: id32, alwaysParsed: !t.special))
                if t.special { special.insert(id32) }
                textToID[t.text] = id32
            } else if byteLevel {
                tokens[i] = ByteLevel.decode(t.text)
            } else if byteFallback, let b = SentencePiece.byteValue(t.text) {
                tokens[i] = [b]
            } else {
                tokens[i] = SentencePiece.decode(t.text)
            }
        }

        var eos: [Int32] = []
        if let eosTokens {
            for text in eosTokens {
                guard let i = textToID[text] ?? vocabID(text, vocab) else {
                    throw TokenizerError(.missingField, "the EOS token \(text.debugDescription) is not in the vocabulary", pointer: "/added_tokens")
                }
                eos.append(i)
            }
        } else {
            for t in textTokens where KnownEndTokens.texts.contains(t.text) && special.contains(t.id) { eos.append(t.id) }
        }
        eos = Array(Set(eos)).sorted()

        var merges: [String] = []
        if byteLevel, let list = model["merges"]?.arrayValue {
            merges.reserveCapacity(list.count)
            for (k, m) in list.enumerated() {
                if let s = m.stringValue { merges.append(s); continue }
                guard let pair = m.arrayValue, pair.count == 2, let a = pair[0].stringValue, let b = pair[1].stringValue else {
                    throw TokenizerError(.malformed, "a merge must be \"a b\" or [\"a\", \"b\"]", pointer: "/model/merges/\(k)")
                }
                merges.append(a + " " + b)
            }
        }

        let vocabulary = TokenVocabulary(tokens: tokens, specialTokenIDs: special, eosTokenIDs: eos, name: "tokenizer.json:" + name)
        let bos = ["<|begin_of_text|>", "<s>", "<|startoftext|>", "<bos>"].lazy.compactMap { textToID[$0] }.first
        let pre = byteLevel ? preTokenizer(root["pre_tokenizer"]) : nil
        // Llama 3 tokenizers are meant to run with `ignore_merges` (Meta's later tokenizer.json files set
        // it and llama.cpp forces it for this pre-tokenizer); early copies of the file omit it.
        let ignoreMerges = (model["ignore_merges"]?.boolValue ?? false) || pre == .llama3
        return LoadedTokenizer(
            vocabulary: vocabulary, format: .huggingFace, model: kind, preTokenizer: pre,
            merges: merges, ignoreMerges: ignoreMerges, textTokens: textTokens,
            bosTokenID: bos, normalizesNFC: mentionsType("NFC", root["normalizer"]))
    }

    private static func vocabID(_ text: String, _ vocab: JSONObject) -> Int32? {
        vocab[text]?.numberValue?.int64.map { Int32(truncatingIfNeeded: $0) }
    }

    /// True when `value` or one of its nested components (`Sequence`) has `"type": type`.
    static func mentionsType(_ type: String, _ value: JSONValue?) -> Bool {
        guard let value else { return false }
        if value["type"]?.stringValue == type { return true }
        for key in ["pretokenizers", "decoders", "normalizers", "processors"] {
            if let list = value[key]?.arrayValue, list.contains(where: { mentionsType(type, $0) }) { return true }
        }
        return false
    }

    /// The pre-tokenizer: the first `Split` regex, else GPT-2's pattern when a `ByteLevel` step uses its regex.
    static func preTokenizer(_ value: JSONValue?) -> PreTokenizer? {
        guard let value else { return nil }
        if value["type"]?.stringValue == "Split", let pattern = value["pattern"]?["Regex"]?.stringValue {
            return PreTokenizer.forPattern(pattern)
        }
        if value["type"]?.stringValue == "ByteLevel", value["use_regex"]?.boolValue ?? true { return .gpt2 }
        for step in value["pretokenizers"]?.arrayValue ?? [] {
            if let p = preTokenizer(step) { return p }
        }
        return nil
    }

    static func readFile(_ path: String, limits: TokenizerLimits) throws -> [UInt8] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw TokenizerError(.unreadable, "cannot read the file", file: path)
        }
        guard size <= limits.maxTextFileBytes else {
            throw TokenizerError(.limitExceeded, "the file has \(size) bytes (limit \(limits.maxTextFileBytes))", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenizerError(.unreadable, "cannot read the file", file: path)
        }
        return [UInt8](data)
    }
}
