/// Builds the `MaskEntry` of one grammar position by walking the token trie through the rule with a
/// local stack whose bottom stands for the unknown context (XGrammar's "adaptive token mask cache",
/// computed lazily per position).
///
/// At trie depth `d` the walk holds the set of local byte-ready stacks after the first `d` bytes and
/// whether the rule could end (pop into the context) right after byte `k` for each `k <= d`. A token
/// is *accepted* if some local stack survives all its bytes, *uncertain* (kept with each leftover
/// suffix) if the rule could end on the way, and rejected otherwise; once no local stack survives, the
/// whole subtree is uncertain or rejected at once. Steps from a single frame are memoized per
/// `(frame, byte)`, which makes the near-full walks (a free string body) a table lookup per trie node.
final class MaskEntryBuilder {
    private let tables: GrammarTables
    private let index: TokenizerIndex
    private let arena: FrameArena
    private let stepper: StackStepper
    // Memo of single-frame steps: key frame * 256 + byte -> (start in pool, count * 2 + reachedBottom), -1 = unknown.
    @exclusivity(unchecked) private var memoStart: [Int32] = []
    @exclusivity(unchecked) private var memoInfo: [Int32] = []
    @exclusivity(unchecked) private var memoPool: [Int32] = []
    private static let memoFrameLimit = 4096

    init(tables: GrammarTables, index: TokenizerIndex, maxStacks: Int) {
        self.tables = tables
        self.index = index
        arena = FrameArena(capacity: 256, maxDepth: .max)
        stepper = StackStepper(tables: tables, arena: arena, maxStacks: maxStacks)
    }

    /// The entry of automaton state `state` (a global state code with byte edges).
    func build(state: Int32) -> MaskEntry {
        arena.removeAll()
        memoStart.removeAll(keepingCapacity: true)
        memoInfo.removeAll(keepingCapacity: true)
        memoPool.removeAll(keepingCapacity: true)
        let root = arena.intern(-1, state, 0)

        let words = index.maskWordCount
        var bits = [UInt32](repeating: 0, count: words)
        var acceptedCount = 0
        var uncertain: [(token: Int32, suffix: ArraySlice<UInt8>)] = []
        let maxDepth = index.maxTokenLength + 1
        // Configurations per depth, stacked in one buffer: depth d occupies cfg[cfgStart[d] ..< cfgStart[d] + cfgLen[d]].
        var cfg = [Int32](repeating: 0, count: 64)
        var cfgStart = [Int](repeating: 0, count: maxDepth + 1)
        var cfgLen = [Int](repeating: 0, count: maxDepth + 1)
        var popAt = [Bool](repeating: false, count: maxDepth + 1)
        var pops = [Int](repeating: 0, count: maxDepth + 1)
        cfg[0] = root
        cfgLen[0] = 1

        let nodeCount = index.trieNodeCount
        index.nodeByte.withUnsafeBufferPointer { nodeByte in
        index.nodeDepth.withUnsafeBufferPointer { nodeDepth in
        index.nodeSubtreeEnd.withUnsafeBufferPointer { subtreeEnd in
        index.nodeTokenStart.withUnsafeBufferPointer { tokStart in
        index.nodeTokens.withUnsafeBufferPointer { nodeTokens in
            var i = 0
            while i < nodeCount {
                let d = Int(nodeDepth[i])
                let ps = cfgStart[d - 1], pl = cfgLen[d - 1]
                let start = ps + pl
                var len = 0
                var popped = false
                if pl == 1 {
                    let f = cfg[ps]
                    if let (ms, info) = memoized(f, nodeByte[i]) {
                        len = Int(info >> 1)
                        popped = info & 1 != 0
                        if cfg.count < start + len { cfg += [Int32](repeating: 0, count: start + len) }
                        for k in 0..<len { cfg[start + k] = memoPool[Int(ms) + k] }
                    }
                } else {
                    cfg.withUnsafeBufferPointer { c in stepper.step(c.baseAddress! + ps, pl, byte: nodeByte[i]) }
                    len = stepper.outCount
                    popped = stepper.reachedBottom
                    if cfg.count < start + len { cfg += [Int32](repeating: 0, count: start + len) }
                    for k in 0..<len { cfg[start + k] = stepper.out[k] }
                }
                cfgStart[d] = start
                cfgLen[d] = len
                popAt[d] = popped
                pops[d] = pops[d - 1] + (popped ? 1 : 0)
                if len == 0 {
                    if pops[d] > 0 {
                        // Every token below ends the rule on the way: uncertain at each pop offset.
                        for j in i ..< Int(subtreeEnd[i]) {
                            for t in Int(tokStart[j]) ..< Int(tokStart[j + 1]) {
                                let id = nodeTokens[t]
                                let bytes = index.bytes(of: id)
                                for k in 1...d where popAt[k] {
                                    uncertain.append((id, bytes[(bytes.startIndex + k)...]))
                                }
                            }
                        }
                    }
                    i = Int(subtreeEnd[i])
                    continue
                }
                for t in Int(tokStart[i]) ..< Int(tokStart[i + 1]) {
                    let id = Int(nodeTokens[t])
                    bits[id >> 5] |= 1 << UInt32(id & 31)
                    acceptedCount += 1
                }
                i += 1
            }
        }}}}}
        return MaskEntry(acceptedBits: bits, acceptedCount: acceptedCount, uncertain: uncertain)
    }

    /// The step of single frame `f` on byte `b`, memoized: (start in `memoPool`, count * 2 + popped).
    @inline(__always) private func memoized(_ f: Int32, _ b: UInt8) -> (Int32, Int32)? {
        let fi = Int(f)
        if fi < MaskEntryBuilder.memoFrameLimit {
            let key = fi << 8 | Int(b)
            if key < memoStart.count, memoStart[key] >= 0 { return (memoStart[key], memoInfo[key]) }
            var one = f
            stepper.step(&one, 1, byte: b)
            let start = Int32(memoPool.count)
            for k in 0..<stepper.outCount { memoPool.append(stepper.out[k]) }
            let info = Int32(stepper.outCount << 1 | (stepper.reachedBottom ? 1 : 0))
            if key >= memoStart.count {
                let n = max(key + 1, memoStart.count * 2, 256 * 16)
                memoStart += [Int32](repeating: -1, count: n - memoStart.count)
                memoInfo += [Int32](repeating: 0, count: n - memoInfo.count)
            }
            memoStart[key] = start
            memoInfo[key] = info
            return (start, info)
        }
        var one = f
        stepper.step(&one, 1, byte: b)
        let start = Int32(memoPool.count)
        for k in 0..<stepper.outCount { memoPool.append(stepper.out[k]) }
        return (start, Int32(stepper.outCount << 1 | (stepper.reachedBottom ? 1 : 0)))
    }
}
