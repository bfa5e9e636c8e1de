/// The memoized token mask of one grammar position (a byte-ready automaton state on top of a stack).
///
/// - `accepted`: tokens whose bytes can be consumed entirely inside the rule (with any callees it
///   pushes): allowed whatever the stack below holds.
/// - The *uncertain* tokens reach the end of the rule with bytes left (possibly none): whether they
///   are allowed depends on the real stack below. Each is stored once per offset at which the rule can
///   end, keyed by its leftover suffix, in a depth-first suffix trie so the runtime walks every shared
///   suffix prefix once against the real stack and skips whole subtrees on the first rejected byte.
final class MaskEntry: @unchecked Sendable {
    enum Accepted {
        /// A full bitset (`maskWordCount` words) when many tokens are accepted.
        case bits([UInt32])
        /// Sorted token ids when they are few (cheaper to store and to OR in).
        case list([Int32])
    }

    let accepted: Accepted
    let acceptedCount: Int
    /// Tokens whose leftover suffix is empty (they end exactly where the rule ends).
    let endTokens: [Int32]
    // Suffix trie of the non-empty leftovers (same layout as the token trie of `TokenizerIndex`).
    let suffixByte: [UInt8]
    let suffixDepth: [Int32]
    let suffixSubtreeEnd: [Int32]
    let suffixTokenStart: [Int32]
    let suffixTokens: [Int32]

    private init(accepted: Accepted, acceptedCount: Int, endTokens: [Int32], suffixByte: [UInt8], suffixDepth: [Int32],
                 suffixSubtreeEnd: [Int32], suffixTokenStart: [Int32], suffixTokens: [Int32]) {
        self.accepted = accepted
        self.acceptedCount = acceptedCount
        self.endTokens = endTokens
        self.suffixByte = suffixByte
        self.suffixDepth = suffixDepth
        self.suffixSubtreeEnd = suffixSubtreeEnd
        self.suffixTokenStart = suffixTokenStart
        self.suffixTokens = suffixTokens
    }

    var hasUncertain: Bool { !endTokens.isEmpty || !suffixByte.isEmpty }
    var uncertainCount: Int { endTokens.count + suffixTokens.count }

    /// `sortedUncertain` must be sorted by suffix bytes, then token id.
    init(acceptedBits: [UInt32], acceptedCount: Int, sortedUncertain sorted: [(token: Int32, suffix: ArraySlice<UInt8>)]) {
        self.acceptedCount = acceptedCount
        if acceptedCount < acceptedBits.count {
            var list = [Int32]()
            list.reserveCapacity(acceptedCount)
            for (w, word) in acceptedBits.enumerated() where word != 0 {
                var x = word
                while x != 0 {
                    list.append(Int32(w * 32 + x.trailingZeroBitCount))
                    x &= x - 1
                }
            }
            accepted = .list(list)
        } else {
            accepted = .bits(acceptedBits)
        }
        var ends = [Int32]()
        var nb = [UInt8](), nd = [Int32](), ne = [Int32](), nts = [Int32](), nt = [Int32]()
        var open: [Int] = []
        var prev: ArraySlice<UInt8> = []
        var havePrev = false
        for (token, suffix) in sorted {
            if suffix.isEmpty { ends.append(token); continue }
            var lcp = 0
            while lcp < prev.count && lcp < suffix.count && prev[prev.startIndex + lcp] == suffix[suffix.startIndex + lcp] { lcp += 1 }
            if havePrev && lcp == suffix.count && lcp == prev.count {
                nt.append(token)
                continue
            }
            while open.count > lcp { ne[open.removeLast()] = Int32(nb.count) }
            for k in lcp ..< suffix.count {
                open.append(nb.count)
                nb.append(suffix[suffix.startIndex + k]); nd.append(Int32(k + 1)); ne.append(0)
                nts.append(Int32(nt.count))
            }
            nt.append(token)
            prev = suffix
            havePrev = true
        }
        while let o = open.popLast() { ne[o] = Int32(nb.count) }
        nts.append(Int32(nt.count))
        endTokens = ends
        suffixByte = nb; suffixDepth = nd; suffixSubtreeEnd = ne; suffixTokenStart = nts; suffixTokens = nt
    }
}
