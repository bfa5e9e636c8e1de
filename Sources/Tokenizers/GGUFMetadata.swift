/// The metadata key/value section of a GGUF file, in file order, with typed accessors for the keys
/// llama.cpp defines (`general.*`, `tokenizer.*`).
public struct GGUFMetadata: Sendable {
    /// Every entry in file order.
    public let entries: [(key: String, value: GGUFValue)]
    private let index: [String: Int]

    public init(entries: [(String, GGUFValue)]) {
        self.entries = entries.map { (key: $0.0, value: $0.1) }
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() { index[e.0] = i }
        self.index = index
    }

    /// The value stored under `key` (the last one, if a key repeats).
    public subscript(key: String) -> GGUFValue? {
        index[key].map { entries[$0].value }
    }

    public var keys: [String] { entries.map(\.key) }

    /// `general.architecture` ("llama", "qwen2", "gemma3" …).
    public var architecture: String? { self["general.architecture"]?.stringValue }
    /// `general.name`.
    public var name: String? { self["general.name"]?.stringValue }
    /// `tokenizer.chat_template`, the Jinja template the model was trained with.
    public var chatTemplate: String? { self["tokenizer.chat_template"]?.stringValue }
    /// `tokenizer.ggml.model` ("gpt2" for byte-level BPE, "llama" for SentencePiece …).
    public var tokenizerModel: String? { self["tokenizer.ggml.model"]?.stringValue }
    /// `tokenizer.ggml.pre`, the pre-tokenizer name ("llama-bpe", "qwen2", "gpt-2" …).
    public var preTokenizer: String? { self["tokenizer.ggml.pre"]?.stringValue }

    /// An integer-valued entry, or `nil` when absent or not an integer.
    public func int(_ key: String) -> Int64? { self[key]?.intValue }

    /// An id-valued entry (`tokenizer.ggml.eos_token_id` …), if present and in `0..<count`.
    public func tokenID(_ key: String, count: Int) -> Int32? {
        guard let v = int(key), v >= 0, v < Int64(count) else { return nil }
        return Int32(v)
    }

    /// A string-array entry; throws when present with the wrong type.
    public func stringArray(_ key: String) throws -> [String]? {
        guard let v = self[key] else { return nil }
        guard case .array(let t, let items) = v, t == .string || items.isEmpty else {
            throw TokenizerError(.malformed, "expected an array of strings, found \(v.type)", pointer: "/metadata/" + pointerToken(key))
        }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items { if case .string(let s) = item { out.append(s) } }
        return out
    }

    /// An integer-array entry; throws when present with the wrong type.
    public func intArray(_ key: String) throws -> [Int64]? {
        guard let v = self[key] else { return nil }
        guard case .array(_, let items) = v else {
            throw TokenizerError(.malformed, "expected an array of integers, found \(v.type)", pointer: "/metadata/" + pointerToken(key))
        }
        var out: [Int64] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard let n = item.intValue else {
                throw TokenizerError(.malformed, "expected an integer, found \(item.type)", pointer: "/metadata/\(pointerToken(key))/\(i)")
            }
            out.append(n)
        }
        return out
    }
}
