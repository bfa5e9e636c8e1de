/// A deterministic finite automaton over bytes. State 0 is the start state; each state's
/// transitions are sorted, disjoint byte ranges. A missing transition means rejection.
///
/// Automata returned by the builders in this module are minimized and canonically numbered
/// (breadth-first from the start state, edges in byte order), so two of them accept the same
/// language exactly when they are equal (`==`).
public struct ByteDFA: Sendable, Hashable {
    /// One transition: any byte in `lo...hi` leads to `target`.
    public struct Edge: Sendable, Hashable {
        public var lo: UInt8
        public var hi: UInt8
        public var target: Int32

        public init(lo: UInt8, hi: UInt8, target: Int32) {
            self.lo = lo
            self.hi = hi
            self.target = target
        }
    }

    /// Outgoing edges per state, sorted by `lo`, disjoint.
    public var edges: [[Edge]]
    /// Whether each state accepts.
    public var accepting: [Bool]

    public init(edges: [[Edge]], accepting: [Bool]) {
        precondition(edges.count == accepting.count && !edges.isEmpty, "a ByteDFA needs a start state")
        self.edges = edges
        self.accepting = accepting
    }

    /// The automaton that accepts nothing.
    public static let nothing = ByteDFA(edges: [[]], accepting: [false])
    /// The automaton that accepts only the empty string.
    public static let emptyString = ByteDFA(edges: [[]], accepting: [true])

    /// Number of states.
    public var stateCount: Int { edges.count }

    /// The state reached from `state` on `byte`, or nil when the byte is rejected.
    @inlinable
    public func next(_ state: Int, _ byte: UInt8) -> Int? {
        let list = edges[state]
        var low = 0
        var high = list.count - 1
        while low <= high {
            let mid = (low + high) >> 1
            let edge = list[mid]
            if byte < edge.lo {
                high = mid - 1
            } else if byte > edge.hi {
                low = mid + 1
            } else {
                return Int(edge.target)
            }
        }
        return nil
    }

    /// Whether the whole byte sequence is accepted.
    public func matches<S: Sequence>(_ bytes: S) -> Bool where S.Element == UInt8 {
        var state = 0
        for byte in bytes {
            guard let next = next(state, byte) else { return false }
            state = next
        }
        return accepting[state]
    }

    /// Whether the automaton accepts no string at all.
    public var isEmpty: Bool {
        var seen = [Bool](repeating: false, count: edges.count)
        var stack = [0]
        seen[0] = true
        while let state = stack.popLast() {
            if accepting[state] { return false }
            for edge in edges[state] where !seen[Int(edge.target)] {
                seen[Int(edge.target)] = true
                stack.append(Int(edge.target))
            }
        }
        return true
    }

    /// A trie over the given byte strings, minimized. The trie is acyclic, so equivalent states are
    /// merged bottom-up by their signature (accepting, edges to already merged states) in one pass,
    /// then numbered canonically as `minimized()` would: no partition refinement.
    public static func literals(_ strings: [[UInt8]]) -> ByteDFA {
        guard !strings.isEmpty else { return .nothing }
        // The trie: a child is always created after its parent, so ids decrease bottom-up.
        var children: [[(byte: UInt8, child: Int32)]] = [[]]
        var accepting = [false]
        for string in strings {
            var state = 0
            for byte in string {
                if let k = children[state].firstIndex(where: { $0.byte == byte }) {
                    state = Int(children[state][k].child)
                } else {
                    children.append([])
                    accepting.append(false)
                    let next = Int32(children.count - 1)
                    children[state].append((byte, next))
                    state = Int(next)
                }
            }
            accepting[state] = true
        }
        // Merge bottom-up: classOf[s] is the class of trie node s.
        let n = children.count
        var classOf = [Int32](repeating: -1, count: n)
        var classIDs: [[Int32]: Int32] = [:]
        var classEdges: [[Edge]] = []
        var classAccepting: [Bool] = []
        for s in stride(from: n - 1, through: 0, by: -1) {
            let edges = children[s].map { (byte: $0.byte, target: classOf[Int($0.child)]) }.sorted { $0.byte < $1.byte }
            var signature: [Int32] = [accepting[s] ? 1 : 0]
            signature.reserveCapacity(1 + 2 * edges.count)
            for e in edges { signature.append(Int32(e.byte)); signature.append(e.target) }
            if let known = classIDs[signature] {
                classOf[s] = known
            } else {
                let id = Int32(classEdges.count)
                classIDs[signature] = id
                // Runs of bytes with the same target as one range.
                var list: [Edge] = []
                for e in edges { list.appendMerging(e.byte, e.byte, e.target) }
                classEdges.append(list)
                classAccepting.append(accepting[s])
                classOf[s] = id
            }
        }
        return canonical(edges: classEdges, accepting: classAccepting, root: classOf[0])
    }

    /// The automaton of states `edges`/`accepting` from `root`, numbered canonically (breadth-first,
    /// edges in byte order) and trimmed to what `root` reaches: equal to `minimized()` when the
    /// states are already pairwise inequivalent and live.
    static func canonical(edges: [[Edge]], accepting: [Bool], root: Int32) -> ByteDFA {
        var number = [Int32](repeating: -1, count: edges.count)
        number[Int(root)] = 0
        var order = [root]
        var newEdges: [[Edge]] = []
        var newAccepting: [Bool] = []
        var cursor = 0
        while cursor < order.count {
            let state = Int(order[cursor])
            cursor += 1
            newAccepting.append(accepting[state])
            newEdges.append(edges[state].map { edge in
                let t = Int(edge.target)
                if number[t] < 0 {
                    number[t] = Int32(order.count)
                    order.append(edge.target)
                }
                return Edge(lo: edge.lo, hi: edge.hi, target: number[t])
            })
        }
        return ByteDFA(edges: newEdges, accepting: newAccepting)
    }

    /// Well-formed UTF-8 strings of `minChars...maxChars` code points (`maxChars == nil`: no upper
    /// bound). Surrogate code points are excluded. Bounds above `limits.maxRepeat` throw.
    public static func anyUTF8String(minChars: Int, maxChars: Int?, limits: AutomataLimits) throws -> ByteDFA {
        guard minChars >= 0, maxChars.map({ $0 >= minChars }) ?? true else {
            throw AutomataError("invalid length bounds \(minChars)...\(maxChars.map(String.init) ?? "∞")")
        }
        return try anyUTF8Strings.value(UTF8StringBounds(min: minChars, max: maxChars, limits: limits)) {
            try utf8Chain(minChars: minChars, maxChars: maxChars, limits: limits)
        }
    }

    /// Copies of the one-scalar DFA chained end to start (the copy after `minChars` looping on
    /// itself when unbounded): the minimal automaton of `.{min,max}` built directly, not by
    /// determinizing an NFA of `max` copies (most of a cold compile of a pattern with `maxLength`).
    private static func utf8Chain(minChars: Int, maxChars: Int?, limits: AutomataLimits) throws -> ByteDFA {
        let one = try RegexNode.compileAnchored(.codePoints(.anyScalar), limits: limits)
        // Its shape: a non-accepting start, one accepting state without edges, the rest in between.
        let finals = one.accepting.indices.filter { one.accepting[$0] }
        guard finals.count == 1, one.edges[finals[0]].isEmpty, !one.accepting[0] else {
            return try RegexNode.compileAnchored(.repetition(.codePoints(.anyScalar), min: minChars, max: maxChars), limits: limits)
        }
        let final = finals[0]
        let inner = one.stateCount - 1             // states of a copy but its final one
        let copies = maxChars ?? (minChars + 1)
        let total = copies * inner + (maxChars == nil ? 0 : 1)
        guard total <= limits.maxStates else {
            throw AutomataError("strings of \(minChars)...\(maxChars.map(String.init) ?? "") characters need more than \(limits.maxStates) states")
        }
        var rank = [Int](repeating: -1, count: one.stateCount)   // the start (0) ranks first
        var r = 0
        for s in 0..<one.stateCount where s != final { rank[s] = r; r += 1 }
        var edges = [[Edge]](repeating: [], count: total)
        var accepting = [Bool](repeating: false, count: total)
        for k in 0..<copies {
            accepting[k * inner] = k >= minChars   // the start of copy k: k characters read
            for s in 0..<one.stateCount where s != final {
                edges[k * inner + rank[s]] = one.edges[s].map { e in
                    let t = Int(e.target)
                    let target = t != final ? k * inner + rank[t] : (maxChars == nil && k == copies - 1 ? k * inner : (k + 1) * inner)
                    return Edge(lo: e.lo, hi: e.hi, target: Int32(target))
                }
            }
        }
        if maxChars != nil { accepting[copies * inner] = copies >= minChars }
        return ByteDFA(edges: edges, accepting: accepting).minimized()
    }
    /// Built by every JSON string encoding and length bound: memoized for the process.
    private static let anyUTF8Strings = SharedCache<UTF8StringBounds, ByteDFA>(capacity: 128)
}

private struct UTF8StringBounds: Hashable, Sendable {
    var min: Int
    var max: Int?
    var limits: AutomataLimits
}

extension Array where Element == ByteDFA.Edge {
    /// Appends the edge `lo...hi` → `target`, extending the last edge instead when it leads to the
    /// same target and ends right before `lo` (edges are appended in byte order, so a state's
    /// edges stay one range per run of bytes with one target).
    @inline(__always)
    mutating func appendMerging(_ lo: UInt8, _ hi: UInt8, _ target: Int32) {
        if let last = last, last.target == target, Int(last.hi) + 1 == Int(lo) {
            self[count - 1].hi = hi
        } else {
            append(ByteDFA.Edge(lo: lo, hi: hi, target: target))
        }
    }
}
