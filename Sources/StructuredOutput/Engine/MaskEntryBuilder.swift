import Foundation

/// Builds the `MaskEntry` of one grammar position by walking the token trie through the rule with a
/// local stack whose bottom stands for the unknown context (XGrammar's "adaptive token mask cache",
/// computed lazily per position).
///
/// At trie depth `d` the walk holds the set of local byte-ready stacks after the first `d` bytes and
/// whether the rule could end (pop into the context) right after byte `k` for each `k <= d`. A token
/// is *accepted* if some local stack survives all its bytes, *uncertain* (kept with each leftover
/// suffix) if the rule could end on the way, and rejected otherwise; once no local stack survives, the
/// whole subtree is uncertain or rejected at once. Configurations (sorted frame sets) are interned and
/// their steps memoized per `(configuration, byte)`, so the many-branch walks (a JSON value start) cost
/// a table lookup per trie node; and whole subtrees are accepted without visiting them when every byte
/// they use keeps the walk alive (`selfLoop`: a free string body or a pattern DFA inside a string) or
/// only adds items to a repetition with room for them (`countedLoop`: a length-limited string).
///
/// Not thread-safe: `CompiledGrammar` owns one and calls it under its lock. Its tables persist across
/// builds of the same grammar (bounded by `retainedConfigLimit`).
final class MaskEntryBuilder {
    private let tables: GrammarTables
    private let index: TokenizerIndex
    private let arena: FrameArena
    private let stepper: StackStepper
    // Interned configurations: id 0 is the empty one; configuration c is configFrames[configStart[c] ..< configStart[c + 1]].
    @exclusivity(unchecked) private var configFrames: [Int32] = []
    @exclusivity(unchecked) private var configStart: [Int32] = [0, 0]
    // Open-addressing table of configuration ids by their frames (-1 = empty slot), so interning the
    // result of a step allocates nothing; and per configuration the bytes its frames have edges on
    // (any other byte steps to the empty configuration: the loop analyses below skip those bytes).
    @exclusivity(unchecked) private var configTable: [Int32] = [Int32](repeating: -1, count: 1024)
    @exclusivity(unchecked) private var configLive: [ByteSet] = [ByteSet()]
    // Per configuration: known to have neither loop below (no counted loop, and a self-loop analysis
    // found no safe or looping byte), so the walk skips both tests. The empty configuration too.
    @exclusivity(unchecked) private var noLoop: [Bool] = [true]
    // Memo: key configuration * 256 + byte -> result configuration * 2 + reachedBottom, -1 = unknown.
    // Direct for the first `memoConfigLimit` configurations; later ones go through a direct-mapped
    // table (a collision only costs a step again), so big grammars whose walks create thousands of
    // configurations still pay a lookup per trie node, not a closure.
    @exclusivity(unchecked) private var memo: [Int32] = []
    private static let memoConfigLimit = 2048
    @exclusivity(unchecked) private var memoKeys: [Int] = []
    @exclusivity(unchecked) private var memoValues: [Int32] = []
    private static let memoTableBits = 17
    private static let retainedConfigLimit = 16_384
    // Per configuration: bytes that lead back to the same configuration (the rule may also end there)
    // (computed on demand; nil = not yet). A subtree using only such bytes is accepted wholesale.
    struct SelfLoop {
        /// Every string over these bytes keeps a local stack alive.
        var safe: ByteSet
        /// Bytes leading straight back to the configuration.
        var exact: ByteSet
        /// Every UTF-8 multi-byte character leads back to the configuration, alive all along (nil:
        /// not explored yet).
        var utf8: Bool?
    }
    @exclusivity(unchecked) private var selfLoops: [SelfLoop?] = []
    @exclusivity(unchecked) private var selfLoopDemand: [Int32] = []
    // Per configuration: (bytes that move to the next item of the same repetition, items left), see `countedLoop`.
    @exclusivity(unchecked) private var countedLoopBytes: [ByteSet] = []
    @exclusivity(unchecked) private var countedLoopCapacity: [Int32] = []   // Int32.min: not computed yet
    @exclusivity(unchecked) private var countedLoopUTF8: [Bool] = []
    // First-level subtree walks by (configuration after the byte * 2 + rule could end, node, follow):
    // the accepted ranges of `TokenizerIndex.nodeTokens` and the uncertain (token, offset) pairs.
    struct RootKey: Hashable {
        var config: Int32
        var node: Int32
        var follow: ByteSet
    }
    struct RootSubtree {
        var ranges: [(from: Int32, to: Int32)]
        var uncertain: [(token: Int32, offset: Int32)]
    }
    @exclusivity(unchecked) private var rootMemo: [RootKey: RootSubtree] = [:]
    @exclusivity(unchecked) private var rootMemoSize = 0
    @exclusivity(unchecked) private var recordedRanges: [(from: Int32, to: Int32)] = []
    private static let rootMemoMaxRanges = 4096
    private static let rootMemoMinVisits = 128
    private static let rootMemoCapacity = 1 << 20

    init(tables: GrammarTables, index: TokenizerIndex, maxStacks: Int) {
        self.tables = tables
        self.index = index
        arena = FrameArena(capacity: 256, maxDepth: .max)
        stepper = StackStepper(tables: tables, arena: arena, maxStacks: maxStacks)
    }

    /// The entry of automaton state `state` (a global state code with byte edges). Uncertain tokens
    /// are kept only when their leftover is empty or starts with a byte of `follow` (the bytes that can
    /// come after the rule anywhere in the grammar).
    ///
    /// With `parent` (a repetition frame's state code and count), the walk starts one level deeper:
    /// the rule returns into that repetition, and `follow` is then the repetition rule's.
    func build(state: Int32, follow: ByteSet, parent: (code: Int32, count: Int32)? = nil) -> MaskEntry {
        // Configurations, their steps and loop analyses are pure functions of the grammar, so they are
        // kept from one build to the next (consecutive counts of a repetition share almost all of
        // them); the tables are dropped once they grow past `retainedConfigLimit`.
        if rootMemoSize > MaskEntryBuilder.rootMemoCapacity {
            rootMemo.removeAll()
            rootMemoSize = 0
        }
        if configStart.count > MaskEntryBuilder.retainedConfigLimit || arena.size > 1 << 20 {
            rootMemo.removeAll()
            rootMemoSize = 0
            arena.removeAll()
            configFrames.removeAll()
            configStart = [0, 0]
            configTable = [Int32](repeating: -1, count: 1024)
            configLive = [ByteSet()]
            noLoop = [true]
            memo.removeAll()
            memoKeys.removeAll()
            memoValues.removeAll()
            selfLoops.removeAll()
            selfLoopDemand.removeAll()
            countedLoopBytes.removeAll()
            countedLoopCapacity.removeAll()
            countedLoopUTF8.removeAll()
            countedShapes.removeAll()
        }
        let bottom = parent.map { arena.intern(-1, $0.code, $0.count) } ?? -1
        let root = intern([arena.intern(bottom, state, 0)])

        let words = index.maskWordCount
        let maxDepth = index.maxTokenLength + 1
        // Scratch as raw buffers: the loop below must not touch boxed captures or array headers.
        let bits = UnsafeMutablePointer<UInt32>.allocate(capacity: words)
        bits.initialize(repeating: 0, count: words)
        // The configuration (interned) after the first d bytes of the current path.
        let cfg = UnsafeMutablePointer<Int32>.allocate(capacity: maxDepth + 2)
        // popAt[d]: the rule can end right after d bytes on the current path; usefulBefore[d]: number of
        // such offsets k < d whose next byte (on the path) can follow the rule.
        let popAt = UnsafeMutablePointer<Bool>.allocate(capacity: maxDepth + 2)
        let usefulBefore = UnsafeMutablePointer<Int>.allocate(capacity: maxDepth + 2)
        let pathNode = UnsafeMutablePointer<Int>.allocate(capacity: maxDepth + 2)   // trie node at each depth of the current path
        defer { bits.deallocate(); cfg.deallocate(); popAt.deallocate(); usefulBefore.deallocate(); pathNode.deallocate() }
        cfg.initialize(repeating: 0, count: maxDepth + 2)
        popAt.initialize(repeating: false, count: maxDepth + 2)
        usefulBefore.initialize(repeating: 0, count: maxDepth + 2)
        pathNode.initialize(repeating: 0, count: maxDepth + 2)
        cfg[0] = root
        var acceptedCount = 0
        var uncertain: [(token: Int32, offset: Int32)] = []

        let nodeCount = index.trieNodeCount
        index.nodeByte.withUnsafeBufferPointer { nodeByte in
        index.nodeDepth.withUnsafeBufferPointer { nodeDepth in
        index.nodeSubtreeEnd.withUnsafeBufferPointer { subtreeEnd in
        index.nodeTokenStart.withUnsafeBufferPointer { tokStart in
        index.nodeTokens.withUnsafeBufferPointer { nodeTokens in
        index.nodeByteSet.withUnsafeBufferPointer { nodeByteSet in
        index.subtreeByteSets.withUnsafeBufferPointer { subtreeSets in
        index.subtreeHeights.withUnsafeBufferPointer { subtreeHeights in
        index.subtreeUTF8.withUnsafeBufferPointer { subtreeUTF8 in
        index.descendantByteSets.withUnsafeBufferPointer { descendantSets in
        index.descendantHeights.withUnsafeBufferPointer { descendantHeights in
        index.descendantsUTF8.withUnsafeBufferPointer { descendantsUTF8 in
        index.nodeCharacters.withUnsafeBufferPointer { nodeCharacters in
        index.nodeEndsCharacter.withUnsafeBufferPointer { nodeEndsCharacter in
        index.nodeHeights.withUnsafeBufferPointer { nodeHeights in
            /// Records every token of node `j` as uncertain at the useful offsets `< d`, and at `d` if `atD`.
            func collect(_ j: Int, _ d: Int, atD: Bool, into out: inout [(token: Int32, offset: Int32)]) {
                for t in Int(tokStart[j]) ..< Int(tokStart[j + 1]) {
                    let id = nodeTokens[t]
                    if usefulBefore[d] > 0 {
                        for k in 1 ..< d where popAt[k] && follow.contains(nodeByte[pathNode[k + 1]]) {
                            out.append((id, Int32(k)))
                        }
                    }
                    if atD { out.append((id, Int32(d))) }
                }
            }
            @inline(__always) func acceptRange(_ from: Int, _ to: Int) {
                for t in from ..< to {
                    let id = Int(nodeTokens[t])
                    bits[id >> 5] |= 1 << UInt32(id & 31)
                }
                acceptedCount += to - from
                if recording != nil && from < to {
                    if let last = recordedRanges.last, last.to == Int32(from), recordedRanges.count > recordedFrom {
                        recordedRanges[recordedRanges.count - 1].to = Int32(to)
                    } else {
                        recordedRanges.append((Int32(from), Int32(to)))
                    }
                }
            }
            // The walk of a first-level subtree only depends on the configuration after its byte
            // (and whether the rule could end there): positions whose first byte leads to the same
            // place (the name prefixes of a member-key set all fall into its free state) replay it.
            var recording: RootKey? = nil
            var recordingEnd = 0
            var recordedFrom = 0
            var uncertainFrom = 0
            var visited = 0, visitedFrom = 0
            func finishRecording() {
                guard let key = recording else { return }
                recording = nil
                // Only walks that cost something are worth a table entry (and its lookups).
                guard visited - visitedFrom >= MaskEntryBuilder.rootMemoMinVisits else {
                    recordedRanges.removeSubrange(recordedFrom...)
                    return
                }
                let ranges = recordedRanges[recordedFrom...]
                let more = uncertain[uncertainFrom...]
                recordedRanges.removeSubrange(recordedFrom...)
                guard ranges.count <= MaskEntryBuilder.rootMemoMaxRanges, more.count <= MaskEntryBuilder.rootMemoMaxRanges else { return }
                rootMemoSize += ranges.count + more.count
                rootMemo[key] = RootSubtree(ranges: Array(ranges), uncertain: Array(more))
            }
            var i = 0
            while i < nodeCount {
                visited += 1
                if recording != nil && i >= recordingEnd { finishRecording() }
                let d = Int(nodeDepth[i])
                let b = nodeByte[i]
                pathNode[d] = i
                usefulBefore[d] = d == 1 ? 0 : usefulBefore[d - 1] + (popAt[d - 1] && follow.contains(b) ? 1 : 0)
                let here = cfg[d - 1]
                let setIndex = Int(nodeByteSet[i])
                let loopless = setIndex < 0 || noLoop[Int(here)]
                if !loopless,
                   wholesale(here, subtreeSets[setIndex], height: subtreeHeights[setIndex], utf8: subtreeUTF8[setIndex]) {
                    let end = Int(subtreeEnd[i])
                    acceptRange(Int(tokStart[i]), Int(tokStart[end]))
                    i = end
                    continue
                }
                if !loopless, subtreeUTF8[setIndex], usefulBefore[d] == 0,
                   let loop = countedLoop(here), loop.utf8, loop.bytes.isSuperset(of: subtreeSets[setIndex].ascii),
                   subtreeSets[setIndex].isDisjoint(with: follow), countsOnBottom(here) {
                    // A counted string with less room than the subtree is deep, every path of it plain
                    // characters: a token of n whole characters is accepted when n fits, ends the
                    // repetition (uncertain, nothing left over) when it fills the last item exactly,
                    // and is refused otherwise (what follows is no byte the rule's end allows).
                    let end = Int(subtreeEnd[i])
                    let base = d == 1 ? 0 : Int(nodeCharacters[pathNode[d - 1]])
                    let room = Int(loop.capacity)
                    var j = i
                    while j < end {
                        let n = Int(nodeCharacters[j]) - base
                        if n + Int(nodeHeights[j]) - 1 <= room {
                            // Each byte below adds at most one character: all of them fit.
                            acceptRange(Int(tokStart[j]), Int(tokStart[Int(subtreeEnd[j])]))
                            j = Int(subtreeEnd[j])
                            continue
                        }
                        if n <= room {
                            acceptRange(Int(tokStart[j]), Int(tokStart[j + 1]))
                            j += 1
                            continue
                        }
                        if n == room + 1 && nodeEndsCharacter[j] {
                            for t in Int(tokStart[j]) ..< Int(tokStart[j + 1]) { uncertain.append((nodeTokens[t], nodeDepth[j])) }
                        }
                        j = Int(subtreeEnd[j])
                    }
                    i = end
                    continue
                }
                let next = step(here, b)
                let popped = next & 1 != 0
                cfg[d] = next >> 1
                popAt[d] = popped
                if d == 1, next >> 1 != 0, Int(subtreeEnd[i]) - i >= MaskEntryBuilder.rootMemoMinVisits, countedLoop(next >> 1) == nil {
                    let key = RootKey(config: next, node: Int32(i), follow: follow)
                    if let known = rootMemo[key] {
                        for (from, to) in known.ranges { acceptRange(Int(from), Int(to)) }
                        uncertain += known.uncertain
                        i = Int(subtreeEnd[i])
                        continue
                    }
                    recording = key
                    recordingEnd = Int(subtreeEnd[i])
                    recordedFrom = recordedRanges.count
                    uncertainFrom = uncertain.count
                    visitedFrom = visited
                }
                if next >> 1 == 0 {
                    // No local stack survives: every token below is uncertain (through a useful pop) or rejected.
                    let end = Int(subtreeEnd[i])
                    if usefulBefore[d] > 0 || popped {
                        collect(i, d, atD: popped, into: &uncertain)
                        var c = i + 1
                        while c < end {
                            let childEnd = Int(subtreeEnd[c])
                            let viaD = popped && follow.contains(nodeByte[c])
                            if usefulBefore[d] > 0 || viaD {
                                // Depth-first so pathNode is right for every node's ancestors.
                                var j = c
                                while j < childEnd {
                                    pathNode[Int(nodeDepth[j])] = j
                                    collect(j, d, atD: viaD, into: &uncertain)
                                    j += 1
                                }
                            }
                            c = childEnd
                        }
                    }
                    i = end
                    continue
                }
                let end = Int(subtreeEnd[i])
                if setIndex >= 0, end - i >= MaskEntryBuilder.rootMemoMinVisits, !noLoop[Int(next >> 1)],
                   wholesale(next >> 1, descendantSets[setIndex], height: descendantHeights[setIndex], utf8: descendantsUTF8[setIndex]) {
                    // The byte of node i leads into a loop that keeps everything below alive (the
                    // first byte of a string body, a key, a number): no need to test each child.
                    acceptRange(Int(tokStart[i]), Int(tokStart[end]))
                    i = end
                    continue
                }
                acceptRange(Int(tokStart[i]), Int(tokStart[i + 1]))
                i += 1
            }
            finishRecording()
        }}}}}}}}}}}}}}}
        let acceptedBits = Array(UnsafeBufferPointer(start: bits, count: words))
        // Sort by leftover bytes (then id) so the entry can lay them out as a depth-first trie. Empty
        // leftovers come first; they are often most of the list (a counted string ending with the
        // token) and need no byte comparison.
        let offsets = index.tokenOffsets
        var ends: [(token: Int32, offset: Int32)] = []
        uncertain.removeAll { u in
            guard offsets[Int(u.token)] + Int(u.offset) == offsets[Int(u.token) + 1] else { return false }
            ends.append(u)
            return true
        }
        ends.sort { $0.token < $1.token }
        index.tokenBytes.withUnsafeBufferPointer { tb in
            let base = tb.baseAddress!
            uncertain.sort { x, y in
                let xs = offsets[Int(x.token)] + Int(x.offset), xe = offsets[Int(x.token) + 1]
                let ys = offsets[Int(y.token)] + Int(y.offset), ye = offsets[Int(y.token) + 1]
                let n = min(xe - xs, ye - ys)
                let c = n == 0 ? 0 : memcmp(base + xs, base + ys, n)
                if c != 0 { return c < 0 }
                if xe - xs != ye - ys { return xe - xs < ye - ys }
                return x.token < y.token
            }
        }
        let pairs = (ends + uncertain).map { (token: $0.token, suffix: index.bytes(of: $0.token).dropFirst(Int($0.offset))) }
        return MaskEntry(acceptedBits: acceptedBits, acceptedCount: acceptedCount, sortedUncertain: pairs)
    }

    /// Whether every path of a trie subtree (its bytes `set`, at most `height` of them on a path,
    /// valid UTF-8 from a character boundary when `utf8`) keeps a local stack alive from configuration
    /// `c`, as one of the loops below proves.
    @inline(__always) private func wholesale(_ c: Int32, _ set: ByteSet, height: Int32, utf8: Bool) -> Bool {
        if let loop = countedLoop(c) {
            // Every byte (or UTF-8 character) below is one more item of a repetition with room for all of them.
            return height <= loop.capacity
                && (loop.bytes.isSuperset(of: set) || (loop.utf8 && utf8 && loop.bytes.isSuperset(of: set.ascii)))
        }
        if let loop = selfLoop(c) {
            // Over the safe bytes, or over ASCII bytes looping back and whole UTF-8 characters that do
            // too (explored on first need: most configurations never get that far).
            if loop.safe.isSuperset(of: set) { return true }
            guard utf8, loop.exact.isSuperset(of: set.ascii) else { return false }
            if let known = loop.utf8 { return known }
            let closes = !loop.exact.isEmpty && utf8Characters(from: c, to: c)
            selfLoops[Int(c)]?.utf8 = closes
            return closes
        }
        return false
    }

    /// The *safe bytes* of configuration `c`: a set B such that every string over B keeps some local
    /// stack alive from `c` (the configurations reachable from `c` over B, at most
    /// `safeClosureLimit` of them, never step to the empty one). A trie subtree using only bytes of B
    /// is accepted wholesale: a free string body (one self-looping configuration) or a pattern's DFA
    /// inside a string (a dozen configurations) then costs a few set tests instead of a vocabulary walk.
    /// Computed once `c` has been asked for a few times, so short walks never pay for it.
    private func selfLoop(_ c: Int32) -> SelfLoop? {
        let k = Int(c)
        if k >= selfLoops.count {
            selfLoops += [SelfLoop?](repeating: nil, count: k + 1 - selfLoops.count)
            selfLoopDemand += [Int32](repeating: 0, count: k + 1 - selfLoopDemand.count)
        }
        if let l = selfLoops[k] { return l }
        selfLoopDemand[k] += 1
        if selfLoopDemand[k] < 6 { return nil }
        // Bytes that lead straight back to `c`: safe by themselves (a string body's plain characters,
        // which the closure below loses as soon as an escape is reachable).
        var exact = ByteSet()
        configLive[k].forEachByte { b in if step(c, b) >> 1 == c { exact.insert(b, b) } }
        let closure = safeClosure(c)
        let loop = SelfLoop(safe: closure.count >= exact.count ? closure : exact, exact: exact, utf8: nil)
        selfLoops[k] = loop
        // Only asked after `countedLoop(c)` found none (see `wholesale`).
        if loop.safe.isEmpty && loop.exact.isEmpty { noLoop[k] = true }
        return loop
    }

    /// Whether every UTF-8 multi-byte character (any valid sequence), read from configuration `c`,
    /// keeps a local stack alive at each byte and ends in configuration `target`. Explores
    /// (configuration, position in the character) pairs, at most `utf8ExplorationLimit` of them.
    private func utf8Characters(from c: Int32, to target: Int32) -> Bool {
        var seen: Set<Int64> = []
        var queue: [(Int32, UInt8)] = []
        @inline(__always) func visit(_ r: Int32, _ u: UInt8) -> Bool {
            if r == 0 { return false }
            if u == 0 { return r == target }
            if seen.insert(Int64(r) << 8 | Int64(u)).inserted { queue.append((r, u)) }
            return true
        }
        for b in 0xC2...0xF4 {
            guard visit(step(c, UInt8(b)) >> 1, UTF8Sequence.next(0, UInt8(b))) else { return false }
        }
        var q = 0
        while q < queue.count {
            if queue.count > MaskEntryBuilder.utf8ExplorationLimit { return false }
            let (r, u) = queue[q]
            q += 1
            for b in 0x80...0xBF {
                let v = UTF8Sequence.next(u, UInt8(b))
                if v == UTF8Sequence.invalid { continue }
                guard visit(step(r, UInt8(b)) >> 1, v) else { return false }
            }
        }
        return true
    }
    private static let utf8ExplorationLimit = 64

    /// The largest byte set found by removing, from all bytes, every byte that kills some configuration
    /// reachable from `c` over the set (empty when more than `safeClosureLimit` configurations are reachable).
    private func safeClosure(_ c: Int32) -> ByteSet {
        var safe = ByteSet.all
        var changed = true
        while changed {
            changed = false
            var seen: Set<Int32> = [c]
            var queue: [Int32] = [c]
            var q = 0
            while q < queue.count {
                let from = queue[q]
                q += 1
                // Bytes without an edge in `from` kill it: dropped without stepping.
                let live = safe.intersection(configLive[Int(from)])
                if live != safe { safe = live; changed = true }
                var overflow = false
                live.forEachByte { b in
                    if overflow { return }
                    let r = step(from, b) >> 1
                    if r == 0 { safe.remove(b); changed = true; return }
                    if seen.insert(r).inserted {
                        queue.append(r)
                        if queue.count > MaskEntryBuilder.safeClosureLimit { overflow = true }
                    }
                }
                if overflow { return ByteSet() }
            }
        }
        return safe
    }
    private static let safeClosureLimit = 12

    /// For a configuration that is a single frame at the start of a repetition item (its parent is
    /// the repetition's after-item frame with count `k`): the bytes that complete this item and start
    /// the next one in exactly the same shape (count `k + 1`, same grandparent), and how many such
    /// bytes in a row the repetition has room for. Nil when it does not apply.
    /// Also whether every UTF-8 multi-byte character is one such item too (`utf8`): a character
    /// uses at least one byte, so the byte height of a subtree still bounds its items.
    private func countedLoop(_ c: Int32) -> (bytes: ByteSet, capacity: Int32, utf8: Bool)? {
        let ci = Int(c)
        if ci < countedLoopCapacity.count, countedLoopCapacity[ci] != Int32.min {
            let cap = countedLoopCapacity[ci]
            return cap > 0 ? (countedLoopBytes[ci], cap, countedLoopUTF8[ci]) : nil
        }
        if ci >= countedLoopCapacity.count {
            let n = max(ci + 1, countedLoopCapacity.count * 2)
            countedLoopBytes += [ByteSet](repeating: ByteSet(), count: n - countedLoopBytes.count)
            countedLoopCapacity += [Int32](repeating: Int32.min, count: n - countedLoopCapacity.count)
            countedLoopUTF8 += [Bool](repeating: false, count: n - countedLoopUTF8.count)
        }
        func record(_ bytes: ByteSet, _ cap: Int32) { countedLoopBytes[ci] = bytes; countedLoopCapacity[ci] = cap; countedLoopUTF8[ci] = false }
        let from = Int(configStart[Int(c)]), to = Int(configStart[Int(c) + 1])
        guard to - from == 1 else { record(ByteSet(), 0); return nil }
        let f = Int(configFrames[from])
        let p = arena.parent[f]
        guard p >= 0, arena.state[Int(p)] < 0 else { record(ByteSet(), 0); return nil }
        let (ri, phase) = FlatGrammar.decodeRepetition(arena.state[Int(p)])
        let k = arena.count[Int(p)]
        let hi = tables.repMax[ri]
        guard phase == 1, tables.repSepCode[ri] == -1, hi >= 0 else { record(ByteSet(), 0); return nil }
        let state = arena.state[f], grand = arena.parent[Int(p)], code = arena.state[Int(p)]
        let capacity = hi - k
        guard capacity > 0 else { record(ByteSet(), capacity); return nil }
        // Counts k and k' with the same side of the minimum step alike (below the maximum), so the
        // loop found for one serves every configuration of the same shape: a walk through a long
        // length-limited string meets a new count at every depth.
        let shape = CountedShape(state: state, code: code, grand: grand, reachedMin: k >= tables.repMin[ri])
        if let known = countedShapes[shape] {
            record(known.bytes, capacity)
            countedLoopUTF8[ci] = known.utf8
            return (known.bytes, capacity, known.utf8)
        }
        var set = ByteSet()
        var next: Int32 = 0   // the configuration every looping byte leads to (frames are interned)
        configLive[ci].forEachByte { b in
            let r = step(c, b)
            guard r >> 1 != 0 else { return }   // ending the repetition too is fine: the item goes on
            let rc = Int(r >> 1)
            let rf = Int(configStart[rc]), rt = Int(configStart[rc + 1])
            guard rt - rf == 1 else { return }
            let g = Int(configFrames[rf])
            let q = arena.parent[g]
            if arena.state[g] == state && q >= 0 && arena.state[Int(q)] == code && arena.count[Int(q)] == k + 1 && arena.parent[Int(q)] == grand {
                set.insert(b, b)
                next = r >> 1
            }
        }
        // A looping byte ends the item counted k and starts another, which needs k < max; so a run of
        // h looping bytes needs k + h - 1 < max.
        record(set, capacity)
        let utf8 = next != 0 && utf8Characters(from: c, to: next)
        countedLoopUTF8[ci] = utf8
        countedShapes[shape] = (set, utf8)
        return (set, capacity, utf8)
    }

    struct CountedShape: Hashable {
        var state: Int32
        var code: Int32
        var grand: Int32
        var reachedMin: Bool
    }
    @exclusivity(unchecked) private var countedShapes: [CountedShape: (bytes: ByteSet, utf8: Bool)] = [:]

    /// Whether configuration `c` (a counted loop) is one frame on the repetition at the bottom of the
    /// walk, so that ending the repetition reaches the unknown context (nothing else stays alive).
    private func countsOnBottom(_ c: Int32) -> Bool {
        let from = Int(configStart[Int(c)]), to = Int(configStart[Int(c) + 1])
        guard to - from == 1 else { return false }
        let p = arena.parent[Int(configFrames[from])]
        return p >= 0 && arena.parent[Int(p)] < 0
    }

    /// The id of the configuration made of `frames` (any order, no duplicates).
    private func intern(_ frames: [Int32]) -> Int32 {
        var copy = frames
        return copy.withUnsafeMutableBufferPointer { intern($0.baseAddress!, $0.count) }
    }

    /// The id of the configuration made of the `n` frames at `frames` (any order, no duplicates;
    /// sorted in place).
    private func intern(_ frames: UnsafeMutablePointer<Int32>, _ n: Int) -> Int32 {
        if n == 0 { return 0 }
        if n > 1 {
            // Insertion sort: configurations are small.
            for i in 1..<n {
                let x = frames[i]
                var j = i - 1
                while j >= 0 && frames[j] > x { frames[j + 1] = frames[j]; j -= 1 }
                frames[j + 1] = x
            }
        }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for i in 0..<n { h = (h ^ UInt64(UInt32(bitPattern: frames[i]))) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 29
        let mask = configTable.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = configTable[slot]
            if id < 0 { break }
            let from = Int(configStart[Int(id)]), to = Int(configStart[Int(id) + 1])
            if to - from == n {
                var same = true
                for i in 0..<n where configFrames[from + i] != frames[i] { same = false; break }
                if same { return id }
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(configStart.count - 1)
        var live = ByteSet()
        for i in 0..<n {
            configFrames.append(frames[i])
            let s = Int(arena.state[Int(frames[i])])
            if s >= 0 {
                for e in Int(tables.byteStart[s]) ..< Int(tables.byteStart[s + 1]) { live.insertRange(tables.edgeLo[e], tables.edgeHi[e]) }
            }
        }
        configStart.append(Int32(configFrames.count))
        configLive.append(live)
        noLoop.append(false)
        configTable[slot] = id
        if Int(id) * 2 >= configTable.count { growConfigTable() }
        return id
    }

    private func growConfigTable() {
        var table = [Int32](repeating: -1, count: configTable.count * 2)
        let mask = table.count - 1
        for id in 1 ..< configStart.count - 1 {
            let from = Int(configStart[id]), to = Int(configStart[id + 1])
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for i in from ..< to { h = (h ^ UInt64(UInt32(bitPattern: configFrames[i]))) &* 0x0000_0100_0000_01B3 }
            h ^= h >> 29
            var slot = Int(truncatingIfNeeded: h) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id)
        }
        configTable = table
    }

    /// The configuration after byte `b` from configuration `c`, as `id * 2 + (rule could end)`; memoized.
    @inline(__always) private func step(_ c: Int32, _ b: UInt8) -> Int32 {
        let key = Int(c) << 8 | Int(b)
        if key < memo.count, memo[key] >= 0 { return memo[key] }
        if c >= MaskEntryBuilder.memoConfigLimit {
            let slot = MaskEntryBuilder.memoSlot(key)
            if slot < memoKeys.count, memoKeys[slot] == key { return memoValues[slot] }
        }
        return stepUncached(c, b, key)
    }

    @inline(__always) private static func memoSlot(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - memoTableBits))
    }

    private func stepUncached(_ c: Int32, _ b: UInt8, _ key: Int) -> Int32 {
        let result: Int32
        if !configLive[Int(c)].contains(b) {
            result = 0   // no frame has an edge on b
        } else {
            let from = Int(configStart[Int(c)]), to = Int(configStart[Int(c) + 1])
            configFrames.withUnsafeBufferPointer { stepper.step($0.baseAddress! + from, to - from, byte: b) }
            result = intern(stepper.out, stepper.outCount) << 1 | (stepper.reachedBottom ? 1 : 0)
        }
        if c < MaskEntryBuilder.memoConfigLimit {
            if key >= memo.count {
                let n = max(key + 1, memo.count * 2, 256 * 16)
                memo += [Int32](repeating: -1, count: n - memo.count)
            }
            memo[key] = result
        } else {
            if memoKeys.isEmpty {
                memoKeys = [Int](repeating: -1, count: 1 << MaskEntryBuilder.memoTableBits)
                memoValues = [Int32](repeating: 0, count: 1 << MaskEntryBuilder.memoTableBits)
            }
            let slot = MaskEntryBuilder.memoSlot(key)
            memoKeys[slot] = key
            memoValues[slot] = result
        }
        return result
    }
}
