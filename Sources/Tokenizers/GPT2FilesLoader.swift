import Foundation
import JSONSchema

/// Loads OpenAI's original GPT-2 files: `encoder.json` (byte-level token → id) and `vocab.bpe`
/// (merges, one per line after a `#version` header).
public enum GPT2FilesLoader {
    public static func load(encoderPath: String, mergesPath: String, limits: TokenizerLimits = .standard) throws -> LoadedTokenizer {
        let encoderBytes = try HFTokenizerLoader.readFile(encoderPath, limits: limits)
        let mergesBytes = try HFTokenizerLoader.readFile(mergesPath, limits: limits)
        let root: JSONValue
        do { root = try JSONParser().parse(encoderBytes) } catch let e as JSONParseError {
            throw TokenizerError(.malformed, "invalid JSON: \(e.description)", offset: e.offset, file: encoderPath)
        }
        guard let map = root.objectValue else {
            throw TokenizerError(.malformed, "expected an object of token → id", file: encoderPath)
        }
        var byID: [Int: String] = [:]
        var maxID = -1
        for (text, v) in map {
            guard let n = v.numberValue?.int64, n >= 0, n < Int64(limits.maxVocabularySize) else {
                throw TokenizerError(.malformed, "expected a token id", pointer: "/" + pointerToken(text), file: encoderPath)
            }
            byID[Int(n)] = text
            maxID = max(maxID, Int(n))
        }
        guard maxID >= 0 else { throw TokenizerError(.malformed, "the vocabulary is empty", file: encoderPath) }
        var tokens = [[UInt8]](repeating: [], count: maxID + 1)
        var special = Set<Int32>()
        var textTokens: [BPETokenizer.TextToken] = []
        var eos: [Int32] = []
        for i in 0...maxID {
            guard let text = byID[i] else { special.insert(Int32(i)); continue }
            if text.hasPrefix("<|") && text.hasSuffix("|>") {
                // GPT-2's only control token, <|endoftext|>, is written raw rather than byte-level.
                tokens[i] = Array(text.utf8)
                special.insert(Int32(i))
                textTokens.append(.init(text: text, id: Int32(i), alwaysParsed: false))
                if KnownEndTokens.texts.contains(text) { eos.append(Int32(i)) }
            } else {
                tokens[i] = ByteLevel.decode(text)
            }
        }
        var merges: [String] = []
        for var line in mergesBytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: "#version".utf8) || line.isEmpty { continue }
            merges.append(String(decoding: line, as: UTF8.self))
        }
        let vocabulary = TokenVocabulary(tokens: tokens, specialTokenIDs: special, eosTokenIDs: eos, name: "gpt2-files")
        return LoadedTokenizer(
            vocabulary: vocabulary, format: .huggingFace, model: .byteLevelBPE, preTokenizer: .gpt2, merges: merges,
            ignoreMerges: false, textTokens: textTokens, bosTokenID: nil)
    }

    /// True when the JSON text is a flat object whose first member maps a string to an integer
    /// (GPT-2's `encoder.json` / `vocab.json`), as opposed to a `tokenizer.json` document.
    static func isEncoderJSON(_ bytes: [UInt8]) -> Bool {
        // Cheap check on the start: `{"<token>": <digits>`.
        var i = 0
        func skipSpace() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
        i += 1; skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return false }
        i += 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
        i += 1; skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
        i += 1; skipSpace()
        return i < bytes.count && (0x30...0x39).contains(bytes[i])
    }

    /// The merges file that belongs to an encoder file (`encoder.json` → `vocab.bpe`,
    /// `vocab.json` → `merges.txt`, `X.encoder.json` → `X.vocab.bpe`).
    static func mergesPath(forEncoder path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let file = url.lastPathComponent
        var candidates: [String] = []
        if file.hasSuffix("encoder.json") { candidates.append(String(file.dropLast("encoder.json".count)) + "vocab.bpe") }
        if file.hasSuffix("vocab.json") { candidates.append(String(file.dropLast("vocab.json".count)) + "merges.txt") }
        candidates += ["vocab.bpe", "merges.txt"]
        for c in candidates {
            let p = dir.appendingPathComponent(c).path
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }
}
