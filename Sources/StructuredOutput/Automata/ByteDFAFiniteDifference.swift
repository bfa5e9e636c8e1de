extension ByteDFA {
    /// Strings accepted by `self` and not by `finite`, when `self` is minimal (as every builder of this
    /// module returns it) and `finite` accepts finitely many strings (a set of names, spelled).
    ///
    /// The same language as `difference(finite)`, minimized and canonically numbered, without
    /// Hopcroft's refinement: the product's pairs whose `finite` side died are `self`'s states (already
    /// minimal, pairwise distinct), and the other pairs form an acyclic graph (the live part of a
    /// finite language has no cycle), so they are merged bottom-up by signature (accepting, edges to
    /// merged targets), which is exact for acyclic states over a minimal core. `finite` need not be
    /// minimal. Throws past `limits.maxStates` pairs.
    func subtractingFinite(_ finite: ByteDFA, limits: AutomataLimits) throws -> ByteDFA {
        let live = finite.liveStates()
        let core = stateCount
        // Pairs (left state, live right state); ids from `core` on. Dead right side: the left state itself.
        var pairIndex: [Int64: Int] = [:]
        var pairs: [(left: Int, right: Int)] = []
        var pairEdges: [[Edge]] = []   // targets: < core = a core state, else core + pair index
        func id(_ left: Int, _ right: Int?) throws -> Int {
            guard let right, live[right] else { return left }
            let key = Int64(left) << 32 | Int64(right)
            if let known = pairIndex[key] { return core + known }
            guard pairs.count < limits.maxStates else { throw AutomataError("automaton product exceeds \(limits.maxStates) states") }
            pairIndex[key] = pairs.count
            pairs.append((left, right))
            pairEdges.append([])
            return core + pairs.count - 1
        }
        let start = try id(0, 0)
        var cursor = 0
        var cuts: [Int] = []
        while cursor < pairs.count {
            let (left, right) = pairs[cursor]
            cuts.removeAll(keepingCapacity: true)
            for edge in edges[left] { cuts.append(Int(edge.lo)); cuts.append(Int(edge.hi) + 1) }
            for edge in finite.edges[right] { cuts.append(Int(edge.lo)); cuts.append(Int(edge.hi) + 1) }
            cuts.sort()
            var list: [Edge] = []
            var bounds: [Int] = []
            for cut in cuts where bounds.last != cut { bounds.append(cut) }
            for position in 0..<max(0, bounds.count - 1) {
                let cut = bounds[position], end = bounds[position + 1]
                guard let nextLeft = next(left, UInt8(cut)) else { continue }
                let target = Int32(try id(nextLeft, finite.next(right, UInt8(cut))))
                if let last = list.last, last.target == target, Int(last.hi) + 1 == cut {
                    list[list.count - 1].hi = UInt8(end - 1)
                } else {
                    list.append(Edge(lo: UInt8(cut), hi: UInt8(end - 1), target: target))
                }
            }
            pairEdges[cursor] = list
            cursor += 1
        }

        // Merge bottom-up (post-order over the acyclic pairs); core states stand for themselves.
        struct Signature: Hashable {
            var accepting: Bool
            var edges: [Edge]
        }
        var canonical = [Int](repeating: -1, count: pairs.count)   // merged id: < core, or core + representative pair
        var merged: [Int: Signature] = [:]   // representative pair -> its signature
        var bySignature: [Signature: Int] = [:]
        for (state, list) in edges.enumerated() {
            bySignature[Signature(accepting: accepting[state], edges: list)] = state
        }
        func signature(_ p: Int) -> Signature {
            var list: [Edge] = []
            for edge in pairEdges[p] {
                let t = Int(edge.target)
                let target = Int32(t < core ? t : canonical[t - core])
                if let last = list.last, last.target == target, Int(last.hi) + 1 == Int(edge.lo) {
                    list[list.count - 1].hi = edge.hi
                } else {
                    list.append(Edge(lo: edge.lo, hi: edge.hi, target: target))
                }
            }
            let (left, right) = pairs[p]
            return Signature(accepting: accepting[left] && !finite.accepting[right], edges: list)
        }
        var stack: [(pair: Int, expanded: Bool)] = start >= core ? [(start - core, false)] : []
        var entered = [Bool](repeating: false, count: pairs.count)
        while let (p, expanded) = stack.popLast() {
            if expanded {
                let s = signature(p)
                if let known = bySignature[s] {
                    canonical[p] = known
                } else {
                    canonical[p] = core + p
                    bySignature[s] = core + p
                    merged[p] = s
                }
                continue
            }
            if entered[p] { continue }
            entered[p] = true
            stack.append((p, true))
            for edge in pairEdges[p] where Int(edge.target) >= core && !entered[Int(edge.target) - core] {
                stack.append((Int(edge.target) - core, false))
            }
        }

        // Renumber breadth-first from the start, edges in byte order (the canonical form of `minimized`).
        func outgoing(_ state: Int) -> (Bool, [Edge]) {
            if state < core { return (accepting[state], edges[state]) }
            let s = merged[state - core] ?? signature(state - core)
            return (s.accepting, s.edges)
        }
        let root = start < core ? start : canonical[start - core]
        var number: [Int: Int32] = [root: 0]
        var order = [root]
        var newEdges: [[Edge]] = []
        var newAccepting: [Bool] = []
        var at = 0
        while at < order.count {
            let (accepts, list) = outgoing(order[at])
            at += 1
            newAccepting.append(accepts)
            newEdges.append(list.map { edge in
                let t = Int(edge.target)
                if let known = number[t] { return Edge(lo: edge.lo, hi: edge.hi, target: known) }
                let n = Int32(order.count)
                number[t] = n
                order.append(t)
                return Edge(lo: edge.lo, hi: edge.hi, target: n)
            })
        }
        return ByteDFA(edges: newEdges, accepting: newAccepting)
    }
}
