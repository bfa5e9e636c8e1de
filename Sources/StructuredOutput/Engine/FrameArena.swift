/// Hash-consed parse-stack frames: `(parent, state code, repetition count)`.
///
/// A parse stack is identified by the id of its top frame; parents are shared, so pushes and pops
/// are O(1) and equal stacks have equal ids (interning makes deduplication a comparison of `Int32`s).
/// A parent id `< 0` is the bottom of the stack. Frames are append-only; `truncate(to:)` drops the
/// frames added after a mark (speculative work such as mask computation), which is possible because
/// each hash chain is a LIFO list.
final class FrameArena {
    @exclusivity(unchecked) private(set) var parent: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private(set) var state: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private(set) var count: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private(set) var depth: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var chain: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var buckets: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var bucketMask: Int
    @exclusivity(unchecked) private(set) var capacity: Int
    /// Number of frames.
    @exclusivity(unchecked) private(set) var size: Int = 0
    /// Pushes that would make a stack deeper than this fail (`intern` returns -1).
    @exclusivity(unchecked) var maxDepth: Int32

    init(capacity: Int = 1024, maxDepth: Int32) {
        self.capacity = max(capacity, 16)
        self.maxDepth = maxDepth
        parent = .allocate(capacity: self.capacity)
        state = .allocate(capacity: self.capacity)
        count = .allocate(capacity: self.capacity)
        depth = .allocate(capacity: self.capacity)
        chain = .allocate(capacity: self.capacity)
        let buckets = self.capacity * 2
        self.buckets = .allocate(capacity: buckets)
        self.buckets.initialize(repeating: -1, count: buckets)
        bucketMask = buckets - 1
    }

    /// A deep copy (used when a forked matcher is first mutated).
    init(copying other: FrameArena) {
        capacity = other.capacity
        maxDepth = other.maxDepth
        size = other.size
        bucketMask = other.bucketMask
        parent = .allocate(capacity: capacity); parent.initialize(from: other.parent, count: size)
        state = .allocate(capacity: capacity); state.initialize(from: other.state, count: size)
        count = .allocate(capacity: capacity); count.initialize(from: other.count, count: size)
        depth = .allocate(capacity: capacity); depth.initialize(from: other.depth, count: size)
        chain = .allocate(capacity: capacity); chain.initialize(from: other.chain, count: size)
        buckets = .allocate(capacity: bucketMask + 1); buckets.initialize(from: other.buckets, count: bucketMask + 1)
    }

    deinit {
        parent.deallocate(); state.deallocate(); count.deallocate(); depth.deallocate()
        chain.deallocate(); buckets.deallocate()
    }

    @inline(__always) private func hash(_ p: Int32, _ s: Int32, _ c: Int32) -> Int {
        var h = UInt64(UInt32(bitPattern: p)) &* 0x9E37_79B9_7F4A_7C15
        h ^= UInt64(UInt32(bitPattern: s)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= UInt64(UInt32(bitPattern: c)) &* 0x1656_67B1_9E37_79F9
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & bucketMask
    }

    /// The id of frame `(p, s, c)`, created if needed; -1 when it would exceed `maxDepth`.
    @inline(__always) func intern(_ p: Int32, _ s: Int32, _ c: Int32) -> Int32 {
        let h = hash(p, s, c)
        var i = buckets[h]
        while i >= 0 {
            let k = Int(i)
            if state[k] == s && parent[k] == p && count[k] == c { return i }
            i = chain[k]
        }
        let d: Int32 = p < 0 ? 1 : depth[Int(p)] + 1
        if d > maxDepth { return -1 }
        let grew = size == capacity
        if grew { grow() }
        let n = size
        parent[n] = p; state[n] = s; count[n] = c; depth[n] = d
        let h2 = grew ? hash(p, s, c) : h
        chain[n] = buckets[h2]
        buckets[h2] = Int32(n)
        size = n + 1
        return Int32(n)
    }

    /// Drops every frame created after `mark` (the arena had `mark` frames then).
    func truncate(to mark: Int) {
        guard mark < size else { return }
        var i = size - 1
        while i >= mark {
            buckets[hash(parent[i], state[i], count[i])] = chain[i]
            i -= 1
        }
        size = mark
    }

    /// Removes all frames.
    func removeAll() {
        buckets.update(repeating: -1, count: bucketMask + 1)
        size = 0
    }

    private func grow() {
        let newCap = capacity * 2
        func re<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let q = UnsafeMutablePointer<T>.allocate(capacity: newCap)
            q.moveInitialize(from: p, count: size)
            p.deallocate()
            return q
        }
        parent = re(parent); state = re(state); count = re(count); depth = re(depth); chain = re(chain)
        capacity = newCap
        buckets.deallocate()
        buckets = .allocate(capacity: newCap * 2)
        buckets.initialize(repeating: -1, count: newCap * 2)
        bucketMask = newCap * 2 - 1
        // Re-insert in creation order so every chain stays newest-first (truncate relies on it).
        for k in 0..<size {
            let h = hash(parent[k], state[k], count[k])
            chain[k] = buckets[h]
            buckets[h] = Int32(k)
        }
    }
}
