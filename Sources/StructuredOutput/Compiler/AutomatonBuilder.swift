/// Builds one `Automaton` with the convenience of ε-edges, which `build()` removes (the IR has none).
struct AutomatonBuilder {
    struct State {
        var bytes: [Automaton.ByteEdge] = []
        var calls: [Automaton.CallEdge] = []
        var epsilons: [Int32] = []
        var accepting = false
    }

    var states: [State] = [State()]

    static let start: Int32 = 0

    @discardableResult
    mutating func addState(accepting: Bool = false) -> Int32 {
        states.append(State(accepting: accepting))
        return Int32(states.count - 1)
    }

    mutating func accept(_ s: Int32) { states[Int(s)].accepting = true }

    mutating func bytes(_ from: Int32, _ lo: UInt8, _ hi: UInt8, _ to: Int32) {
        states[Int(from)].bytes.append(Automaton.ByteEdge(lo, hi, to))
    }

    mutating func byte(_ from: Int32, _ b: UInt8, _ to: Int32) { bytes(from, b, b, to) }

    mutating func call(_ from: Int32, _ rule: RuleID, _ to: Int32) {
        states[Int(from)].calls.append(Automaton.CallEdge(rule, to))
    }

    mutating func epsilon(_ from: Int32, _ to: Int32) {
        if from != to { states[Int(from)].epsilons.append(to) }
    }

    /// Consumes `literal` from `from`; returns the state after it.
    @discardableResult
    mutating func literal<S: Sequence>(_ from: Int32, _ literal: S) -> Int32 where S.Element == UInt8 {
        var cur = from
        for b in literal {
            let next = addState()
            byte(cur, b, next)
            cur = next
        }
        return cur
    }

    /// Calls `rule` from `from`; returns the state after it.
    mutating func then(_ from: Int32, call rule: RuleID) -> Int32 {
        let next = addState()
        call(from, rule, next)
        return next
    }

    /// An optional call of `rule` (or nothing when `rule` is nil): returns the state after it.
    mutating func optional(_ from: Int32, call rule: RuleID?) -> Int32 {
        guard let rule else { return from }
        let next = addState()
        call(from, rule, next)
        epsilon(from, next)
        return next
    }

    /// A JSON string `"body"` from `from`: a `"` into a copy of `body` (a DFA over string bodies)
    /// whose accepting states leave by a `"` to the returned state. Built without ε-edges (an
    /// ε-linked copy made `build()` merge and deduplicate the edges of every accepting state: most of
    /// the build of a key set). A body DFA has no `"` edge on an accepting state (a raw `"` ends the
    /// string; `\"` is read after a `\`, never at a character boundary), so the copy stays deterministic.
    mutating func quoted(_ body: ByteDFA, from: Int32) -> Int32 {
        let quote = UInt8(ascii: "\"")
        let end = addState()
        let base = Int32(states.count)
        states.reserveCapacity(states.count + body.stateCount)
        for (edges, accepting) in zip(body.edges, body.accepting) {
            var list: [Automaton.ByteEdge] = []
            list.reserveCapacity(edges.count + 1)
            var closed = !accepting
            for e in edges {
                if !closed && e.lo > quote { list.append(Automaton.ByteEdge(quote, quote, end)); closed = true }
                assert(accepting ? !(e.lo <= quote && quote <= e.hi) : true, "a string body accepts before a raw quote")
                list.append(Automaton.ByteEdge(e.lo, e.hi, base + e.target))
            }
            if !closed { list.append(Automaton.ByteEdge(quote, quote, end)) }
            states.append(State(bytes: list))
        }
        byte(from, quote, base)
        return end
    }

    /// Removes ε-edges and unreachable states. State 0 stays the start state.
    func build() -> Automaton {
        let n = states.count
        // ε-closure of the states that have ε-edges (nil: the state alone, the common case, without
        // an array per state).
        var closures = [[Int32]?](repeating: nil, count: n)
        for i in 0..<n where !states[i].epsilons.isEmpty {
            var seen: Set<Int32> = [Int32(i)]
            var stack: [Int32] = [Int32(i)]
            var order: [Int32] = []
            while let s = stack.popLast() {
                order.append(s)
                for t in states[Int(s)].epsilons where seen.insert(t).inserted { stack.append(t) }
            }
            closures[i] = order
        }
        // Reachability over the ε-free transitions.
        var index = [Int32](repeating: -1, count: n)
        var order: [Int32] = [0]
        index[0] = 0
        var i = 0
        func visit(_ st: State) {
            for e in st.bytes where index[Int(e.target)] < 0 {
                index[Int(e.target)] = Int32(order.count)
                order.append(e.target)
            }
            for e in st.calls where index[Int(e.target)] < 0 {
                index[Int(e.target)] = Int32(order.count)
                order.append(e.target)
            }
        }
        while i < order.count {
            let s = order[i]
            i += 1
            if let closure = closures[Int(s)] {
                for c in closure { visit(states[Int(c)]) }
            } else {
                visit(states[Int(s)])
            }
        }
        var out = Automaton(states: [])
        out.states.reserveCapacity(order.count)
        var bytes = UniqueEdges<Automaton.ByteEdge>()
        var calls = UniqueEdges<Automaton.CallEdge>()
        for s in order {
            guard let closure = closures[Int(s)] else {
                // No ε-edges (most states): the edges renumbered, deduplicated only when they are
                // not strictly increasing (as `UniqueEdges` would).
                let st = states[Int(s)]
                var byteEdges = st.bytes.map { Automaton.ByteEdge($0.lo, $0.hi, index[Int($0.target)]) }
                if !Self.strictlyIncreasing(byteEdges) {
                    bytes.removeAll()
                    bytes.append(byteEdges)
                    byteEdges = bytes.items
                }
                var callEdges = st.calls.map { Automaton.CallEdge($0.rule, index[Int($0.target)]) }
                if !Self.strictlyIncreasing(callEdges) {
                    calls.removeAll()
                    calls.append(callEdges)
                    callEdges = calls.items
                }
                out.states.append(Automaton.State(bytes: byteEdges, calls: callEdges, accepting: st.accepting))
                continue
            }
            var accepting = false
            bytes.removeAll()
            calls.removeAll()
            for c in closure {
                let st = states[Int(c)]
                if st.accepting { accepting = true }
                bytes.append(st.bytes.map { Automaton.ByteEdge($0.lo, $0.hi, index[Int($0.target)]) })
                calls.append(st.calls.map { Automaton.CallEdge($0.rule, index[Int($0.target)]) })
            }
            out.states.append(Automaton.State(bytes: bytes.items, calls: calls.items, accepting: accepting))
        }
        return out
    }

    private static func strictlyIncreasing<E: Comparable>(_ edges: [E]) -> Bool {
        var k = 1
        while k < edges.count {
            if !(edges[k - 1] < edges[k]) { return false }
            k += 1
        }
        return true
    }
}

/// The edges of one built state in first-seen order, without duplicates. The first list appended
/// is kept as is when strictly increasing (no duplicates: an embedded DFA's edges, most of the
/// large states); later edges are checked by a scan while the list is short, by hashing after.
/// (Hashing every edge of every large state was most of `build()` for a grammar with a key set.)
private struct UniqueEdges<Edge: Hashable & Comparable> {
    private(set) var items: [Edge] = []
    private var seen = Set<Edge>()
    private var hashed = false

    mutating func removeAll() {
        items = []
        if hashed { seen.removeAll(keepingCapacity: true); hashed = false }
    }

    mutating func append(_ edges: [Edge]) {
        if items.isEmpty, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) {
            items = edges
            return
        }
        for e in edges { insert(e) }
    }

    private mutating func insert(_ e: Edge) {
        if !hashed && items.count < 32 {
            if !items.contains(e) { items.append(e) }
            return
        }
        if !hashed { seen.formUnion(items); hashed = true }
        if seen.insert(e).inserted { items.append(e) }
    }
}

/// Edge order for the duplicate test of `UniqueEdges` (any strict total order does).
extension Automaton.ByteEdge: Comparable {
    public static func < (a: Self, b: Self) -> Bool { (a.lo, a.hi, a.target) < (b.lo, b.hi, b.target) }
}

extension Automaton.CallEdge: Comparable {
    public static func < (a: Self, b: Self) -> Bool { (a.rule, a.target) < (b.rule, b.target) }
}
