/// The mutable state behind a `GrammarMatcher`: the frame arena, the current set of byte-ready
/// stacks, the rollback history and scratch space. Copied on write when a forked matcher mutates.
final class MatcherCore {
    struct Snapshot: Equatable {
        var tops: [Int32]
        var accepting: Bool
        var terminated: Bool
    }

    let grammar: CompiledGrammar
    let arena: FrameArena
    let stepper: StackStepper
    @exclusivity(unchecked) var current: Snapshot
    /// States before each of the last accepted tokens, oldest first (bounded by `maxRollbackTokens`).
    @exclusivity(unchecked) var history: [Snapshot] = []
    /// Recently computed masks and the states they were computed for (frames are hash-consed, so
    /// equal `tops` mean equal stacks): inside a long string, or in a list of similar items, steps hit it.
    @exclusivity(unchecked) var recentMasks: [(key: Snapshot, mask: [UInt32])] = []
    @exclusivity(unchecked) var nextRecentSlot = 0
    static let recentMaskCapacity = 8

    init(_ grammar: CompiledGrammar) {
        self.grammar = grammar
        arena = FrameArena(capacity: 1024, maxDepth: Int32(clamping: grammar.limits.maxStackDepth))
        stepper = StackStepper(tables: grammar.tables, arena: arena, maxStacks: grammar.limits.maxStacks)
        current = Snapshot(tops: [], accepting: false, terminated: false)
        reset()
    }

    /// Back to the start of the document: empty arena, initial closure, no history.
    func reset() {
        arena.removeAll()
        resetBudget()
        stepper.close(arena.intern(-1, grammar.tables.startCode, 0))
        current = Snapshot(tops: stepper.outArray(), accepting: stepper.reachedBottom, terminated: false)
        history.removeAll()
        recentMasks.removeAll()
    }

    init(copying other: MatcherCore) {
        grammar = other.grammar
        arena = FrameArena(copying: other.arena)
        stepper = StackStepper(tables: grammar.tables, arena: arena, maxStacks: grammar.limits.maxStacks)
        current = other.current
        history = other.history
        recentMasks = other.recentMasks
        nextRecentSlot = other.nextRecentSlot
    }

    func resetBudget() {
        stepper.setBudget(grammar.limits.maxStepsPerOperation)
    }

    /// Runs `bytes` from `from`; returns the resulting state or nil if some byte is rejected.
    /// Frames created stay in the arena (the caller truncates on failure).
    func advance(_ from: Snapshot, _ bytes: UnsafeBufferPointer<UInt8>) -> Snapshot? {
        var tops = from.tops
        var accepting = from.accepting
        for b in bytes {
            if tops.isEmpty { return nil }
            tops.withUnsafeBufferPointer { stepper.step($0.baseAddress!, $0.count, byte: b) }
            if stepper.exhausted { return nil }
            tops = stepper.outArray()
            accepting = stepper.reachedBottom
            if tops.isEmpty && !accepting { return nil }
        }
        return Snapshot(tops: tops, accepting: accepting, terminated: false)
    }

    /// Makes `next` current, remembering the previous state for rollback.
    func commit(_ next: Snapshot) {
        history.append(current)
        if history.count > grammar.limits.maxRollbackTokens { history.removeFirst(history.count - grammar.limits.maxRollbackTokens) }
        current = next
        if arena.size > grammar.limits.maxFrames { compact() }
    }

    /// Drops frames no live or remembered stack refers to and renumbers the rest.
    func compact() {
        let n = arena.size
        var live = [Bool](repeating: false, count: n)
        func mark(_ f: Int32) {
            var x = f
            while x >= 0 && !live[Int(x)] { live[Int(x)] = true; x = arena.parent[Int(x)] }
        }
        for s in history { s.tops.forEach(mark) }
        current.tops.forEach(mark)
        // Parents always have smaller ids than children, so one ascending pass renumbers.
        var newID = [Int32](repeating: -1, count: n)
        var frames: [(Int32, Int32, Int32)] = []
        for i in 0..<n where live[i] {
            let p = arena.parent[i]
            newID[i] = Int32(frames.count)
            frames.append((p < 0 ? p : newID[Int(p)], arena.state[i], arena.count[i]))
        }
        arena.removeAll()
        for (p, s, c) in frames { _ = arena.intern(p, s, c) }
        func remap(_ s: inout Snapshot) { s.tops = s.tops.map { newID[Int($0)] } }
        for i in history.indices { remap(&history[i]) }
        remap(&current)
        recentMasks.removeAll()
    }
}
