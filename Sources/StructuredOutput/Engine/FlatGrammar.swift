import JSONSchema

/// A `Grammar` validated and flattened into struct-of-arrays tables for the hot loops.
///
/// Positions inside rules are encoded as one `Int32` *state code*:
/// - `code >= 0`: a global automaton state (every automaton's states are numbered consecutively);
/// - `code < 0`: a repetition phase, `-(3 * repetitionIndex + phase) - 1`, with phase
///   0 = before the first item, 1 = after an item, 2 = after a separator.
/// Automaton targets are stored as global state codes, calls as the callee's start code.
struct FlatGrammar: Sendable {
    // Per global automaton state.
    var byteStart: [Int32] = []      // edges of state s: byteStart[s] ..< byteStart[s + 1]
    var edgeLo: [UInt8] = []
    var edgeHi: [UInt8] = []
    var edgeTarget: [Int32] = []
    var callStart: [Int32] = []      // calls of state s: callStart[s] ..< callStart[s + 1]
    var callCode: [Int32] = []       // start code of the callee
    var callTarget: [Int32] = []     // global state to continue in once the callee ends
    var accepting: [Bool] = []
    var stateRule: [Int32] = []
    /// States whose automaton has no call edges anywhere (their mask entries are shareable across grammars).
    var callFree: [Bool] = []
    // Per rule.
    var ruleStartCode: [Int32] = []
    var ruleFirstState: [Int32] = []  // global index of an automaton rule's state 0 (-1 for repetitions)
    // Per repetition.
    var repItemCode: [Int32] = []
    var repSepCode: [Int32] = []     // -1: no separator
    var repMin: [Int32] = []
    var repMax: [Int32] = []         // -1: unbounded
    var repRule: [Int32] = []
    var startCode: Int32 = 0
    var stateCount: Int { accepting.count }

    @inline(__always) static func repetitionCode(_ index: Int, phase: Int) -> Int32 { Int32(-(3 * index + phase) - 1) }
    @inline(__always) static func decodeRepetition(_ code: Int32) -> (index: Int, phase: Int) {
        let v = Int(-code - 1)
        return (v / 3, v % 3)
    }

    /// Validates `grammar` and flattens it; throws on dangling ids, empty repetition items and left recursion.
    init(_ grammar: Grammar) throws {
        let rules = grammar.rules
        func fail(_ pointer: JSONPointer, _ rule: Int, _ message: String) -> GrammarValidationError {
            GrammarValidationError(pointer: pointer, rule: rule < rules.count && rule >= 0 ? rules[rule].name : "", message: message)
        }
        guard !rules.isEmpty else { throw fail(JSONPointer(["rules"]), -1, "the grammar has no rules") }
        guard grammar.start >= 0, Int(grammar.start) < rules.count else {
            throw fail(JSONPointer(["start"]), -1, "start rule \(grammar.start) is out of range 0..<\(rules.count)")
        }
        // Pass 1: ranges and numbering.
        var repetitionCount = 0
        var firstState = [Int32](repeating: -1, count: rules.count)
        var repIndexOf = [Int](repeating: -1, count: rules.count)
        var total = 0
        for (r, rule) in rules.enumerated() {
            // Pointers are built only on failure: building one per edge cost a quarter of preparing a grammar.
            var base: JSONPointer { JSONPointer(["rules", String(r), "body"]) }
            func checkRule(_ id: RuleID, _ p: @autoclosure () -> JSONPointer) throws {
                guard id >= 0, Int(id) < rules.count else { throw fail(p(), r, "rule id \(id) is out of range 0..<\(rules.count)") }
            }
            switch rule.body {
            case .automaton(let a):
                guard !a.states.isEmpty else { throw fail(base / "states", r, "an automaton needs at least one state") }
                for (s, st) in a.states.enumerated() {
                    for (e, edge) in st.bytes.enumerated() {
                        var p: JSONPointer { base / "states" / s / "bytes" / e }
                        guard edge.lo <= edge.hi else { throw fail(p, r, "byte range \(edge.lo)...\(edge.hi) is empty") }
                        guard edge.target >= 0, Int(edge.target) < a.states.count else {
                            throw fail(p, r, "target state \(edge.target) is out of range 0..<\(a.states.count)")
                        }
                    }
                    for (c, call) in st.calls.enumerated() {
                        var p: JSONPointer { base / "states" / s / "calls" / c }
                        try checkRule(call.rule, p)
                        guard call.target >= 0, Int(call.target) < a.states.count else {
                            throw fail(p, r, "target state \(call.target) is out of range 0..<\(a.states.count)")
                        }
                    }
                }
                firstState[r] = Int32(total)
                total += a.states.count
            case .repetition(let item, let sep, let min, let max):
                try checkRule(item, base / "item")
                if let sep { try checkRule(sep, base / "separator") }
                guard min >= 0, min < Int(Int32.max) else { throw fail(base / "min", r, "min \(min) must be in 0..<2^31") }
                if let max {
                    guard max >= min, max < Int(Int32.max) else { throw fail(base / "max", r, "max \(max) must be >= min \(min) and < 2^31") }
                }
                repIndexOf[r] = repetitionCount
                repetitionCount += 1
            }
        }
        // Pass 2: nullability (fixpoint), then the empty-item and left-recursion checks.
        var nullable = [Bool](repeating: false, count: rules.count)
        func epsilonStates(_ a: Automaton) -> [Bool] {
            var seen = [Bool](repeating: false, count: a.states.count)
            var work = [0]
            seen[0] = true
            while let s = work.popLast() {
                for call in a.states[s].calls where nullable[Int(call.rule)] && !seen[Int(call.target)] {
                    seen[Int(call.target)] = true
                    work.append(Int(call.target))
                }
            }
            return seen
        }
        var changed = true
        while changed {
            changed = false
            for (r, rule) in rules.enumerated() where !nullable[r] {
                switch rule.body {
                case .automaton(let a):
                    let eps = epsilonStates(a)
                    if a.states.indices.contains(where: { eps[$0] && a.states[$0].accepting }) { nullable[r] = true; changed = true }
                case .repetition(_, _, let min, _):
                    if min == 0 { nullable[r] = true; changed = true }
                }
            }
        }
        var leftCalls = [[Int]](repeating: [], count: rules.count)
        for (r, rule) in rules.enumerated() {
            switch rule.body {
            case .automaton(let a):
                let eps = epsilonStates(a)
                for s in a.states.indices where eps[s] { leftCalls[r] += a.states[s].calls.map { Int($0.rule) } }
            case .repetition(let item, let sep, _, _):
                var base: JSONPointer { JSONPointer(["rules", String(r), "body"]) }
                if nullable[Int(item)] { throw fail(base / "item", r, "repetition item '\(rules[Int(item)].name)' can match the empty string") }
                if let sep, nullable[Int(sep)] { throw fail(base / "separator", r, "repetition separator '\(rules[Int(sep)].name)' can match the empty string") }
                leftCalls[r] = [Int(item)]
            }
        }
        // Cycle detection on the left-call graph (iterative DFS, colours 0 = new, 1 = on path, 2 = done).
        var colour = [UInt8](repeating: 0, count: rules.count)
        for root in rules.indices where colour[root] == 0 {
            var path: [(rule: Int, next: Int)] = [(root, 0)]
            colour[root] = 1
            while let (r, i) = path.last {
                if i < leftCalls[r].count {
                    path[path.count - 1].next += 1
                    let c = leftCalls[r][i]
                    if colour[c] == 1 {
                        let cycle = path.map(\.rule).drop(while: { $0 != c }).map { rules[$0].name } + [rules[c].name]
                        throw fail(JSONPointer(["rules", String(c)]), c, "left recursion (possibly through nullable rules): \(cycle.joined(separator: " → "))")
                    }
                    if colour[c] == 0 { colour[c] = 1; path.append((c, 0)) }
                } else {
                    colour[r] = 2
                    path.removeLast()
                }
            }
        }
        // Pass 3: flatten.
        func startCode(_ r: Int) -> Int32 {
            firstState[r] >= 0 ? firstState[r] : FlatGrammar.repetitionCode(repIndexOf[r], phase: 0)
        }
        ruleFirstState = firstState
        ruleStartCode = rules.indices.map(startCode)
        self.startCode = startCode(Int(grammar.start))
        byteStart.reserveCapacity(total + 1)
        callStart.reserveCapacity(total + 1)
        for (r, rule) in rules.enumerated() {
            switch rule.body {
            case .automaton(let a):
                let base = firstState[r]
                let hasCalls = a.states.contains { !$0.calls.isEmpty }
                for st in a.states {
                    byteStart.append(Int32(edgeLo.count))
                    callStart.append(Int32(callCode.count))
                    // Built automata list their edges in order already: sorting a copy of every
                    // state's edges was a sixth of flattening the catalog.
                    let bytes = st.bytes
                    let ordered = zip(bytes, bytes.dropFirst()).allSatisfy { ($0.lo, $0.hi, $0.target) <= ($1.lo, $1.hi, $1.target) }
                    for e in ordered ? bytes : bytes.sorted(by: { ($0.lo, $0.hi, $0.target) < ($1.lo, $1.hi, $1.target) }) {
                        edgeLo.append(e.lo); edgeHi.append(e.hi); edgeTarget.append(base + e.target)
                    }
                    for c in st.calls {
                        callCode.append(startCode(Int(c.rule)))
                        callTarget.append(base + c.target)
                    }
                    accepting.append(st.accepting)
                    stateRule.append(Int32(r))
                    callFree.append(!hasCalls)
                }
            case .repetition(let item, let sep, let min, let max):
                repItemCode.append(startCode(Int(item)))
                repSepCode.append(sep.map { startCode(Int($0)) } ?? -1)
                repMin.append(Int32(min))
                repMax.append(max.map { Int32($0) } ?? -1)
                repRule.append(Int32(r))
            }
        }
        byteStart.append(Int32(edgeLo.count))
        callStart.append(Int32(callCode.count))
    }
}
