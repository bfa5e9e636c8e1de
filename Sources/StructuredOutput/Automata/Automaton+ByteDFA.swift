extension Automaton {
    /// The grammar-IR automaton for a byte DFA: same states, byte edges only.
    public init(_ dfa: ByteDFA) {
        self.init(states: zip(dfa.edges, dfa.accepting).map { edges, accepting in
            State(bytes: edges.map { ByteEdge($0.lo, $0.hi, $0.target) }, accepting: accepting)
        })
    }
}
