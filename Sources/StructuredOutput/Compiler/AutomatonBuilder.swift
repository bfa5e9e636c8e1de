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

    /// Adds the edges of `other` (a whole sub-automaton) with its start state identified with `from`
    /// and its accepting states ε-linked to `to`.
    mutating func embed(_ other: Automaton, from: Int32, to: Int32) {
        let base = Int32(states.count)
        for _ in other.states { addState() }
        epsilon(from, base)
        for (i, s) in other.states.enumerated() {
            let me = base + Int32(i)
            states[Int(me)].bytes.reserveCapacity(s.bytes.count)
            for e in s.bytes { bytes(me, e.lo, e.hi, base + e.target) }
            for c in s.calls { call(me, c.rule, base + c.target) }
            if s.accepting { epsilon(me, to) }
        }
    }

    /// Removes ε-edges and unreachable states. State 0 stays the start state.
    func build() -> Automaton {
        let n = states.count
        // ε-closure of every state.
        // (Most states have no ε-edge: their closure is themselves, without a set.)
        var closures = [[Int32]](repeating: [], count: n)
        for i in 0..<n {
            if states[i].epsilons.isEmpty { closures[i] = [Int32(i)]; continue }
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
        while i < order.count {
            let s = order[i]
            i += 1
            for c in closures[Int(s)] {
                let st = states[Int(c)]
                for e in st.bytes where index[Int(e.target)] < 0 {
                    index[Int(e.target)] = Int32(order.count)
                    order.append(e.target)
                }
                for e in st.calls where index[Int(e.target)] < 0 {
                    index[Int(e.target)] = Int32(order.count)
                    order.append(e.target)
                }
            }
        }
        var out = Automaton(states: [])
        out.states.reserveCapacity(order.count)
        var byteSeen = Set<Automaton.ByteEdge>()
        var callSeen = Set<Automaton.CallEdge>()
        for s in order {
            var state = Automaton.State()
            let closure = closures[Int(s)]
            var byteCount = 0, callCount = 0
            for c in closure { byteCount += states[Int(c)].bytes.count; callCount += states[Int(c)].calls.count }
            state.bytes.reserveCapacity(byteCount)
            state.calls.reserveCapacity(callCount)
            // Few edges (most states): deduplicated by a scan, without hashing.
            let small = byteCount <= 8 && callCount <= 8
            if !small {
                byteSeen.removeAll(keepingCapacity: true)
                callSeen.removeAll(keepingCapacity: true)
            }
            for c in closure {
                let st = states[Int(c)]
                if st.accepting { state.accepting = true }
                for e in st.bytes {
                    let m = Automaton.ByteEdge(e.lo, e.hi, index[Int(e.target)])
                    if small ? !state.bytes.contains(m) : byteSeen.insert(m).inserted { state.bytes.append(m) }
                }
                for e in st.calls {
                    let m = Automaton.CallEdge(e.rule, index[Int(e.target)])
                    if small ? !state.calls.contains(m) : callSeen.insert(m).inserted { state.calls.append(m) }
                }
            }
            out.states.append(state)
        }
        return out
    }
}
