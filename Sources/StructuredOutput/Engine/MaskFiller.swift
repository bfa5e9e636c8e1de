/// Runtime mask computation: OR of the cached "accepted" sets of every live stack's top position,
/// plus the uncertain tokens of those positions whose leftover bytes the real stack below accepts.
extension MatcherCore {
    /// Writes the mask of the current state into `mask` (all words are written).
    func fillMask(_ mask: UnsafeMutableBufferPointer<UInt32>) {
        guard let base = mask.baseAddress else { return }
        let index = grammar.tokenizer
        let words = min(mask.count, index.maskWordCount)
        if let hit = recentMasks.firstIndex(where: { $0.key == current }) {
            recentMasks[hit].mask.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: words) }
            if mask.count > words { (base + words).update(repeating: 0, count: mask.count - words) }
            return
        }
        base.update(repeating: 0, count: mask.count)
        if !current.terminated {
            fillGrammarTokens(base, words: words)
        }
        if current.accepting {
            for e in index.eosTokenIDs where Int(e) < words * 32 { base[Int(e) >> 5] |= 1 << UInt32(e & 31) }
        }
        guard words == index.maskWordCount else { return }
        let saved = Array(UnsafeBufferPointer(start: base, count: words))
        if recentMasks.count < MatcherCore.recentMaskCapacity {
            recentMasks.append((current, saved))
        } else {
            recentMasks[nextRecentSlot] = (current, saved)
            nextRecentSlot = (nextRecentSlot + 1) % MatcherCore.recentMaskCapacity
        }
    }

    private func fillGrammarTokens(_ mask: UnsafeMutablePointer<UInt32>, words: Int) {
        let tops = current.tops
        let mark = arena.size
        resetBudget()
        defer { arena.truncate(to: mark) }
        var entries: [MaskEntry] = []
        entries.reserveCapacity(tops.count)
        var below = [Int32]()   // the frame the uncertain tokens are checked against, per top
        below.reserveCapacity(tops.count)
        @inline(__always) func add(_ e: MaskEntry, below frame: Int32) {
            entries.append(e)
            below.append(frame)
            switch e.accepted {
            case .bits(let bits):
                bits.withUnsafeBufferPointer { b in
                    for w in 0..<words { mask[w] |= b[w] }
                }
            case .list(let ids):
                for id in ids where Int(id) < words * 32 { mask[Int(id) >> 5] |= 1 << UInt32(id & 31) }
            }
        }
        for f in tops {
            let p = arena.parent[Int(f)]
            if p >= 0 && arena.state[Int(p)] < 0 {
                for e in grammar.entries(arena.state[Int(f)], repetition: arena.state[Int(p)], count: arena.count[Int(p)]) {
                    add(e, below: arena.parent[Int(p)])
                }
            } else {
                add(grammar.entry(arena.state[Int(f)]), below: p)
            }
        }
        for k in entries.indices where entries[k].hasUncertain {
            checkUncertain(entries[k], parent: below[k], mask, words: words)
        }
    }

    @inline(__always) private func set(_ mask: UnsafeMutablePointer<UInt32>, _ id: Int32, _ words: Int) {
        if Int(id) < words * 32 { mask[Int(id) >> 5] |= 1 << UInt32(id & 31) }
    }

    /// Walks `entry`'s leftover-suffix trie from the closure of `parent` (the rule ended).
    private func checkUncertain(_ entry: MaskEntry, parent: Int32, _ mask: UnsafeMutablePointer<UInt32>, words: Int) {
        stepper.close(parent)
        let rootLen = stepper.outCount
        if rootLen > 0 || stepper.reachedBottom {
            for t in entry.endTokens { set(mask, t, words) }
        }
        if rootLen == 0 || entry.suffixByte.isEmpty { return }
        // Bytes the stack below can take first: prunes the first level without stepping.
        var firstBytes = ByteSet()
        let t = grammar.tables
        for k in 0..<rootLen {
            let s = Int(arena.state[Int(stepper.out[k])])
            for e in Int(t.byteStart[s]) ..< Int(t.byteStart[s + 1]) { firstBytes.insert(t.edgeLo[e], t.edgeHi[e]) }
        }
        let maxDepth = grammar.tokenizer.maxTokenLength + 1
        var cfg = [Int32](repeating: 0, count: max(64, rootLen * 2))
        var cfgStart = [Int](repeating: 0, count: maxDepth + 1)
        var cfgLen = [Int](repeating: 0, count: maxDepth + 1)
        for k in 0..<rootLen { cfg[k] = stepper.out[k] }
        cfgLen[0] = rootLen
        let n = entry.suffixByte.count
        entry.suffixByte.withUnsafeBufferPointer { sb in
        entry.suffixDepth.withUnsafeBufferPointer { sd in
        entry.suffixSubtreeEnd.withUnsafeBufferPointer { se in
        entry.suffixTokenStart.withUnsafeBufferPointer { ts in
        entry.suffixTokens.withUnsafeBufferPointer { tk in
            var i = 0
            while i < n {
                let d = Int(sd[i])
                if d == 1 && !firstBytes.contains(sb[i]) { i = Int(se[i]); continue }
                let ps = cfgStart[d - 1], pl = cfgLen[d - 1]
                cfg.withUnsafeBufferPointer { c in stepper.step(c.baseAddress! + ps, pl, byte: sb[i]) }
                if stepper.exhausted { return }
                let len = stepper.outCount
                if len > 0 || stepper.reachedBottom {
                    for t in Int(ts[i]) ..< Int(ts[i + 1]) { set(mask, tk[t], words) }
                }
                if len == 0 { i = Int(se[i]); continue }
                let start = ps + pl
                if cfg.count < start + len { cfg += [Int32](repeating: 0, count: start + len) }
                for k in 0..<len { cfg[start + k] = stepper.out[k] }
                cfgStart[d] = start
                cfgLen[d] = len
                i += 1
            }
        }}}}}
    }
}
