/// The internal regular-expression tree shared by the regex parser, the format and the number
/// builders. Matching is over Unicode scalars; compilation goes to UTF-8 bytes.
indirect enum RegexNode: Sendable, Hashable {
    /// Matches the empty string.
    case empty
    /// One code point from the set.
    case codePoints(CodePointSet)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `min...max` copies (`max == nil`: unbounded).
    case repetition(RegexNode, min: Int, max: Int?)
    /// `^` (no multiline flag: only at the start of the input).
    case startAnchor
    /// `$` (only at the end of the input).
    case endAnchor

    static func literal(_ text: String) -> RegexNode {
        .concatenation(text.unicodeScalars.map { .codePoints(CodePointSet(scalar: $0.value)) })
    }

    static func scalars(_ ranges: ClosedRange<UInt32>...) -> RegexNode {
        .codePoints(CodePointSet(ranges))
    }

    /// Adds `self` between `from` and `to`. Constructions only add edges out of `from` and into
    /// `to` (loops use fresh states), so sibling fragments can share their endpoints safely.
    func build(into nfa: inout ByteNFA, from: Int32, to: Int32) throws {
        switch self {
        case .empty:
            nfa.addEpsilon(from: from, to: to)
        case .codePoints(let set):
            try nfa.addCodePoints(from: from, set, to: to)
        case .concatenation(let parts):
            guard !parts.isEmpty else {
                nfa.addEpsilon(from: from, to: to)
                return
            }
            var current = from
            for (offset, part) in parts.enumerated() {
                let next = offset == parts.count - 1 ? to : try nfa.addState()
                try part.build(into: &nfa, from: current, to: next)
                current = next
            }
        case .alternation(let choices):
            for choice in choices { try choice.build(into: &nfa, from: from, to: to) }
        case .repetition(let item, let min, let max):
            var current = from
            for _ in 0..<min {
                let next = try nfa.addState()
                try item.build(into: &nfa, from: current, to: next)
                current = next
            }
            if let max {
                for _ in min..<max {
                    let next = try nfa.addState()
                    nfa.addEpsilon(from: current, to: to)
                    try item.build(into: &nfa, from: current, to: next)
                    current = next
                }
                nfa.addEpsilon(from: current, to: to)
            } else {
                let loop = try nfa.addState()
                nfa.addEpsilon(from: current, to: loop)
                try item.build(into: &nfa, from: loop, to: loop)
                nfa.addEpsilon(from: loop, to: to)
            }
        case .startAnchor:
            nfa.addStartAnchor(from: from, to: to)
        case .endAnchor:
            nfa.addEndAnchor(from: from, to: to)
        }
    }

    /// A minimized DFA for strings matching the whole node.
    static func compileAnchored(_ node: RegexNode, limits: AutomataLimits) throws -> ByteDFA {
        var nfa = ByteNFA(limits: limits)
        nfa.start = try nfa.addState()
        nfa.final = try nfa.addState()
        try node.build(into: &nfa, from: nfa.start, to: nfa.final)
        return try nfa.determinized(limits: limits).minimized()
    }

    /// A minimized DFA for strings containing a match of the node (JSON Schema `pattern`
    /// semantics); anchors restrict where the match may sit.
    static func compileSearch(_ node: RegexNode, limits: AutomataLimits) throws -> ByteDFA {
        // A leading `^` pins the match to the start and a trailing `$` to the end, so the
        // any-prefix (resp. any-suffix) loop could never contribute and is left out: carried
        // through every subset it made `^[a-z][a-z0-9-]{0,47}$` cost 5.8 M instructions.
        var parts: [RegexNode]
        if case .concatenation(let list) = node { parts = list } else { parts = [node] }
        let startPinned = parts.first == .startAnchor
        let endPinned = parts.count > (startPinned ? 1 : 0) && parts.last == .endAnchor
        var nfa = ByteNFA(limits: limits)
        nfa.start = try nfa.addState()
        nfa.final = try nfa.addState()
        var from = nfa.start
        if !startPinned {
            let prefix = try nfa.addState()
            nfa.addEpsilon(from: nfa.start, to: prefix)
            try nfa.addCodePoints(from: prefix, .anyScalar, to: prefix)
            from = prefix
        }
        var to = nfa.final
        if !endPinned {
            let suffix = try nfa.addState()
            try nfa.addCodePoints(from: suffix, .anyScalar, to: suffix)
            nfa.addEpsilon(from: suffix, to: nfa.final)
            nfa.absorbing = suffix
            to = suffix
        }
        // The pinning anchors stay in the node: they hold where the node now starts and ends.
        try node.build(into: &nfa, from: from, to: to)
        return try nfa.determinized(limits: limits).minimized()
    }
}
