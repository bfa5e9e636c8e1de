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
        var index = PairIndex(leftCount: stateCount, rightCount: other.stateCount)
        var pairs: [(Int, Int)] = [(0, 0)]
        index[0, 0] = 0
        var newEdges: [[Edge]] = []
        var newAccepting: [Bool] = []
        var cursor = 0
        var cuts: [Int] = []
        var bounds: [Int] = []
        while cursor < pairs.count {
            let (left, right) = pairs[cursor]
            cursor += 1
            newAccepting.append(mode.accepts(left >= 0 && accepting[left], right >= 0 && other.accepting[right]))
            cuts.removeAll(keepingCapacity: true)
            if left >= 0 { for edge in edges[left] { cuts.append(Int(edge.lo)); cuts.append(Int(edge.hi) + 1) } }
            if right >= 0 { for edge in other.edges[right] { cuts.append(Int(edge.lo)); cuts.append(Int(edge.hi) + 1) } }
            cuts.sort()
            var list: [Edge] = []
            bounds.removeAll(keepingCapacity: true)
            for cut in cuts where bounds.last != cut { bounds.append(cut) }
            for position in 0..<max(0, bounds.count - 1) {
                let cut = bounds[position]
                let end = bounds[position + 1]
                let byte = UInt8(cut)
                let nextLeft = left >= 0 ? (next(left, byte) ?? -1) : -1
                let nextRight = right >= 0 ? (other.next(right, byte) ?? -1) : -1
                guard mode.worthExploring(nextLeft, nextRight) else { continue }
                var id = index[nextLeft, nextRight]
                if id < 0 {
                    id = Int32(pairs.count)
                    index[nextLeft, nextRight] = id
                    pairs.append((nextLeft, nextRight))
                    if pairs.count > limits.maxStates {
                        throw AutomataError("automaton product exceeds \(limits.maxStates) states")
                    }
                }
                list.appendMerging(byte, UInt8(end - 1), id)
            }
            newEdges.append(list)
        }
        return ByteDFA(edges: newEdges, accepting: newAccepting).minimized()
    }

}

/// Product state numbers by (left, right) pair, sides -1 when dead: a dense table when the pair
/// space is small (most products: a pattern with a length chain), hashed otherwise.
private struct PairIndex {
    /// Dense tables up to this many entries (4 bytes each).
    static let denseLimit = 1 << 18
    let width: Int
    var dense: [Int32]
    var sparse: [Int64: Int32] = [:]

    init(leftCount: Int, rightCount: Int) {
        width = rightCount + 1
        let size = (leftCount + 1).multipliedReportingOverflow(by: width)
        dense = !size.overflow && size.partialValue <= Self.denseLimit ? [Int32](repeating: -1, count: size.partialValue) : []
    }

    subscript(left: Int, right: Int) -> Int32 {
        get {
            if !dense.isEmpty { return dense[(left + 1) * width + right + 1] }
            return sparse[(Int64(left + 1) << 32) | Int64(right + 1)] ?? -1
        }
        set {
            if !dense.isEmpty { dense[(left + 1) * width + right + 1] = newValue; return }
            sparse[(Int64(left + 1) << 32) | Int64(right + 1)] = newValue
        }
    }
}
