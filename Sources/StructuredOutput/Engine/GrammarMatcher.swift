/// The per-request matcher: tracks where generation is in the grammar, computes the bitmask of
/// allowed next tokens and advances over accepted tokens or bytes.
///
/// Cheap to create (one closure over the start rule) and cheap to `fork` (copy-on-write). Not
/// thread-safe; use one matcher per sequence. Masks rely on the shared `CompiledGrammar` cache.
///
/// Token rules: EOS ids are allowed exactly when `isAccepting`; special tokens, zero-length tokens
/// and ids at or beyond the vocabulary size (logits padding) are never allowed. After an EOS token
/// is accepted the matcher is terminated: only EOS ids stay allowed (so padded batches can keep
/// sampling EOS) and no text is accepted.
public struct GrammarMatcher {
    /// The grammar this matcher follows.
    public let grammar: CompiledGrammar
    private var core: MatcherCore

    /// A matcher at the start of a document.
    public init(_ grammar: CompiledGrammar) {
        self.grammar = grammar
        core = MatcherCore(grammar)
    }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&core) { core = MatcherCore(copying: core) }
    }

    /// Words a mask needs: `ceil(logitsSize / 32)`.
    public var maskWordCount: Int { grammar.tokenizer.maskWordCount }

    /// Fills `mask` (at least `ceil(logitsSize / 32)` words; extra words are zeroed): bit `i` of
    /// word `i / 32` is set when token `i` may come next.
    public func fillNextTokenBitmask(_ mask: inout [UInt32]) {
        if mask.count < maskWordCount { mask += [UInt32](repeating: 0, count: maskWordCount - mask.count) }
        mask.withUnsafeMutableBufferPointer { fillNextTokenBitmask($0) }
    }

    /// Same as the array overload, writing into caller-owned memory (e.g. a row of a batch mask).
    /// Words beyond `ceil(logitsSize / 32)` are zeroed; a shorter buffer gets the first words only.
    public func fillNextTokenBitmask(_ mask: UnsafeMutableBufferPointer<UInt32>) {
        core.fillMask(mask)
    }

    /// The allowed-token bitmask as a new array.
    public func nextTokenBitmask() -> [UInt32] {
        var m = [UInt32](repeating: 0, count: maskWordCount)
        fillNextTokenBitmask(&m)
        return m
    }

    /// Advances over token `id`. Returns false, leaving the state unchanged, if the token is not allowed.
    @discardableResult
    public mutating func acceptToken(_ id: Int32) -> Bool {
        let index = grammar.tokenizer
        guard id >= 0, Int(id) < index.logitsSize else { return false }
        if index.eosTokenIDs.contains(id) {
            guard core.current.accepting else { return false }
            unique()
            var next = core.current
            next.terminated = true
            core.commit(next)
            return true
        }
        guard Int(id) < index.vocabularySize, index.isNormal[Int(id)], !core.current.terminated else { return false }
        unique()
        let bytes = Array(index.bytes(of: id))
        return advance(bytes)
    }

    /// Advances over raw bytes (text produced elsewhere, e.g. by a remote model). Returns false,
    /// leaving the state unchanged, if the bytes do not continue a document of the grammar.
    /// Counts as one step for `rollback`.
    @discardableResult
    public mutating func acceptBytes(_ bytes: [UInt8]) -> Bool {
        if core.current.terminated { return bytes.isEmpty }
        if bytes.isEmpty { return true }
        unique()
        return advance(bytes)
    }

    private mutating func advance(_ bytes: [UInt8]) -> Bool {
        let mark = core.arena.size
        core.resetBudget()
        let next = bytes.withUnsafeBufferPointer { core.advance(core.current, $0) }
        guard let next else {
            core.arena.truncate(to: mark)
            return false
        }
        core.commit(next)
        return true
    }

    /// Undoes the last `tokens` accepted tokens (or `acceptBytes` calls); at most
    /// `MatcherLimits.maxRollbackTokens` are remembered, and asking for more undoes all remembered ones.
    public mutating func rollback(_ tokens: Int) {
        guard tokens > 0, !core.history.isEmpty else { return }
        unique()
        let n = min(tokens, core.history.count)
        core.current = core.history[core.history.count - n]
        core.history.removeLast(n)
    }

    /// Number of steps `rollback` can currently undo.
    public var rollbackDepth: Int { core.history.count }

    /// Whether the text so far is a complete document (EOS would be allowed).
    public var isAccepting: Bool { core.current.accepting }

    /// Whether an EOS token has been accepted.
    public var isTerminated: Bool { core.current.terminated }

    /// Whether no continuation is possible at all (neither bytes nor EOS).
    public var isDead: Bool { core.current.tops.isEmpty && !core.current.accepting }

    /// Number of live parse stacks (nondeterministic branches).
    public var liveStackCount: Int { core.current.tops.count }

    /// The bytes every continuation must start with ("jump-forward"): empty when the document may
    /// end here or when two different next bytes are possible. At most 4,096 bytes.
    public func forcedBytes() -> [UInt8] {
        core.forcedBytes(limit: 4096)
    }

    /// Back to the start of the document; history is cleared.
    public mutating func reset() {
        unique()
        core.reset()
    }

    /// An independent copy of this matcher (copy-on-write: cheap until one of them advances).
    public func fork() -> GrammarMatcher { self }
}

extension MatcherCore {
    /// See `GrammarMatcher.forcedBytes()`.
    func forcedBytes(limit: Int) -> [UInt8] {
        var result: [UInt8] = []
        guard !current.terminated else { return result }
        let mark = arena.size
        defer { arena.truncate(to: mark) }
        resetBudget()
        var state = current
        let t = grammar.tables
        while !state.accepting && !state.tops.isEmpty && result.count < limit {
            var only: Int = -1
            var unique = true
            for f in state.tops where unique {
                let s = Int(arena.state[Int(f)])
                for e in Int(t.byteStart[s]) ..< Int(t.byteStart[s + 1]) {
                    let lo = Int(t.edgeLo[e]), hi = Int(t.edgeHi[e])
                    if lo != hi || (only >= 0 && only != lo) { unique = false; break }
                    only = lo
                }
            }
            guard unique, only >= 0 else { break }
            var b = UInt8(only)
            guard let next = withUnsafeBufferPointer(to: &b, { advance(state, $0) }) else { break }
            result.append(b)
            state = next
        }
        return result
    }
}

private func withUnsafeBufferPointer<R>(to value: inout UInt8, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    withUnsafeMutablePointer(to: &value) { body(UnsafeBufferPointer(start: $0, count: 1)) }
}
