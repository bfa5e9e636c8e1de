/// Size figures of a `CompiledGrammar`, for `genui schema compile` and capacity planning.
///
/// Byte counts are estimates of heap payload (element storage plus a fixed per-array and per-object
/// overhead), not allocator-exact: they are meant to compare grammars and spot growth, while the
/// resident-set delta a caller measures around compilation is the ground truth.
public struct GrammarFootprint: Sendable, Hashable {
    /// Rules of the grammar (automata and repetitions).
    public var rules: Int
    /// Repetition rules among them.
    public var repetitions: Int
    /// Automaton states summed over all rules (the positions a mask entry can be cached for).
    public var states: Int
    /// Byte-range edges summed over all states.
    public var byteEdges: Int
    /// Rule-call edges summed over all states.
    public var callEdges: Int
    /// Positions whose mask entry has been computed so far (per-state entries plus repetition-count entries).
    public var maskEntries: Int
    /// Estimated bytes of the grammar IR, its flattened tables and follow sets.
    public var tableBytes: Int
    /// Estimated bytes of the mask entries computed so far (each distinct entry counted once, including
    /// entries shared with other grammars through the process-wide cache).
    public var maskEntryBytes: Int

    /// `tableBytes + maskEntryBytes`.
    public var estimatedBytes: Int { tableBytes + maskEntryBytes }
}

/// Fixed overhead charged per heap array or object (header and allocator rounding).
let heapObjectOverhead = 32

@inline(__always) func arrayBytes<T>(_ a: [T]) -> Int { heapObjectOverhead + a.count * MemoryLayout<T>.stride }

extension Grammar {
    /// Estimated bytes of the IR: rule names, automaton states and their edge arrays.
    var estimatedBytes: Int {
        var total = arrayBytes(rules)
        for rule in rules {
            total += heapObjectOverhead + rule.name.utf8.count
            if case .automaton(let a) = rule.body {
                total += arrayBytes(a.states)
                for s in a.states {
                    if !s.bytes.isEmpty { total += arrayBytes(s.bytes) }
                    if !s.calls.isEmpty { total += arrayBytes(s.calls) }
                }
            }
        }
        return total
    }
}

extension FlatGrammar {
    var estimatedBytes: Int {
        arrayBytes(byteStart) + arrayBytes(edgeLo) + arrayBytes(edgeHi) + arrayBytes(edgeTarget) + arrayBytes(callStart)
            + arrayBytes(callCode) + arrayBytes(callTarget) + arrayBytes(accepting) + arrayBytes(stateRule) + arrayBytes(callFree)
            + arrayBytes(ruleStartCode) + arrayBytes(ruleFirstState) + arrayBytes(repItemCode) + arrayBytes(repSepCode)
            + arrayBytes(repMin) + arrayBytes(repMax) + arrayBytes(repRule)
    }

    /// Bytes of the raw copies `GrammarTables` makes of the hot arrays.
    var hotCopyBytes: Int {
        byteStart.count * 4 + edgeLo.count + edgeHi.count + edgeTarget.count * 4 + callStart.count * 4 + callCode.count * 4
            + callTarget.count * 4 + accepting.count + (repItemCode.count + repSepCode.count + repMin.count + repMax.count) * 4
            + 12 * heapObjectOverhead
    }
}

extension FollowSets {
    var estimatedBytes: Int { arrayBytes(first) + arrayBytes(follow) }
}

extension MaskEntry {
    var estimatedBytes: Int {
        var total = heapObjectOverhead
        switch accepted {
        case .bits(let words): total += arrayBytes(words)
        case .list(let ids): total += arrayBytes(ids)
        }
        return total + arrayBytes(endTokens) + arrayBytes(suffixByte) + arrayBytes(suffixDepth) + arrayBytes(suffixSubtreeEnd)
            + arrayBytes(suffixTokenStart) + arrayBytes(suffixTokens)
    }
}
