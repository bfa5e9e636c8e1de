/// Advances sets of parse stacks: one byte at a time, each step followed by the closure over call
/// edges, rule ends (pops) and repetition boundaries, so that every resulting stack's top frame is
/// an automaton state with byte edges ("byte-ready").
///
/// Used both at runtime (real stacks, bottom parent -1 = document end) and when building mask
/// entries (a local stack whose bottom stands for the unknown context; reaching it is a "pop").
final class StackStepper {
    let tables: GrammarTables
    let arena: FrameArena
    /// Output of the last `step`/`close`: byte-ready frames, deduplicated, in discovery order.
    @exclusivity(unchecked) private(set) var out: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private(set) var outCount = 0
    /// Whether the last closure reached the bottom of a stack (a rule ended with no parent).
    @exclusivity(unchecked) private(set) var reachedBottom = false
    /// Closure steps left before the current operation gives up (see `MatcherLimits.maxStepsPerOperation`).
    @exclusivity(unchecked) private(set) var budget: Int = .max
    /// Set when `budget` ran out (results are then incomplete, i.e. conservative).
    @exclusivity(unchecked) private(set) var exhausted = false
    let maxStacks: Int

    @exclusivity(unchecked) private var outCapacity: Int
    @exclusivity(unchecked) private var work: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var workCount = 0
    @exclusivity(unchecked) private var workCapacity: Int
    @exclusivity(unchecked) private var stamp: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var stampCapacity: Int
    @exclusivity(unchecked) private var generation: UInt32 = 0

    init(tables: GrammarTables, arena: FrameArena, maxStacks: Int) {
        self.tables = tables
        self.arena = arena
        self.maxStacks = max(1, maxStacks)
        outCapacity = 64
        out = .allocate(capacity: outCapacity)
        workCapacity = 64
        work = .allocate(capacity: workCapacity)
        stampCapacity = max(arena.capacity, 1024)
        stamp = .allocate(capacity: stampCapacity)
        stamp.initialize(repeating: 0, count: stampCapacity)
    }

    deinit {
        out.deallocate(); work.deallocate(); stamp.deallocate()
    }

    /// Starts an operation allowed `steps` closure steps.
    func setBudget(_ steps: Int) {
        budget = steps
        exhausted = false
    }

    /// Starts a closure: clears the output and the visited marks.
    @inline(__always) func begin() {
        outCount = 0
        workCount = 0
        reachedBottom = false
        generation &+= 1
        if generation == 0 {
            stamp.update(repeating: 0, count: stampCapacity)
            generation = 1
        }
    }

    /// Schedules frame `f` for closure (ignored if already seen in this closure or if `f < 0`).
    @inline(__always) func add(_ f: Int32) {
        if f < 0 { return }
        let k = Int(f)
        if k >= stampCapacity { growStamps(k) }
        if stamp[k] == generation { return }
        stamp[k] = generation
        if workCount == workCapacity {
            let n = workCapacity * 2
            let w = UnsafeMutablePointer<Int32>.allocate(capacity: n)
            w.moveInitialize(from: work, count: workCount)
            work.deallocate()
            work = w
            workCapacity = n
        }
        work[workCount] = f
        workCount += 1
    }

    @inline(__always) private func pop(_ parent: Int32) {
        if parent < 0 { reachedBottom = true } else { add(parent) }
    }

    private func growStamps(_ k: Int) {
        var n = stampCapacity * 2
        while n <= k { n *= 2 }
        let s = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
        s.moveInitialize(from: stamp, count: stampCapacity)
        (s + stampCapacity).initialize(repeating: 0, count: n - stampCapacity)
        stamp.deallocate()
        stamp = s
        stampCapacity = n
    }

    @inline(__always) private func emit(_ f: Int32) {
        if outCount >= maxStacks { return }
        if outCount == outCapacity {
            let n = outCapacity * 2
            let o = UnsafeMutablePointer<Int32>.allocate(capacity: n)
            o.moveInitialize(from: out, count: outCount)
            out.deallocate()
            out = o
            outCapacity = n
        }
        out[outCount] = f
        outCount += 1
    }

    /// Runs the closure of everything `add`ed since `begin`.
    func run() {
        let t = tables
        let a = arena
        while workCount > 0 {
            if budget <= 0 { exhausted = true; workCount = 0; return }
            budget -= 1
            workCount -= 1
            let f = work[workCount]
            let fi = Int(f)
            let s = a.state[fi]
            let p = a.parent[fi]
            if s >= 0 {
                let si = Int(s)
                if t.byteStart[si] < t.byteStart[si + 1] { emit(f) }
                var c = Int(t.callStart[si])
                let ce = Int(t.callStart[si + 1])
                while c < ce {
                    let ret = a.intern(p, t.callTarget[c], 0)
                    if ret >= 0 { add(a.intern(ret, t.callCode[c], 0)) }
                    c += 1
                }
                if t.accepting[si] { pop(p) }
            } else {
                let (ri, phase) = FlatGrammar.decodeRepetition(s)
                let n = a.count[fi]
                let lo = t.repMin[ri], hi = t.repMax[ri]
                @inline(__always) func clamp(_ x: Int32) -> Int32 { hi < 0 ? min(x, lo) : x }
                @inline(__always) func pushItem(after count: Int32) {
                    let ret = a.intern(p, FlatGrammar.repetitionCode(ri, phase: 1), clamp(count + 1))
                    if ret >= 0 { add(a.intern(ret, t.repItemCode[ri], 0)) }
                }
                switch phase {
                case 0:
                    if lo == 0 { pop(p) }
                    if hi != 0 { pushItem(after: 0) }
                case 1:
                    if n >= lo { pop(p) }
                    if hi < 0 || n < hi {
                        let sep = t.repSepCode[ri]
                        if sep != -1 {
                            let ret = a.intern(p, FlatGrammar.repetitionCode(ri, phase: 2), n)
                            if ret >= 0 { add(a.intern(ret, sep, 0)) }
                        } else {
                            pushItem(after: n)
                        }
                    }
                default:
                    pushItem(after: n)
                }
            }
        }
    }

    /// Closure of the single frame `f` (or, for `f < 0`, the empty stack that already reached the bottom).
    func close(_ f: Int32) {
        begin()
        if f < 0 { reachedBottom = true } else { add(f) }
        run()
    }

    /// Consumes byte `b` from each byte-ready frame of `tops`, then closes; results in `out`.
    func step(_ tops: UnsafePointer<Int32>, _ n: Int, byte b: UInt8) {
        begin()
        let t = tables
        let a = arena
        for i in 0..<n {
            let f = Int(tops[i])
            let s = Int(a.state[f])
            var e = Int(t.byteStart[s])
            let ee = Int(t.byteStart[s + 1])
            while e < ee {
                let lo = t.edgeLo[e]
                if lo > b { break }
                if b <= t.edgeHi[e] { add(a.intern(a.parent[f], t.edgeTarget[e], 0)) }
                e += 1
            }
        }
        run()
    }

    /// Copies `out` into an array.
    func outArray() -> [Int32] { Array(UnsafeBufferPointer(start: out, count: outCount)) }
}
