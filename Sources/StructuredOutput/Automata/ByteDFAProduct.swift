extension ByteDFA {
    /// Strings accepted by both automata.
    public func intersection(_ other: ByteDFA, limits: AutomataLimits) throws -> ByteDFA {
        try product(other, mode: .intersection, limits: limits)
    }

    /// Strings accepted by either automaton.
    public func union(_ other: ByteDFA, limits: AutomataLimits) throws -> ByteDFA {
        try product(other, mode: .union, limits: limits)
    }

    /// Strings accepted by `self` and not by `other`.
    public func difference(_ other: ByteDFA, limits: AutomataLimits) throws -> ByteDFA {
        try product(other, mode: .difference, limits: limits)
    }

    private enum ProductMode {
        case intersection, union, difference

        func accepts(_ left: Bool, _ right: Bool) -> Bool {
            switch self {
            case .intersection: return left && right
            case .union: return left || right
            case .difference: return left && !right
            }
        }

        /// Whether a pair with these sides alive (`-1` = dead) can still lead to acceptance.
        func worthExploring(_ left: Int, _ right: Int) -> Bool {
            switch self {
            case .intersection: return left >= 0 && right >= 0
            case .union: return left >= 0 || right >= 0
            case .difference: return left >= 0
            }
        }
    }

    /// The reachable part of the product automaton, minimized. Dead sides are `-1`.
    private func product(_ other: ByteDFA, mode: ProductMode, limits: AutomataLimits) throws -> ByteDFA {
        var index: [Int64: Int32] = [:]
        var pairs: [(Int, Int)] = [(0, 0)]
        index[Self.pairKey(0, 0)] = 0
        var newEdges: [[Edge]] = []
        var newAccepting: [Bool] = []
        var cursor = 0
        var cuts: [Int] = []
        while cursor < pairs.count {
            let (left, right) = pairs[cursor]
            cursor += 1
            newAccepting.append(mode.accepts(left >= 0 && accepting[left], right >= 0 && other.accepting[right]))
            cuts.removeAll(keepingCapacity: true)
            if left >= 0 { for edge in edges[left] { cuts.append(Int(edge.lo)); cuts.append(Int(edge.hi) + 1) } }
            if right >= 0 { for edge in other.edges[right] { cuts.append(Int(edge.lo)); cuts.append(Int(edge.hi) + 1) } }
            cuts.sort()
            var list: [Edge] = []
            var bounds: [Int] = []
            for cut in cuts where bounds.last != cut { bounds.append(cut) }
            for position in 0..<max(0, bounds.count - 1) {
                let cut = bounds[position]
                let end = bounds[position + 1]
                let byte = UInt8(cut)
                let nextLeft = left >= 0 ? (next(left, byte) ?? -1) : -1
                let nextRight = right >= 0 ? (other.next(right, byte) ?? -1) : -1
                guard mode.worthExploring(nextLeft, nextRight) else { continue }
                let key = Self.pairKey(nextLeft, nextRight)
                let id: Int32
                if let known = index[key] {
                    id = known
                } else {
                    id = Int32(pairs.count)
                    index[key] = id
                    pairs.append((nextLeft, nextRight))
                    if pairs.count > limits.maxStates {
                        throw AutomataError("automaton product exceeds \(limits.maxStates) states")
                    }
                }
                let hi = UInt8(end - 1)
                if let last = list.last, last.target == id, Int(last.hi) + 1 == cut {
                    list[list.count - 1].hi = hi
                } else {
                    list.append(Edge(lo: byte, hi: hi, target: id))
                }
            }
            newEdges.append(list)
        }
        return ByteDFA(edges: newEdges, accepting: newAccepting).minimized()
    }

    private static func pairKey(_ left: Int, _ right: Int) -> Int64 {
        (Int64(left + 1) << 32) | Int64(right + 1)
    }
}
