/// A nondeterministic automaton over bytes with ε-edges and the two regex anchors as conditional
/// ε-edges: a start-anchor edge may only be taken before any byte is read, an end-anchor edge only
/// after the last byte. `determinized` runs the subset construction under `AutomataLimits`.
struct ByteNFA {
    struct State {
        var epsilons: [Int32] = []
        var bytes: [(lo: UInt8, hi: UInt8, target: Int32)] = []
        var startAnchored: [Int32] = []
        var endAnchored: [Int32] = []
    }

    private(set) var states: [State] = []
    let maxStates: Int
    var start: Int32 = 0
    var final: Int32 = 0
    /// A state whose language is every string of the automaton's alphabet (the `Σ*` loop after a
    /// complete search match). A subset containing it accepts the same suffixes as the state
    /// alone, so the subset construction collapses such subsets to it.
    var absorbing: Int32?
    /// The UTF-8 splits of the sets added so far: a counted class (`[a-z0-9-]{0,47}`) adds the same
    /// set once per copy, and splitting it was a third of compiling such a pattern.
    private var utf8Sequences: [CodePointSet: [[ClosedRange<UInt8>]]] = [:]

    init(limits: AutomataLimits) {
        maxStates = max(1_000, limits.maxStates.multipliedReportingOverflow(by: 4).partialValue)
    }

    mutating func addState() throws -> Int32 {
        guard states.count < maxStates else {
            throw AutomataError("automaton exceeds \(maxStates) NFA states; simplify the pattern or raise the limits")
        }
        states.append(State())
        return Int32(states.count - 1)
    }

    mutating func addEpsilon(from: Int32, to: Int32) { states[Int(from)].epsilons.append(to) }
    mutating func addStartAnchor(from: Int32, to: Int32) { states[Int(from)].startAnchored.append(to) }
    mutating func addEndAnchor(from: Int32, to: Int32) { states[Int(from)].endAnchored.append(to) }
    mutating func addBytes(from: Int32, _ lo: UInt8, _ hi: UInt8, to: Int32) {
        states[Int(from)].bytes.append((lo, hi, to))
    }

    /// Edges from `from` to `to` reading exactly one UTF-8 encoded member of `set`. Sequences with a
    /// common suffix share their tail states.
    mutating func addCodePoints(from: Int32, _ set: CodePointSet, to: Int32) throws {
        var tails: [[ClosedRange<UInt8>]: Int32] = [:]   // by suffix; filled for multi-byte sequences only
        let sequences: [[ClosedRange<UInt8>]]
        if let known = utf8Sequences[set] { sequences = known } else {
            sequences = set.utf8Sequences()
            utf8Sequences[set] = sequences
        }
        for sequence in sequences {
            let target = sequence.count == 1 ? to : try tail(Array(sequence.dropFirst()), to: to, memo: &tails)
            addBytes(from: from, sequence[0].lowerBound, sequence[0].upperBound, to: target)
        }
    }

    private mutating func tail(
        _ suffix: [ClosedRange<UInt8>], to: Int32, memo: inout [[ClosedRange<UInt8>]: Int32]
    ) throws -> Int32 {
        if suffix.isEmpty { return to }
        if let known = memo[suffix] { return known }
        let rest = try tail(Array(suffix.dropFirst()), to: to, memo: &memo)
        let state = try addState()
        addBytes(from: state, suffix[0].lowerBound, suffix[0].upperBound, to: rest)
        memo[suffix] = state
        return state
    }

    // MARK: Subset construction

    private struct SubsetKey: Hashable {
        var states: [Int32]
        var atStart: Bool
    }

    /// The equivalent DFA (not minimized). Throws when it would exceed `limits.maxStates`.
    func determinized(limits: AutomataLimits) throws -> ByteDFA {
        var stamp = [UInt32](repeating: 0, count: states.count)
        var generation: UInt32 = 0
        var stack: [Int32] = []

        /// Important states (byte edges, end anchors, or final) of the ε-closure.
        func closure(_ seeds: [Int32], allowStart: Bool, allowEnd: Bool) -> [Int32] {
            generation &+= 1
            var result: [Int32] = []
            stack.removeAll(keepingCapacity: true)
            for seed in seeds where stamp[Int(seed)] != generation {
                stamp[Int(seed)] = generation
                stack.append(seed)
            }
            while let state = stack.popLast() {
                let node = states[Int(state)]
                if !node.bytes.isEmpty || !node.endAnchored.isEmpty || state == final { result.append(state) }
                for next in node.epsilons where stamp[Int(next)] != generation {
                    stamp[Int(next)] = generation
                    stack.append(next)
                }
                if allowStart {
                    for next in node.startAnchored where stamp[Int(next)] != generation {
                        stamp[Int(next)] = generation
                        stack.append(next)
                    }
                }
                if allowEnd {
                    for next in node.endAnchored where stamp[Int(next)] != generation {
                        stamp[Int(next)] = generation
                        stack.append(next)
                    }
                }
            }
            result.sort()
            return result
        }

        let absorbingClosure = absorbing.map { closure([$0], allowStart: false, allowEnd: false) } ?? []
        let startKey = SubsetKey(states: closure([start], allowStart: true, allowEnd: false), atStart: true)
        var index: [SubsetKey: Int32] = [startKey: 0]
        var keys = [startKey]
        var edges: [[ByteDFA.Edge]] = []
        var accepting: [Bool] = []
        var cursor = 0
        var cuts: [Int] = []
        var targets: [Int32] = []
        var sorted: [(lo: UInt8, hi: UInt8, target: Int32)] = []
        while cursor < keys.count {
            let key = keys[cursor]
            cursor += 1
            let endClosure = closure(key.states, allowStart: key.atStart, allowEnd: true)
            accepting.append(endClosure.contains(final))

            // Sweep the edges of the subset in byte order; `active` holds the edges covering the
            // current elementary interval.
            sorted.removeAll(keepingCapacity: true)
            cuts.removeAll(keepingCapacity: true)
            for state in key.states {
                for edge in states[Int(state)].bytes {
                    sorted.append(edge)
                    cuts.append(Int(edge.lo))
                    cuts.append(Int(edge.hi) + 1)
                }
            }
            sorted.sort { $0.lo < $1.lo }
            cuts.sort()
            var bounds: [Int] = []
            for cut in cuts where bounds.last != cut { bounds.append(cut) }
            var list: [ByteDFA.Edge] = []
            var active: [(lo: UInt8, hi: UInt8, target: Int32)] = []
            var nextEdge = 0
            for position in 0..<max(0, bounds.count - 1) {
                let lo = bounds[position]
                let hi = bounds[position + 1] - 1
                active.removeAll { Int($0.hi) < lo }
                while nextEdge < sorted.count, Int(sorted[nextEdge].lo) <= lo {
                    active.append(sorted[nextEdge])
                    nextEdge += 1
                }
                targets.removeAll(keepingCapacity: true)
                for edge in active { targets.append(edge.target) }
                guard !targets.isEmpty else { continue }
                var subset = closure(targets, allowStart: false, allowEnd: false)
                guard !subset.isEmpty else { continue }
                if let absorbing, subset.count > absorbingClosure.count, subset.contains(absorbing) {
                    subset = absorbingClosure
                }
                let nextKey = SubsetKey(states: subset, atStart: false)
                let id: Int32
                if let known = index[nextKey] {
                    id = known
                } else {
                    id = Int32(keys.count)
                    guard keys.count < limits.maxStates else {
                        throw AutomataError(
                            "automaton exceeds \(limits.maxStates) states (subset construction); simplify the pattern or raise the limits")
                    }
                    index[nextKey] = id
                    keys.append(nextKey)
                }
                list.appendMerging(UInt8(lo), UInt8(hi), id)
            }
            edges.append(list)
        }
        return ByteDFA(edges: edges, accepting: accepting)
    }
}
