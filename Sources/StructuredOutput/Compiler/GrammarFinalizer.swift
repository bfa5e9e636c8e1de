/// Cleans a freshly compiled grammar: forwarding rules (a single call then accept) are bypassed,
/// unreachable rules dropped, and the rest renumbered (start rule first).
enum GrammarFinalizer {
    static func finalize(_ input: Grammar) -> Grammar {
        var grammar = input
        // Resolve forwarders (following chains, stopping on cycles).
        var forward = [RuleID](grammar.rules.indices.map { RuleID($0) })
        for (i, rule) in grammar.rules.enumerated() {
            if case .automaton(let a) = rule.body, a.states.count == 2, a.states[0].bytes.isEmpty,
               a.states[0].calls.count == 1, !a.states[0].accepting, a.states[1].accepting,
               a.states[1].bytes.isEmpty, a.states[1].calls.isEmpty, a.states[0].calls[0].target == 1 {
                forward[i] = a.states[0].calls[0].rule
            }
        }
        func target(_ r: RuleID) -> RuleID {
            var cur = r
            var steps = 0
            while forward[Int(cur)] != cur && steps < forward.count {
                cur = forward[Int(cur)]
                steps += 1
            }
            return forward[Int(cur)] == cur ? cur : r
        }
        let resolved = forward.indices.map { target(RuleID($0)) }
        func map(_ r: RuleID) -> RuleID { resolved[Int(r)] }
        // Reachability from the start rule.
        let start = map(grammar.start)
        var newID = [RuleID](repeating: -1, count: grammar.rules.count)
        var order: [RuleID] = [start]
        newID[Int(start)] = 0
        var i = 0
        while i < order.count {
            let r = order[i]
            i += 1
            var refs: [RuleID] = []
            switch grammar[r].body {
            case .automaton(let a): refs = a.states.flatMap { $0.calls.map { map($0.rule) } }
            case .repetition(let item, let sep, _, _): refs = [map(item)] + (sep.map { [map($0)] } ?? [])
            }
            for t in refs where newID[Int(t)] < 0 {
                newID[Int(t)] = RuleID(order.count)
                order.append(t)
            }
        }
        func renumber(_ r: RuleID) -> RuleID { newID[Int(map(r))] }
        var out = Grammar(rules: [], start: 0)
        for r in order {
            var rule = grammar[r]
            switch rule.body {
            case .automaton(var a):
                for s in a.states.indices {
                    for c in a.states[s].calls.indices { a.states[s].calls[c].rule = renumber(a.states[s].calls[c].rule) }
                }
                rule.body = .automaton(a)
            case .repetition(let item, let sep, let lo, let hi):
                rule.body = .repetition(item: renumber(item), separator: sep.map(renumber), min: lo, max: hi)
            }
            out.rules.append(rule)
        }
        grammar = out
        return grammar
    }
}
