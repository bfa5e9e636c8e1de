import Foundation

/// A byte-level BPE encoder (GPT-2, Llama 3, Qwen 2, tiktoken encodings): the text is cut around
/// special tokens, pre-tokenized, and each pre-token's UTF-8 bytes are merged by rank.
///
/// Thread-safe; pre-token results are cached.
public final class BPETokenizer: @unchecked Sendable {
    /// The vocabulary ids index into.
    public let vocabulary: TokenVocabulary
    public let preTokenizer: PreTokenizer
    /// When true, a pre-token that is itself a vocabulary entry is emitted whole, skipping merges
    /// (Llama 3's `ignore_merges`, tiktoken's behaviour).
    public let ignoreMerges: Bool
    /// When true, ordinary text is put in Unicode NFC before pre-tokenization (Qwen's normalizer).
    public let normalizesNFC: Bool

    private let merger: BPEMerger
    private let byteToken: [Int32]
    private let idForBytes: ByteStringTable
    private let specials: SpecialTokenMatcher
    private let cacheLock = NSLock()
    private var cache: [[UInt8]: [Int32]] = [:]
    private static let cacheCapacity = 65_536

    /// A token matched verbatim in the input text instead of going through BPE.
    public struct TextToken: Sendable {
        public let text: String
        public let id: Int32
        /// Matched even when `encode` is called with `parseSpecial: false` (user-defined / non-special
        /// added tokens); otherwise matched only with `parseSpecial: true`.
        public let alwaysParsed: Bool
        public init(text: String, id: Int32, alwaysParsed: Bool) {
            self.text = text
            self.id = id
            self.alwaysParsed = alwaysParsed
        }
    }

    /// Builds an encoder from merge rules given as byte strings, in rank order.
    public convenience init(
        vocabulary: TokenVocabulary, merges: [(left: [UInt8], right: [UInt8])], preTokenizer: PreTokenizer,
        ignoreMerges: Bool = false, textTokens: [TextToken] = [], normalizesNFC: Bool = false
    ) throws {
        let index = Self.normalTokenIndex(vocabulary)
        var rules: [UInt64: BPEMerger.Rule] = [:]
        rules.reserveCapacity(merges.count)
        var scratch: [UInt8] = []
        for (rank, m) in merges.enumerated() {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: m.left)
            scratch.append(contentsOf: m.right)
            Self.addRule(&rules, index: index, joined: scratch, cut: m.left.count, rank: Int32(truncatingIfNeeded: rank))
        }
        try self.init(vocabulary: vocabulary, rules: rules, index: index, preTokenizer: preTokenizer,
                      ignoreMerges: ignoreMerges, textTokens: textTokens, normalizesNFC: normalizesNFC)
    }

    /// Builds an encoder from merge rules written in GPT-2's byte-level spelling ("Ġ t"), in rank order.
    public convenience init(
        vocabulary: TokenVocabulary, byteLevelMerges merges: [String], preTokenizer: PreTokenizer,
        ignoreMerges: Bool = false, textTokens: [TextToken] = [], normalizesNFC: Bool = false
    ) throws {
        let index = Self.normalTokenIndex(vocabulary)
        var rules: [UInt64: BPEMerger.Rule] = [:]
        rules.reserveCapacity(merges.count)
        var scratch: [UInt8] = []
        for (rank, m) in merges.enumerated() {
            scratch.removeAll(keepingCapacity: true)
            var cut = -1
            var text = m
            text.withUTF8 { ByteLevel.decodeMerge($0, into: &scratch, cut: &cut) }
            guard cut > 0 else { continue }
            Self.addRule(&rules, index: index, joined: scratch, cut: cut, rank: Int32(truncatingIfNeeded: rank))
        }
        try self.init(vocabulary: vocabulary, rules: rules, index: index, preTokenizer: preTokenizer,
                      ignoreMerges: ignoreMerges, textTokens: textTokens, normalizesNFC: normalizesNFC)
    }

    @inline(__always)
    private static func addRule(_ rules: inout [UInt64: BPEMerger.Rule], index: ByteStringTable, joined: [UInt8], cut: Int, rank: Int32) {
        joined.withUnsafeBufferPointer { j in
            guard cut > 0, cut < j.count,
                  let a = index.id(UnsafeBufferPointer(rebasing: j[..<cut])),
                  let b = index.id(UnsafeBufferPointer(rebasing: j[cut...])),
                  let ab = index.id(j) else { return }
            let key = BPEMerger.key(a, b)
            if rules[key] == nil { rules[key] = BPEMerger.Rule(rank: rank, id: ab) }
        }
    }

    /// Builds a tiktoken-style encoder, where a token's rank is its id and any two adjacent parts
    /// whose concatenation is a token may merge.
    public static func rankedVocabulary(
        _ vocabulary: TokenVocabulary, preTokenizer: PreTokenizer, textTokens: [TextToken] = []
    ) throws -> BPETokenizer {
        let index = normalTokenIndex(vocabulary)
        var rules: [UInt64: BPEMerger.Rule] = [:]
        for (id, bytes) in vocabulary.tokens.enumerated() where bytes.count >= 2 {
            guard index.id(bytes) == Int32(id) else { continue }
            for cut in 1..<bytes.count {
                addRule(&rules, index: index, joined: bytes, cut: cut, rank: Int32(id))
            }
        }
        return try BPETokenizer(vocabulary: vocabulary, rules: rules, index: index, preTokenizer: preTokenizer,
                                ignoreMerges: true, textTokens: textTokens, normalizesNFC: false)
    }

    private init(
        vocabulary: TokenVocabulary, rules: [UInt64: BPEMerger.Rule], index: ByteStringTable,
        preTokenizer: PreTokenizer, ignoreMerges: Bool, textTokens: [TextToken], normalizesNFC: Bool
    ) throws {
        var byteToken = [Int32](repeating: -1, count: 256)
        for b in 0..<256 {
            guard let id = index.id([UInt8(b)]) else {
                throw TokenizerError(.unsupported, "the vocabulary has no token for byte 0x\(String(b, radix: 16)), so byte-level BPE cannot encode every text")
            }
            byteToken[b] = id
        }
        self.vocabulary = vocabulary
        self.preTokenizer = preTokenizer
        self.ignoreMerges = ignoreMerges
        self.normalizesNFC = normalizesNFC
        self.merger = BPEMerger(rules: rules)
        self.byteToken = byteToken
        self.idForBytes = index
        self.specials = SpecialTokenMatcher(textTokens.filter { !$0.text.isEmpty && Int($0.id) < vocabulary.count && $0.id >= 0 })
    }

    /// Bytes → id for every non-special token (the lowest id wins on duplicates).
    static func normalTokenIndex(_ v: TokenVocabulary) -> ByteStringTable {
        var index = ByteStringTable(capacity: v.count)
        for (id, bytes) in v.tokens.enumerated() where !bytes.isEmpty && !v.specialTokenIDs.contains(Int32(id)) {
            index.insertIfAbsent(bytes, id: Int32(id))
        }
        return index
    }

    /// Number of merge rules in use.
    public var mergeRuleCount: Int { merger.rules.count }

    /// Encodes `text`. Added/user-defined tokens always match verbatim; control tokens
    /// (`<|eot_id|>` …) are recognised only when `parseSpecial` is true, otherwise they are plain text.
    public func encode(_ text: String, parseSpecial: Bool = false) throws -> [Int32] {
        let utf8 = Array(text.utf8)
        var out: [Int32] = []
        out.reserveCapacity(utf8.count / 3 + 1)
        for fragment in specials.split(utf8, parseSpecial: parseSpecial) {
            switch fragment {
            case .token(let id): out.append(id)
            case .text(let range): try encodeOrdinary(utf8[range], into: &out)
            }
        }
        return out
    }

    private func encodeOrdinary(_ bytes: ArraySlice<UInt8>, into out: inout [Int32]) throws {
        var text = String(decoding: bytes, as: UTF8.self)
        if normalizesNFC { text = text.precomposedStringWithCanonicalMapping }
        let utf8 = Array(text.utf8)
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var o = 0
        for s in scalars {
            offsets.append(o)
            o += UTF8.width(s)
        }
        offsets.append(o)
        for piece in try preTokenizer.split(scalars) {
            let pieceBytes = Array(utf8[offsets[piece.lowerBound]..<offsets[piece.upperBound]])
            out.append(contentsOf: encodePiece(pieceBytes))
        }
    }

    /// BPE over one pre-token's bytes.
    func encodePiece(_ bytes: [UInt8]) -> [Int32] {
        if bytes.count == 1 { return [byteToken[Int(bytes[0])]] }
        if ignoreMerges, let id = idForBytes.id(bytes) { return [id] }
        cacheLock.lock()
        let hit = cache[bytes]
        cacheLock.unlock()
        if let hit { return hit }
        let ids = merger.merge(bytes.map { byteToken[Int($0)] })
        cacheLock.lock()
        if cache.count >= Self.cacheCapacity { cache.removeAll(keepingCapacity: true) }
        cache[bytes] = ids
        cacheLock.unlock()
        return ids
    }

    /// The bytes the ids stand for, concatenated (special tokens contribute their text form).
    /// Ids outside the vocabulary contribute nothing.
    public func decode(_ ids: [Int32]) -> [UInt8] {
        var out: [UInt8] = []
        for id in ids where id >= 0 && Int(id) < vocabulary.count { out.append(contentsOf: vocabulary.tokens[Int(id)]) }
        return out
    }
}
