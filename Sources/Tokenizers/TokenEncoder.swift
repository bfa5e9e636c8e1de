/// Text → token ids for one vocabulary. `BPETokenizer` (byte-level BPE, tiktoken) and
/// `SentencePieceTokenizer` conform; `LoadedTokenizer.makeEncoder()` picks the right one.
public protocol TokenEncoder: AnyObject, Sendable {
    /// The vocabulary ids index into.
    var vocabulary: TokenVocabulary { get }
    /// Encodes text without adding BOS/EOS. Verbatim tokens of the vocabulary (user-defined / added)
    /// always match; control tokens (`<|eot_id|>` …) match only when `parseSpecial` is true.
    func encode(_ text: String, parseSpecial: Bool) throws -> [Int32]
    /// The bytes the ids stand for, concatenated (special tokens contribute their text form).
    func decode(_ ids: [Int32]) -> [UInt8]
}
