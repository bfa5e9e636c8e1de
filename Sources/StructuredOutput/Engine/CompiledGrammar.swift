import Foundation

/// A validated `Grammar` bound to a vocabulary, with a lazily filled, thread-safe cache of
/// per-position token masks. Create one per (schema, vocabulary) and share it between requests;
/// each request gets its own `GrammarMatcher`.
///
/// Mask entries are computed on first use of a position. Entries of positions inside call-free
/// rules (string bodies, number lexemes, keywords) are also shared across grammars through a
/// process-wide cache keyed by the rule's automaton and the vocabulary fingerprint, so compiling a new
/// schema mostly reuses work already done.
public final class CompiledGrammar: @unchecked Sendable {
    /// The grammar as given.
    public let grammar: Grammar
    /// The vocabulary index the masks are computed against.
    public let tokenizer: TokenizerIndex
    /// The limits every matcher of this grammar runs under.
    public let limits: MatcherLimits

    let tables: GrammarTables
    private let follow: FollowSets
    private let lock = NSLock()
    private var entries: [MaskEntry?]
    private var builders: [MaskEntryBuilder?] = [nil, nil, nil]

    /// Validates `grammar` (ids in range, no repetition item or separator matching the empty string,
    /// no left recursion, including through nullable rules) and prepares it for `tokenizer`.
    /// - Throws: `GrammarValidationError` locating the first problem.
    public init(grammar: Grammar, tokenizer: TokenizerIndex, limits: MatcherLimits = .default) throws {
        self.grammar = grammar
        self.tokenizer = tokenizer
        self.limits = limits
        let flat = try FlatGrammar(grammar)
        tables = GrammarTables(flat)
        follow = FollowSets(grammar)
        entries = Array(repeating: nil, count: flat.stateCount)
    }

    /// Number of positions whose mask entry has been computed so far.
    public var cachedPositionCount: Int {
        lock.lock(); defer { lock.unlock() }
        return entries.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
    }

    /// Grammar size and estimated memory, mask entries computed so far included.
    public var footprint: GrammarFootprint {
        var byteEdges = 0, callEdges = 0, repetitions = 0
        for rule in grammar.rules {
            switch rule.body {
            case .automaton(let a): for s in a.states { byteEdges += s.bytes.count; callEdges += s.calls.count }
            case .repetition: repetitions += 1
            }
        }
        let tableBytes = grammar.estimatedBytes + tables.flat.estimatedBytes + tables.flat.hotCopyBytes + follow.estimatedBytes
        lock.lock()
        defer { lock.unlock() }
        var seen = Set<ObjectIdentifier>()
        var entryBytes = arrayBytes(entries)
        for case let e? in entries where seen.insert(ObjectIdentifier(e)).inserted { entryBytes += e.estimatedBytes }
        for e in repetitionEntries.values where seen.insert(ObjectIdentifier(e)).inserted { entryBytes += e.estimatedBytes }
        return GrammarFootprint(
            rules: grammar.rules.count, repetitions: repetitions, states: tables.stateCount, byteEdges: byteEdges,
            callEdges: callEdges, maskEntries: entries.reduce(0) { $0 + ($1 == nil ? 0 : 1) } + repetitionEntries.count,
            tableBytes: tableBytes, maskEntryBytes: entryBytes)
    }

    /// The mask entry of automaton state `state`, computed on first use.
    func entry(_ state: Int32) -> MaskEntry {
        let s = Int(state)
        lock.lock()
        defer { lock.unlock() }
        if let e = entries[s] { return e }
        let e: MaskEntry
        let follow = follow.follow[Int(tables.flat.stateRule[s])]
        if tables.flat.callFree[s] {
            let rule = Int(tables.flat.stateRule[s])
            let local = s - Int(tables.flat.ruleFirstState[rule])
            if case .automaton(let automaton) = grammar.rules[rule].body {
                let key = SharedEntryKey(automaton: automaton, state: local, follow: follow, vocabulary: tokenizer.fingerprint)
                e = SharedMaskEntries.entry(key) { makeBuilder().build(state: state, follow: follow) }
            } else {
                e = makeBuilder().build(state: state, follow: follow)
            }
        } else {
            e = makeBuilder().build(state: state, follow: follow)
        }
        entries[s] = e
        return e
    }

    /// Key of an entry for a position whose parent frame is a repetition: the repetition's state code
    /// and its count reduced to what a token can observe (distances to min and max, capped past the
    /// longest token of the part: counts farther away than a token can reach behave alike), and which
    /// part of the vocabulary (`TokenizerIndex.lengthPartition`) it covers: 0 all, 1 short, 2 long.
    struct RepetitionKey: Hashable {
        var state: Int32
        var repetition: Int32
        var toMin: Int32
        var toMax: Int32
        var part: Int8
    }
    private var repetitionEntries: [RepetitionKey: MaskEntry] = [:]

    /// The mask entries of automaton state `state` on top of repetition frame `(code, count)`: tokens
    /// may run through several items (a length-limited string is a counted repetition of one
    /// character). One entry, or, with a length partition of the vocabulary, one per part (disjoint
    /// token sets: the mask is their union).
    func entries(_ state: Int32, repetition code: Int32, count: Int32) -> [MaskEntry] {
        guard let parts = tokenizer.lengthPartition else { return [entry(state, repetition: code, count: count, part: 0, index: tokenizer)] }
        return [entry(state, repetition: code, count: count, part: 1, index: parts.short),
                entry(state, repetition: code, count: count, part: 2, index: parts.long)]
    }

    private func entry(_ state: Int32, repetition code: Int32, count: Int32, part: Int8, index: TokenizerIndex) -> MaskEntry {
        let (ri, _) = FlatGrammar.decodeRepetition(code)
        let horizon = Int32(index.maxTokenLength + 1)
        let lo = tables.repMin[ri], hi = tables.repMax[ri]
        let key = RepetitionKey(state: state, repetition: code, toMin: min(max(lo - count, 0), horizon),
                                toMax: hi < 0 ? -1 : min(max(hi - count, 0), horizon), part: part)
        lock.lock()
        defer { lock.unlock() }
        if let e = repetitionEntries[key] { return e }
        let follow = follow.follow[Int(tables.flat.repRule[ri])]
        let e: MaskEntry
        let builder = makeBuilder(part: Int(part), index: index)
        if let shared = sharedKey(state, repetition: code, toMin: key.toMin, toMax: key.toMax, follow: follow, vocabulary: index.fingerprint) {
            e = SharedMaskEntries.entry(shared) { builder.build(state: state, follow: follow, parent: (code, count)) }
        } else {
            e = builder.build(state: state, follow: follow, parent: (code, count))
        }
        if repetitionEntries.count >= CompiledGrammar.repetitionEntryCapacity { repetitionEntries.removeAll() }
        repetitionEntries[key] = e
        return e
    }
    static let repetitionEntryCapacity = 4096

    /// The process-wide key of an entry on top of a repetition whose item and separator are call-free
    /// (a length-limited string: a counted repetition of one JSON character): the walk then only
    /// involves those two automata and the count's distances to the bounds, so every grammar with
    /// such a string shares it.
    private func sharedKey(_ state: Int32, repetition code: Int32, toMin: Int32, toMax: Int32, follow: ByteSet,
                           vocabulary: UInt64) -> SharedRepetitionEntryKey? {
        let (ri, phase) = FlatGrammar.decodeRepetition(code)
        guard phase == 1 || phase == 2,
              case .repetition(let item, let separator, _, _) = grammar.rules[Int(tables.flat.repRule[ri])].body,
              case .automaton(let itemAutomaton) = grammar.rules[Int(item)].body,
              tables.flat.callFree[Int(tables.flat.ruleFirstState[Int(item)])] else { return nil }
        var separatorAutomaton: Automaton?
        if let separator {
            guard case .automaton(let a) = grammar.rules[Int(separator)].body,
                  tables.flat.callFree[Int(tables.flat.ruleFirstState[Int(separator)])] else { return nil }
            separatorAutomaton = a
        }
        let rule = Int(tables.flat.stateRule[Int(state)])
        return SharedRepetitionEntryKey(
            item: itemAutomaton, separator: separatorAutomaton, phase: phase, state: Int(state) - Int(tables.flat.ruleFirstState[rule]),
            toMin: toMin, toMax: toMax, follow: follow, vocabulary: vocabulary)
    }

    private func makeBuilder() -> MaskEntryBuilder { makeBuilder(part: 0, index: tokenizer) }

    /// The builder walking `index` (part 0: the whole vocabulary, 1 and 2: its length partition).
    private func makeBuilder(part: Int, index: TokenizerIndex) -> MaskEntryBuilder {
        if let b = builders[part] { return b }
        let b = MaskEntryBuilder(tables: tables, index: index, maxStacks: limits.maxStacks)
        builders[part] = b
        return b
    }
}

/// Key of a mask entry shareable across grammars: a call-free automaton, a state in it, the bytes
/// that may follow the rule, a vocabulary.
struct SharedEntryKey: Hashable, Sendable {
    var automaton: Automaton
    var state: Int
    var follow: ByteSet
    var vocabulary: UInt64
}

/// Key of a mask entry on top of a repetition with call-free item and separator, shareable across
/// grammars: both automata, which one the position is in (`phase` 1: item, 2: separator) and its
/// state there, the count's distances to the bounds (as in `CompiledGrammar.RepetitionKey`), the
/// bytes that may follow the repetition, a vocabulary.
struct SharedRepetitionEntryKey: Hashable, Sendable {
    var item: Automaton
    var separator: Automaton?
    var phase: Int
    var state: Int
    var toMin: Int32
    var toMax: Int32
    var follow: ByteSet
    var vocabulary: UInt64
}

/// The process-wide caches of mask entries of call-free rules and of call-free repetitions.
enum SharedMaskEntries {
    /// Entries kept at most per cache; a cache is cleared when it would grow past this.
    static let capacity = 4096
    private static let cache = SharedCache<SharedEntryKey, MaskEntry>(capacity: capacity)
    private static let repetitions = SharedCache<SharedRepetitionEntryKey, MaskEntry>(capacity: capacity)

    static func entry(_ key: SharedEntryKey, build: () -> MaskEntry) -> MaskEntry { cache.value(key, make: build) }
    static func entry(_ key: SharedRepetitionEntryKey, build: () -> MaskEntry) -> MaskEntry { repetitions.value(key, make: build) }
}
