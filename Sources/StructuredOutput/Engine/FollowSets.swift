/// A set of byte values.
struct ByteSet: Hashable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static func == (a: ByteSet, b: ByteSet) -> Bool { a.words == b.words }
    func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }

    @inline(__always) func contains(_ b: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(b & 63)
        switch b >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ lo: UInt8, _ hi: UInt8) {
        for b in Int(lo)...Int(hi) {
            let bit = UInt64(1) << UInt64(b & 63)
            switch b >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    /// Adds the bytes `lo...hi` with one mask per 64-bit word (no per-byte loop).
    @inline(__always) mutating func insertRange(_ lo: UInt8, _ hi: UInt8) {
        guard lo <= hi else { return }
        @inline(__always) func mask(_ w: Int) -> UInt64 {
            let from = max(Int(lo), w * 64), to = min(Int(hi), w * 64 + 63)
            if from > to { return 0 }
            let n = to - from + 1
            let ones: UInt64 = n == 64 ? ~0 : (UInt64(1) << UInt64(n)) - 1
            return ones << UInt64(from - w * 64)
        }
        words = (words.0 | mask(0), words.1 | mask(1), words.2 | mask(2), words.3 | mask(3))
    }

    /// Calls `body` with each byte of the set, in increasing order (over a snapshot: `body` may
    /// change the variable the set came from).
    @inline(__always) func forEachByte(_ body: (UInt8) -> Void) {
        let all = words
        for w in 0..<4 {
            var bits = w == 0 ? all.0 : w == 1 ? all.1 : w == 2 ? all.2 : all.3
            while bits != 0 {
                body(UInt8(w * 64 + bits.trailingZeroBitCount))
                bits &= bits &- 1
            }
        }
    }

    /// The bytes in both sets.
    @inline(__always) func intersection(_ other: ByteSet) -> ByteSet {
        ByteSet(words: (words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3))
    }

    mutating func remove(_ b: UInt8) {
        let bit = ~(UInt64(1) << UInt64(b & 63))
        switch b >> 6 {
        case 0: words.0 &= bit
        case 1: words.1 &= bit
        case 2: words.2 &= bit
        default: words.3 &= bit
        }
    }

    /// Adds `other`; returns whether anything was new.
    @discardableResult
    mutating func formUnion(_ other: ByteSet) -> Bool {
        let old = words
        words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
        return old != words
    }

    /// Whether every byte of `other` is in this set.
    @inline(__always) func isSuperset(of other: ByteSet) -> Bool {
        other.words.0 & ~words.0 == 0 && other.words.1 & ~words.1 == 0 && other.words.2 & ~words.2 == 0 && other.words.3 & ~words.3 == 0
    }

    /// The ASCII bytes of the set.
    var ascii: ByteSet { ByteSet(words: (words.0, words.1, 0, 0)) }

    /// Whether no byte is in both sets.
    @inline(__always) func isDisjoint(with other: ByteSet) -> Bool {
        words.0 & other.words.0 == 0 && words.1 & other.words.1 == 0 && words.2 & other.words.2 == 0 && words.3 & other.words.3 == 0
    }

    var isEmpty: Bool { words.0 | words.1 | words.2 | words.3 == 0 }

    /// Number of bytes in the set.
    var count: Int {
        words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
    }

    static let all: ByteSet = { var s = ByteSet(); s.insert(0, 255); return s }()
}

/// FIRST and FOLLOW byte sets of every rule: which bytes can start a rule, and which bytes can come
/// right after a rule ends in some context. Used to drop, per grammar, the uncertain tokens of a mask
/// entry whose leftover bytes after the rule's end can never be consumed (XGrammar's "context expansion",
/// limited to one byte). Over-approximations only: a dropped token is never allowed.
struct FollowSets {
    private(set) var first: [ByteSet]
    private(set) var follow: [ByteSet]

    init(_ grammar: Grammar) {
        let rules = grammar.rules
        let n = rules.count
        var nullable = [Bool](repeating: false, count: n)
        first = Array(repeating: ByteSet(), count: n)
        follow = Array(repeating: ByteSet(), count: n)
        // Nullability (as validated by FlatGrammar).
        func epsilon(_ a: Automaton, from start: Int) -> [Int] {
            if !a.states[start].calls.contains(where: { nullable[Int($0.rule)] }) { return [start] }
            var seen: Set<Int> = [start]
            var work = [start]
            while let s = work.popLast() {
                for c in a.states[s].calls where nullable[Int(c.rule)] && seen.insert(Int(c.target)).inserted { work.append(Int(c.target)) }
            }
            return Array(seen)
        }
        var changed = true
        while changed {
            changed = false
            for (r, rule) in rules.enumerated() where !nullable[r] {
                switch rule.body {
                case .automaton(let a): if epsilon(a, from: 0).contains(where: { a.states[$0].accepting }) { nullable[r] = true; changed = true }
                case .repetition(_, _, let min, _): if min == 0 { nullable[r] = true; changed = true }
                }
            }
        }
        // Continuation of each automaton state: bytes that can come next inside the rule, and whether it may end.
        // Asked only of the start and of the states after a call (a closure per state, with a set
        // each, was most of this pass for a grammar with a key set of hundreds of states).
        var closures: [[[Int]]] = rules.map { rule in
            guard case .automaton(let a) = rule.body else { return [] }
            var list = [[Int]](repeating: [], count: a.states.count)
            list[0] = epsilon(a, from: 0)
            for state in a.states {
                for c in state.calls where list[Int(c.target)].isEmpty { list[Int(c.target)] = epsilon(a, from: Int(c.target)) }
            }
            return list
        }
        func continuation(_ r: Int, _ t: Int) -> (bytes: ByteSet, canEnd: Bool) {
            guard case .automaton(let a) = rules[r].body else { return (ByteSet(), false) }
            var set = ByteSet()
            var end = false
            for s in closures[r][t] {
                for e in a.states[s].bytes { set.insert(e.lo, e.hi) }
                for c in a.states[s].calls { set.formUnion(first[Int(c.rule)]) }
                if a.states[s].accepting { end = true }
            }
            return (set, end)
        }
        changed = true
        while changed {
            changed = false
            for (r, rule) in rules.enumerated() {
                switch rule.body {
                case .automaton: if first[r].formUnion(continuation(r, 0).bytes) { changed = true }
                case .repetition(let item, _, _, let max): if max != 0, first[r].formUnion(first[Int(item)]) { changed = true }
                }
            }
        }
        changed = true
        while changed {
            changed = false
            for (r, rule) in rules.enumerated() {
                switch rule.body {
                case .automaton(let a):
                    for st in a.states {
                        for c in st.calls {
                            let (bytes, end) = continuation(r, Int(c.target))
                            if follow[Int(c.rule)].formUnion(bytes) { changed = true }
                            if end, follow[Int(c.rule)].formUnion(follow[r]) { changed = true }
                        }
                    }
                case .repetition(let item, let sep, _, _):
                    let i = Int(item)
                    if follow[i].formUnion(sep.map { first[Int($0)] } ?? first[i]) { changed = true }
                    if follow[i].formUnion(follow[r]) { changed = true }
                    if let sep, follow[Int(sep)].formUnion(first[i]) { changed = true }
                }
            }
        }
        closures.removeAll()
    }
}
