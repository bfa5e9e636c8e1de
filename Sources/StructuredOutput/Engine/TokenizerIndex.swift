import Foundation
import Tokenizers

/// Everything the mask engine needs from a `TokenVocabulary`, built once per vocabulary and shared
/// by every grammar compiled against it (see `TokenizerIndex.shared(for:)`).
///
/// Normal tokens (not special, at least one byte) are sorted by bytes and laid out as a prefix trie
/// in depth-first order: node `i` consumes `nodeByte[i]` at depth `nodeDepth[i]` (1-based), its
/// subtree is `i + 1 ..< nodeSubtreeEnd[i]`, and the tokens ending exactly there are
/// `nodeTokens[nodeTokenStart[i] ..< nodeTokenStart[i + 1]]`. Walking it with "skip the subtree on
/// reject" visits each shared prefix once.
public final class TokenizerIndex: @unchecked Sendable {
    /// The vocabulary's `fingerprint`, the key of the shared cache.
    public let fingerprint: UInt64
    /// The vocabulary's name, for dumps.
    public let name: String
    /// Number of token ids with bytes (`TokenVocabulary.count`).
    public let vocabularySize: Int
    /// Width of the logits row; mask bits at or beyond `vocabularySize` are always 0.
    public let logitsSize: Int
    /// `UInt32` words of a token bitmask: `ceil(logitsSize / 32)`.
    public let maskWordCount: Int
    /// End-of-sequence ids (allowed exactly when the grammar accepts).
    public let eosTokenIDs: [Int32]
    /// Byte length of every token id (special tokens included, as their text form).
    public let tokenLengths: [Int32]
    /// Whether each id can ever be produced by a grammar (not special, not empty).
    public let isNormal: [Bool]
    /// Length of the longest normal token.
    public let maxTokenLength: Int

    let tokenOffsets: [Int]      // bytes of id i: tokenBytes[tokenOffsets[i] ..< tokenOffsets[i + 1]]
    let tokenBytes: [UInt8]
    let nodeByte: [UInt8]
    let nodeDepth: [Int32]
    let nodeSubtreeEnd: [Int32]
    let nodeTokenStart: [Int32]  // nodeCount + 1 entries
    let nodeTokens: [Int32]
    /// For nodes whose subtree has at least `byteSetMinSubtree` nodes: index into `subtreeByteSets`
    /// of the set of bytes used anywhere in the subtree (the node's own byte included); -1 otherwise.
    let nodeByteSet: [Int32]
    let subtreeByteSets: [ByteSet]
    /// Bytes from such a node (included) to the end of its longest token.
    let subtreeHeights: [Int32]
    /// For such a node: its path before it ends between UTF-8 characters and every path through its
    /// subtree is valid UTF-8 from there (possibly ending inside a character).
    let subtreeUTF8: [Bool]
    /// For such a node, the same three figures for its descendants only (the node's own byte left
    /// out): what a walk that has just taken the node's byte must check to accept everything below.
    let descendantByteSets: [ByteSet]
    let descendantHeights: [Int32]
    let descendantsUTF8: [Bool]
    /// Per node: whole UTF-8 characters on its path (meaningful while the path is valid UTF-8), and
    /// whether the path ends between characters.
    let nodeCharacters: [Int32]
    let nodeEndsCharacter: [Bool]
    /// Per node: bytes from it (included) to the end of its longest token, for every node (the
    /// subtrees without a byte set included), so a walk counting characters can accept a small
    /// subtree at once.
    let nodeHeights: [Int32]

    /// Number of trie nodes.
    public var trieNodeCount: Int { nodeByte.count }

    /// Builds the index (sorting and trie construction: tens of milliseconds for a 128K vocabulary).
    public convenience init(_ vocab: TokenVocabulary) { self.init(vocab, byteSetMinSubtree: 8) }

    /// `byteSetMinSubtree`: subtrees of at least this many nodes get a byte set (tests use small values).
    convenience init(_ vocab: TokenVocabulary, byteSetMinSubtree: Int) {
        var offsets = [Int](); offsets.reserveCapacity(vocab.count + 1)
        var bytes = [UInt8](); bytes.reserveCapacity(vocab.tokens.reduce(0) { $0 + $1.count })
        var lengths = [Int32](); lengths.reserveCapacity(vocab.count)
        var normal = [Bool](); normal.reserveCapacity(vocab.count)
        for (i, t) in vocab.tokens.enumerated() {
            offsets.append(bytes.count)
            bytes += t
            lengths.append(Int32(t.count))
            normal.append(!t.isEmpty && !vocab.specialTokenIDs.contains(Int32(i)))
        }
        offsets.append(bytes.count)
        // Sort normal ids by their bytes (ties: by id, so duplicates are adjacent and ordered).
        var ids = (0..<vocab.count).filter { normal[$0] }.map { Int32($0) }
        bytes.withUnsafeBufferPointer { b in
            ids.sort { x, y in
                let xs = offsets[Int(x)], xe = offsets[Int(x) + 1], ys = offsets[Int(y)], ye = offsets[Int(y) + 1]
                let n = min(xe - xs, ye - ys)
                let c = n == 0 ? 0 : memcmp(b.baseAddress! + xs, b.baseAddress! + ys, n)
                if c != 0 { return c < 0 }
                if xe - xs != ye - ys { return xe - xs < ye - ys }
                return x < y
            }
        }
        self.init(fingerprint: vocab.fingerprint, name: vocab.name, vocabularySize: vocab.count, logitsSize: vocab.logitsSize,
                  eosTokenIDs: vocab.eosTokenIDs.filter { $0 >= 0 && Int($0) < vocab.logitsSize },
                  tokenOffsets: offsets, tokenBytes: bytes, tokenLengths: lengths, isNormal: normal, sortedIDs: ids,
                  byteSetMinSubtree: byteSetMinSubtree)
    }

    /// The index of the normal tokens `sortedIDs` (sorted by bytes, then id) of a vocabulary.
    private init(fingerprint: UInt64, name: String, vocabularySize: Int, logitsSize: Int, eosTokenIDs: [Int32],
                 tokenOffsets offsets: [Int], tokenBytes bytes: [UInt8], tokenLengths lengths: [Int32], isNormal normal: [Bool],
                 sortedIDs ids: [Int32], byteSetMinSubtree: Int) {
        self.fingerprint = fingerprint
        self.name = name
        self.vocabularySize = vocabularySize
        self.logitsSize = logitsSize
        maskWordCount = (logitsSize + 31) / 32
        self.eosTokenIDs = eosTokenIDs
        tokenOffsets = offsets
        tokenBytes = bytes
        tokenLengths = lengths
        isNormal = normal
        maxTokenLength = Int(zip(lengths, normal).filter(\.1).map(\.0).max() ?? 0)
        self.byteSetMinSubtree = byteSetMinSubtree
        var nb = [UInt8](), nd = [Int32](), ne = [Int32](), nts = [Int32](), nt = [Int32]()
        var open: [Int] = []   // node index per depth - 1 on the current path
        var prev: ArraySlice<UInt8> = []
        for id in ids {
            let tok = bytes[offsets[Int(id)] ..< offsets[Int(id) + 1]]
            var lcp = 0
            while lcp < prev.count && lcp < tok.count && prev[prev.startIndex + lcp] == tok[tok.startIndex + lcp] { lcp += 1 }
            if lcp == tok.count && lcp == prev.count {
                nt.append(id)   // same bytes as the previous token: same node
                continue
            }
            while open.count > lcp { ne[open.removeLast()] = Int32(nb.count) }
            for k in lcp ..< tok.count {
                open.append(nb.count)
                nb.append(tok[tok.startIndex + k]); nd.append(Int32(k + 1)); ne.append(0)
                nts.append(Int32(nt.count))
            }
            nt.append(id)
            prev = tok
        }
        while let o = open.popLast() { ne[o] = Int32(nb.count) }
        nts.append(Int32(nt.count))
        nodeByte = nb; nodeDepth = nd; nodeSubtreeEnd = ne; nodeTokenStart = nts; nodeTokens = nt
        // UTF-8 reader state after each node's path (top-down), `UTF8Sequence.invalid` once broken.
        var utf8After = [UInt8](repeating: 0, count: nb.count)
        var utf8Before = [UInt8](repeating: 0, count: nb.count)
        var utf8Path = [UInt8](repeating: 0, count: maxTokenLength + 2)   // state after the path's first d bytes
        var charsPath = [Int32](repeating: 0, count: maxTokenLength + 2)
        var chars = [Int32](repeating: 0, count: nb.count)
        for j in 0..<nb.count {
            let d = Int(nd[j])
            let before = utf8Path[d - 1]
            let after = before == UTF8Sequence.invalid ? before : UTF8Sequence.next(before, nb[j])
            utf8Before[j] = before
            utf8After[j] = after
            utf8Path[d] = after
            chars[j] = charsPath[d - 1] + (after == 0 ? 1 : 0)
            charsPath[d] = chars[j]
        }
        nodeCharacters = chars
        nodeEndsCharacter = utf8After.map { $0 == 0 }
        // Subtree byte sets, bottom-up (children come after their parent in depth-first order).
        var all = [ByteSet](repeating: ByteSet(), count: nb.count)
        var validBelow = [Bool](repeating: true, count: nb.count)   // no invalid UTF-8 from the node down
        var keptUTF8: [Bool] = []
        var which = [Int32](repeating: -1, count: nb.count)
        var kept: [ByteSet] = []
        var height = [Int32](repeating: 1, count: nb.count)
        var keptHeights: [Int32] = []
        var keptBelow: [ByteSet] = [], keptBelowHeights: [Int32] = [], keptBelowUTF8: [Bool] = []
        var i = nb.count - 1
        while i >= 0 {
            var below = ByteSet()
            var c = i + 1
            let end = Int(ne[i])
            var validChildren = true
            while c < end {
                below.formUnion(all[c]); height[i] = max(height[i], height[c] + 1)
                validChildren = validChildren && validBelow[c]
                c = Int(ne[c])
            }
            var set = below
            set.insert(nb[i], nb[i])
            let valid = utf8After[i] != UTF8Sequence.invalid && validChildren
            all[i] = set
            validBelow[i] = valid
            if end - i >= byteSetMinSubtree {
                which[i] = Int32(kept.count)
                kept.append(set)
                keptHeights.append(height[i])
                keptUTF8.append(utf8Before[i] == 0 && valid)
                keptBelow.append(below)
                keptBelowHeights.append(height[i] - 1)
                keptBelowUTF8.append(utf8After[i] == 0 && validChildren)
            }
            i -= 1
        }
        nodeByteSet = which
        nodeHeights = height
        subtreeByteSets = kept
        subtreeHeights = keptHeights
        subtreeUTF8 = keptUTF8
        descendantByteSets = keptBelow
        descendantHeights = keptBelowHeights
        descendantsUTF8 = keptBelowUTF8
    }

    private let byteSetMinSubtree: Int

    /// Tokens of at most this many bytes form the short part of `lengthPartition`.
    static let shortTokenBytes = 16

    /// The vocabulary split by token length: the index of the tokens of at most `shortTokenBytes`
    /// bytes and that of the longer ones (same ids, mask width and bytes; each its own trie), or nil
    /// when the vocabulary has no token that long. A counted repetition's entry depends on its count
    /// only through the count's distances to the bounds capped past the longest token (a token of n
    /// bytes completes at most n items): 129 distinct distances at the 128K vocabulary, each a walk
    /// of the whole trie, although fewer than 1,400 tokens are longer than 16 bytes. Split, the
    /// short tokens' walk is shared by every distance past 17 and only the small trie of long tokens
    /// is walked per distance. Built on first use (`shared(for:)` builds it with the index).
    var lengthPartition: (short: TokenizerIndex, long: TokenizerIndex)? {
        partitionLock.lock()
        defer { partitionLock.unlock() }
        if let built = partition { return built.parts }
        let limit = Int32(Self.shortTokenBytes)
        var parts: (short: TokenizerIndex, long: TokenizerIndex)? = nil
        if maxTokenLength > Self.shortTokenBytes {
            // nodeTokens lists the normal ids in sorted order already.
            func part(_ long: Bool) -> TokenizerIndex {
                let keep = tokenLengths.indices.map { isNormal[$0] && (tokenLengths[$0] > limit) == long }
                return TokenizerIndex(
                    fingerprint: fingerprint ^ (long ? 0x6C6F_6E67_0000_0000 : 0x7368_6F72_0000_0000) ^ UInt64(limit), name: name,
                    vocabularySize: vocabularySize, logitsSize: logitsSize, eosTokenIDs: eosTokenIDs, tokenOffsets: tokenOffsets,
                    tokenBytes: tokenBytes, tokenLengths: tokenLengths, isNormal: keep,
                    sortedIDs: nodeTokens.filter { keep[Int($0)] }, byteSetMinSubtree: byteSetMinSubtree)
            }
            parts = (part(false), part(true))
        }
        partition = Partition(parts: parts)
        return parts
    }
    private struct Partition { var parts: (short: TokenizerIndex, long: TokenizerIndex)? }
    private var partition: Partition?
    private let partitionLock = NSLock()

    /// The bytes of token `id`.
    public func bytes(of id: Int32) -> ArraySlice<UInt8> {
        tokenBytes[tokenOffsets[Int(id)] ..< tokenOffsets[Int(id) + 1]]
    }

    nonisolated(unsafe) private static var cache: [UInt64: TokenizerIndex] = [:]
    private static let cacheLock = NSLock()

    /// The index of `vocab`, built on first use and cached by `vocab.fingerprint` for the process.
    public static func shared(for vocab: TokenVocabulary) -> TokenizerIndex {
        let key = vocab.fingerprint
        cacheLock.lock()
        if let hit = cache[key] { cacheLock.unlock(); return hit }
        cacheLock.unlock()
        let built = TokenizerIndex(vocab)
        // With the trie, not on the first counted string of the first schema (~50 ms).
        _ = built.lengthPartition
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let hit = cache[key] { return hit }
        cache[key] = built
        return built
    }
}
