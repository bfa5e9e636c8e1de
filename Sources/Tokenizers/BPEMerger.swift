/// The byte-pair merge loop for one pre-token: starting from one symbol per byte, repeatedly merge
/// the adjacent pair with the lowest rank (leftmost first on ties) until no pair has a merge rule.
/// A binary heap keyed by (rank, position) makes it O(n log n); stale heap entries are skipped.
struct BPEMerger {
    /// A merge rule's outcome: its rank (lower merges first) and the id of the merged token.
    struct Rule { let rank: Int32; let id: Int32 }

    /// Rules keyed by `left id << 32 | right id`.
    let rules: [UInt64: Rule]

    @inline(__always)
    static func key(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b)) }

    private struct Candidate {
        let rank: Int32
        let left: Int32
        let leftID: Int32
        let rightID: Int32
        @inline(__always) func before(_ o: Candidate) -> Bool { rank != o.rank ? rank < o.rank : left < o.left }
    }

    /// Merges `symbols` (token ids, one per byte to start with) and returns the resulting ids.
    func merge(_ symbols: [Int32]) -> [Int32] {
        let n = symbols.count
        if n < 2 { return symbols }
        var ids = symbols
        var next = [Int32](repeating: -1, count: n)
        var prev = [Int32](repeating: -1, count: n)
        for i in 0..<n { next[i] = i + 1 < n ? Int32(i + 1) : -1; prev[i] = Int32(i - 1) }
        var heap: [Candidate] = []
        heap.reserveCapacity(n)

        func push(_ c: Candidate) {
            heap.append(c)
            var i = heap.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                if heap[i].before(heap[p]) { heap.swapAt(i, p); i = p } else { break }
            }
        }
        func pop() -> Candidate {
            let top = heap[0]
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < heap.count, heap[l].before(heap[m]) { m = l }
                    if r < heap.count, heap[r].before(heap[m]) { m = r }
                    if m == i { break }
                    heap.swapAt(i, m); i = m
                }
            }
            return top
        }
        func consider(_ left: Int32) {
            guard left >= 0 else { return }
            let right = next[Int(left)]
            guard right >= 0 else { return }
            let a = ids[Int(left)], b = ids[Int(right)]
            if let rule = rules[Self.key(a, b)] {
                push(Candidate(rank: rule.rank, left: left, leftID: a, rightID: b))
            }
        }

        for i in 0..<(n - 1) { consider(Int32(i)) }
        while !heap.isEmpty {
            let c = pop()
            let l = Int(c.left)
            // A merged symbol always has a new id, so unchanged ids mean the pair is still current.
            guard ids[l] == c.leftID else { continue }
            let r = next[l]
            guard r >= 0, ids[Int(r)] == c.rightID, let rule = rules[Self.key(c.leftID, c.rightID)] else { continue }
            ids[l] = rule.id
            ids[Int(r)] = -1
            let rr = next[Int(r)]
            next[l] = rr
            if rr >= 0 { prev[Int(rr)] = Int32(l) }
            consider(prev[l])
            consider(Int32(l))
        }
        var out: [Int32] = []
        out.reserveCapacity(n)
        var i: Int32 = 0
        while i >= 0 { out.append(ids[Int(i)]); i = next[Int(i)] }
        return out
    }
}
