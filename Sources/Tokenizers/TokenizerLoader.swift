import Foundation

/// Loads any supported tokenizer file, recognising the format from its content:
/// GGUF (magic `GGUF`), Hugging Face `tokenizer.json` (a JSON object with `"model"`), GPT-2's
/// `encoder.json` + `vocab.bpe` pair, or a tiktoken rank file.
public enum TokenizerLoader {
    /// Loads the tokenizer at `path`.
    /// - Parameters:
    ///   - eosTokens: for `tokenizer.json`, the EOS token texts to use instead of the detected ones.
    ///   - logitsSize: the model's logits width, when known and wider than the vocabulary (GGUF files
    ///     carry it in their tensor directory; a `config.json` beside a `tokenizer.json` is read too).
    public static func load(
        path: String, eosTokens: [String]? = nil, logitsSize: Int? = nil, limits: TokenizerLimits = .standard
    ) throws -> LoadedTokenizer {
        let loaded = try detectAndLoad(path: path, eosTokens: eosTokens, limits: limits)
        guard let logitsSize else { return loaded }
        return loaded.withLogitsSize(logitsSize)
    }

    private static func detectAndLoad(path: String, eosTokens: [String]?, limits: TokenizerLimits) throws -> LoadedTokenizer {
        let prefix = try readPrefix(path, count: 4096)
        if GGUFFile.hasMagic(prefix) { return try GGUFTokenizerLoader.load(path: path, limits: limits) }
        let firstSignificant = prefix.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }.first
        if firstSignificant == UInt8(ascii: "{") {
            let bytes = try HFTokenizerLoader.readFile(path, limits: limits)
            if GPT2FilesLoader.isEncoderJSON(bytes) {
                guard let merges = GPT2FilesLoader.mergesPath(forEncoder: path) else {
                    throw TokenizerError(.missingField, "a GPT-2 encoder.json needs its merges file (vocab.bpe or merges.txt) beside it", file: path)
                }
                return try GPT2FilesLoader.load(encoderPath: path, mergesPath: merges, limits: limits)
            }
            return try HFTokenizerLoader.load(path: path, bytes: bytes, eosTokens: eosTokens, limits: limits)
        }
        if TiktokenLoader.looksLikeTiktoken(prefix) { return try TiktokenLoader.load(path: path, limits: limits) }
        throw TokenizerError(.unknownFormat, "not a GGUF, tokenizer.json, GPT-2 encoder.json or tiktoken file", file: path)
    }

    static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TokenizerError(.unreadable, "cannot open the file for reading", file: path)
        }
        defer { try? handle.close() }
        do { return [UInt8](try handle.read(upToCount: count) ?? Data()) } catch {
            throw TokenizerError(.unreadable, "read failed: \(error)", file: path)
        }
    }
}
