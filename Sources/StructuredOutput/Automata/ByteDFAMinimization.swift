extension ByteDFA {
    /// The minimal automaton for the same language (Hopcroft's partition refinement over byte
    /// classes), trimmed of unreachable and dead states, canonically numbered (breadth-first from
    /// the start state, edges in byte order). Equal languages give equal values.
    ///
    /// The refinement runs on the partial transition function (no sink state): missing transitions
    /// are most of a complete table here (escape chains, pattern states with a few ranges), and the
    /// sink's inverse transitions were most of the work.
    public func minimized() -> ByteDFA {
        let live = liveStates()
        guard live[0] else { return .nothing }
        let liveIndex = live.indices.filter { live[$0] }
        var compact = [Int](repeating: -1, count: edges.count)
        for (index, state) in liveIndex.enumerated() { compact[state] = index }
        let count = liveIndex.count

        // Byte classes: bytes that no edge boundary separates behave identically everywhere.
        var boundary = [Bool](repeating: false, count: 257)
        boundary[0] = true
        boundary[256] = true
        for state in liveIndex {
            for edge in edges[state] {
                boundary[Int(edge.lo)] = true
                boundary[Int(edge.hi) + 1] = true
            }
        }
        var classStarts: [Int] = []
        for byte in 0..<256 where boundary[byte] { classStarts.append(byte) }
        let classCount = classStarts.count
        var classOfByte = [Int](repeating: 0, count: 256)
        for (klass, start) in classStarts.enumerated() {
            let end = klass + 1 < classCount ? classStarts[klass + 1] : 256
            for byte in start..<end { classOfByte[byte] = klass }
        }

        // Partial transition table: -1 where the transition is missing (to dead or no state).
        var table = [Int32](repeating: -1, count: count * classCount)
        for (index, state) in liveIndex.enumerated() {
            for edge in edges[state] {
                let target = compact[Int(edge.target)]
                guard target >= 0 else { continue }
                for klass in classOfByte[Int(edge.lo)]...classOfByte[Int(edge.hi)] {
                    table[index * classCount + klass] = Int32(target)
                }
            }
        }
        let blockOf = Self.hopcroft(
            table: table, stateCount: count, classCount: classCount,
            accepting: { self.accepting[liveIndex[$0]] })

        // Rebuild breadth-first from the start block.
        // Blocks are numbered below `count`: arrays, not dictionaries.
        var representative = [Int](repeating: -1, count: count)
        for state in 0..<count where representative[blockOf[state]] < 0 {
            representative[blockOf[state]] = state
        }
        var number = [Int32](repeating: -1, count: count)
        number[blockOf[0]] = 0
        var order = [blockOf[0]]
        var newEdges: [[Edge]] = []
        var newAccepting: [Bool] = []
        var cursor = 0
        while cursor < order.count {
            let block = order[cursor]
            cursor += 1
            let state = representative[block]
            guard state >= 0 else { continue }
            newAccepting.append(accepting[liveIndex[state]])
            var list: [Edge] = []
            for klass in 0..<classCount {
                let target = table[state * classCount + klass]
                guard target >= 0 else { continue }
                let targetBlock = blockOf[Int(target)]
                var id = number[targetBlock]
                if id < 0 {
                    id = Int32(order.count)
                    number[targetBlock] = id
                    order.append(targetBlock)
                }
                let lo = UInt8(classStarts[klass])
                let hi = UInt8((klass + 1 < classCount ? classStarts[klass + 1] : 256) - 1)
                list.appendMerging(lo, hi, id)
            }
            newEdges.append(list)
        }
        return ByteDFA(edges: newEdges, accepting: newAccepting)
    }

    /// States reachable from the start that can reach an accepting state.
    func liveStates() -> [Bool] {
        let count = edges.count
        var reachable = [Bool](repeating: false, count: count)
        var stack = [0]
        reachable[0] = true
        while let state = stack.popLast() {
            for edge in edges[state] where !reachable[Int(edge.target)] {
                reachable[Int(edge.target)] = true
                stack.append(Int(edge.target))
            }
        }
        // Reverse edges of the reachable states in one flat array (sources grouped by target),
        // not an array per state.
        var start = [Int32](repeating: 0, count: count + 1)
        for state in 0..<count where reachable[state] {
            for edge in edges[state] { start[Int(edge.target) + 1] += 1 }
        }
        for i in 0..<count { start[i + 1] += start[i] }
        var fill = start
        var sources = [Int32](repeating: 0, count: Int(start[count]))
        for state in 0..<count where reachable[state] {
            for edge in edges[state] {
                let t = Int(edge.target)
                sources[Int(fill[t])] = Int32(state)
                fill[t] += 1
            }
        }
        var live = [Bool](repeating: false, count: count)
        for state in 0..<count where reachable[state] && accepting[state] {
            live[state] = true
            stack.append(state)
        }
        while let state = stack.popLast() {
            for k in Int(start[state])..<Int(start[state + 1]) {
                let source = Int(sources[k])
                if !live[source] && reachable[source] {
                    live[source] = true
                    stack.append(source)
                }
            }
        }
        return live
    }

    /// Hopcroft's algorithm on a partial table (-1: no transition); returns the block of every
    /// state. Without a sink state the "all but one block" argument fails, so every initial block
    /// starts in the work set for every class (Béal and Crochemore, "Minimizing incomplete
    /// automata"); later splits add the smaller half as usual. Same partition, O(m log n) for m
    /// real transitions.
    private static func hopcroft(
        table: [Int32], stateCount: Int, classCount: Int, accepting: (Int) -> Bool
    ) -> [Int] {
        // Inverse transitions in CSR form, indexed by klass * stateCount + target.
        var offsets = [Int32](repeating: 0, count: classCount * stateCount + 1)
        var sources: [Int32] = []
        table.withUnsafeBufferPointer { tb in
            offsets.withUnsafeMutableBufferPointer { off in
                for state in 0..<stateCount {
                    for klass in 0..<classCount {
                        let t = tb[state * classCount + klass]
                        if t >= 0 { off[klass * stateCount + Int(t) + 1] += 1 }
                    }
                }
                for index in 1..<off.count { off[index] += off[index - 1] }
                var fill = Array(off)
                sources = [Int32](repeating: 0, count: Int(off[off.count - 1]))
                sources.withUnsafeMutableBufferPointer { src in
                    for state in 0..<stateCount {
                        for klass in 0..<classCount {
                            let t = tb[state * classCount + klass]
                            guard t >= 0 else { continue }
                            let key = klass * stateCount + Int(t)
                            src[Int(fill[key])] = Int32(state)
                            fill[key] += 1
                        }
                    }
                }
            }
        }

        var elements = [Int](repeating: 0, count: stateCount)
        var location = [Int](repeating: 0, count: stateCount)
        var blockOf = [Int](repeating: 0, count: stateCount)
        var blockStart: [Int] = []
        var blockEnd: [Int] = []
        var markEnd: [Int] = []
        var position = 0
        for wantAccepting in [true, false] {
            let begin = position
            for state in 0..<stateCount where accepting(state) == wantAccepting {
                elements[position] = state
                location[state] = position
                blockOf[state] = blockStart.count
                position += 1
            }
            if position > begin {
                blockStart.append(begin)
                blockEnd.append(position)
                markEnd.append(begin)
            }
        }
        var inWork = [Bool](repeating: true, count: blockStart.count * classCount)
        var work: [(block: Int, klass: Int)] = []
        for block in 0..<blockStart.count {
            for klass in 0..<classCount { work.append((block, klass)) }
        }
        var splitter: [Int] = []
        var touched: [Int] = []
        while let (block, klass) = work.popLast() {
            inWork[block * classCount + klass] = false
            splitter.removeAll(keepingCapacity: true)
            splitter.append(contentsOf: elements[blockStart[block]..<blockEnd[block]])
            for target in splitter {
                let key = klass * stateCount + target
                for index in Int(offsets[key])..<Int(offsets[key + 1]) {
                    let source = Int(sources[index])
                    let sourceBlock = blockOf[source]
                    let at = location[source]
                    if at < markEnd[sourceBlock] { continue }
                    if markEnd[sourceBlock] == blockStart[sourceBlock] { touched.append(sourceBlock) }
                    let swapAt = markEnd[sourceBlock]
                    let other = elements[swapAt]
                    elements[swapAt] = source
                    location[source] = swapAt
                    elements[at] = other
                    location[other] = at
                    markEnd[sourceBlock] += 1
                }
            }
            for old in touched {
                if markEnd[old] == blockEnd[old] {
                    markEnd[old] = blockStart[old]
                    continue
                }
                let new = blockStart.count
                blockStart.append(blockStart[old])
                blockEnd.append(markEnd[old])
                markEnd.append(blockStart[old])
                blockStart[old] = blockEnd[new]
                markEnd[old] = blockStart[old]
                for index in blockStart[new]..<blockEnd[new] { blockOf[elements[index]] = new }
                inWork.append(contentsOf: repeatElement(false, count: classCount))
                let newSmaller = (blockEnd[new] - blockStart[new]) <= (blockEnd[old] - blockStart[old])
                for other in 0..<classCount {
                    let chosen = inWork[old * classCount + other] || newSmaller ? new : old
                    if !inWork[chosen * classCount + other] {
                        inWork[chosen * classCount + other] = true
                        work.append((chosen, other))
                    }
                }
            }
            touched.removeAll(keepingCapacity: true)
        }
        return blockOf
    }
}
