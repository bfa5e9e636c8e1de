/// A deliberately simple, slow and obviously-correct recognizer for a `Grammar`: it keeps the *set of all
/// parser stacks* reachable after the bytes fed so far and advances every one of them on each byte.
///
/// It exists as the test oracle for the schema compiler and the mask engine, not for production use:
/// its cost grows with the grammar's ambiguity. Stacks deeper than `maxDepth` are dropped (that only
/// matters for left-recursive or runaway grammars, which the compiler never emits).
public struct ReferenceRecognizer: Sendable {
    /// One activation of a rule on a parser stack.
    enum Frame: Hashable, Sendable {
        /// Inside an automaton rule, at `state`.
        case automaton(rule: RuleID, state: Int32)
        /// Inside a repetition rule: `count` items matched so far; `phase` says what may come next.
        case repetition(rule: RuleID, count: Int, phase: RepetitionPhase)
    }

    enum RepetitionPhase: Hashable, Sendable {
        /// Nothing matched yet: an item (or, when `min == 0`, the end) comes next.
        case start
        /// An item was just matched: a separator, another item or the end may come next.
        case afterItem
        /// A separator was just matched: an item must come next.
        case afterSeparator
    }

    public let grammar: Grammar
    public let maxDepth: Int
    /// Every stack (top of stack last) that can continue from the bytes fed so far; the empty stack
    /// means the whole start rule has been matched.
    private(set) var stacks: Set<[Frame]>

    public init(grammar: Grammar, maxDepth: Int = 2_000) {
        self.grammar = grammar
        self.maxDepth = maxDepth
        self.stacks = []
        if grammar.rules.indices.contains(Int(grammar.start)) {
            self.stacks = closure(of: [[Self.entry(grammar.start, in: grammar)]])
        }
    }

    /// True when the bytes fed so far form a complete document.
    public var isAccepting: Bool { stacks.contains([]) }

    /// True while some continuation of the bytes fed so far may still be accepted (or already is).
    public var isAlive: Bool { !stacks.isEmpty }

    /// Consumes one byte; returns false (and becomes dead) when no stack can take it.
    @discardableResult
    public mutating func feed(_ byte: UInt8) -> Bool {
        var next: [[Frame]] = []
        for stack in stacks {
            guard case .automaton(let rule, let state)? = stack.last,
                  case .automaton(let automaton) = grammar[rule].body else { continue }
            for edge in automaton.states[Int(state)].bytes where edge.lo <= byte && byte <= edge.hi {
                var moved = stack
                moved[moved.count - 1] = .automaton(rule: rule, state: edge.target)
                next.append(moved)
            }
        }
        stacks = closure(of: next)
        return !stacks.isEmpty
    }

    /// Feeds a byte sequence; false as soon as a byte is refused.
    @discardableResult
    public mutating func feed<S: Sequence>(bytes: S) -> Bool where S.Element == UInt8 {
        for b in bytes where !feed(b) { return false }
        return true
    }

    /// Whether `bytes` is exactly one complete document of `grammar`.
    public static func accepts<S: Sequence>(grammar: Grammar, bytes: S) -> Bool where S.Element == UInt8 {
        var r = ReferenceRecognizer(grammar: grammar)
        return r.feed(bytes: bytes) && r.isAccepting
    }

    public static func accepts(grammar: Grammar, text: String) -> Bool {
        accepts(grammar: grammar, bytes: Array(text.utf8))
    }

    static func entry(_ rule: RuleID, in grammar: Grammar) -> Frame {
        switch grammar[rule].body {
        case .automaton: return .automaton(rule: rule, state: 0)
        case .repetition: return .repetition(rule: rule, count: 0, phase: .start)
        }
    }

    /// All stacks reachable from `seeds` without consuming a byte: entering called rules, leaving
    /// rules in accepting states, and moving through repetitions.
    func closure(of seeds: [[Frame]]) -> Set<[Frame]> {
        var seen = Set<[Frame]>()
        var work = seeds
        while let stack = work.popLast() {
            guard stack.count <= maxDepth, seen.insert(stack).inserted else { continue }
            guard let top = stack.last else { continue }
            let below = Array(stack.dropLast())
            func call(_ rule: RuleID, returningTo frame: Frame) {
                guard grammar.rules.indices.contains(Int(rule)) else { return }
                work.append(below + [frame, Self.entry(rule, in: grammar)])
            }
            switch top {
            case .automaton(let rule, let state):
                guard case .automaton(let automaton) = grammar[rule].body else { continue }
                let s = automaton.states[Int(state)]
                if s.accepting { work.append(below) }
                for edge in s.calls { call(edge.rule, returningTo: .automaton(rule: rule, state: edge.target)) }
            case .repetition(let rule, let count, let phase):
                guard case .repetition(let item, let separator, let min, let max) = grammar[rule].body else { continue }
                let canTakeMore = max.map { count < $0 } ?? true
                switch phase {
                case .start:
                    if min == 0 { work.append(below) }
                    if canTakeMore { call(item, returningTo: .repetition(rule: rule, count: count + 1, phase: .afterItem)) }
                case .afterSeparator:
                    call(item, returningTo: .repetition(rule: rule, count: count + 1, phase: .afterItem))
                case .afterItem:
                    if count >= min { work.append(below) }
                    if canTakeMore {
                        if let separator {
                            call(separator, returningTo: .repetition(rule: rule, count: count, phase: .afterSeparator))
                        } else {
                            call(item, returningTo: .repetition(rule: rule, count: count + 1, phase: .afterItem))
                        }
                    }
                }
            }
        }
        return seen
    }
}
