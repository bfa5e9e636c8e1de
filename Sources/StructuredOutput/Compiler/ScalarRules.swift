import Foundation
import JSONSchema

/// Strings (length in characters, `pattern`, `format`) and numbers (bounds, integer `multipleOf`).
/// Unconstrained ones share one rule per compilation (`json-string`, `json-number`, `json-integer`).
extension CompilerContext {
    func stringRule(_ obj: JSONObject, at pointer: JSONPointer) throws -> RuleID {
        let minLength = try countKeyword(obj, "minLength", at: pointer) ?? 0
        let maxLength = try countKeyword(obj, "maxLength", at: pointer)
        if let maxLength, maxLength < minLength { return try neverRule() }
        let patterns = try stringList(obj, "pattern", at: pointer)
        var formats = try stringList(obj, "format", at: pointer)
        for f in formats where FormatDFA.isAnnotation(f) {
            let warning = SchemaError(pointer / "format", "format \"\(f)\" is unknown: an annotation, not enforced")
            if !warnings.contains(where: { $0.pointer == warning.pointer && $0.message == warning.message }) { warnings.append(warning) }
        }
        formats.removeAll(where: FormatDFA.isAnnotation)
        let notStrings = (obj[Self.notStringsKey]?.arrayValue ?? []).compactMap(\.stringValue)
        let notPatterns = (obj[Self.notPatternsKey]?.arrayValue ?? []).compactMap(\.stringValue)
        if patterns.isEmpty && formats.isEmpty && notStrings.isEmpty && notPatterns.isEmpty {
            return try lengthRule(minLength, maxLength)
        }
        // One rule per distinct string schema (the catalog's ids recur 23 times): looked up before
        // the pattern is parsed and examined again. Lists are joined by hand (an array's
        // `description` goes through reflection).
        func list(_ items: [String]) -> String { items.map { "\($0.utf8.count):\($0)" }.joined() }
        let key = "string{pattern=\(list(patterns)),format=\(list(formats)),not=\(list(notPatterns)),\(list(notStrings)),len=\(minLength)-\(maxLength.map(String.init) ?? "")}"
        if let id = named[key] { return id }
        let id = try uncachedStringRule(patterns: patterns, formats: formats, notStrings: notStrings, notPatterns: notPatterns,
                                        minLength: minLength, maxLength: maxLength, key: key, at: pointer)
        named[key] = id
        return id
    }

    private func uncachedStringRule(patterns: [String], formats: [String], notStrings: [String], notPatterns: [String],
                                    minLength: Int, maxLength: Int?, key: String, at pointer: JSONPointer) throws -> RuleID {
        var formats = formats
        if patterns.count == 1, formats.isEmpty, notStrings.isEmpty, notPatterns.isEmpty,
           let (set, low, high) = Self.classRepetition(patterns[0], limits: automataLimits) {
            // `^[C]{a,b}$` with length bounds: a counted repetition of one character of C, like a
            // plain length-limited string, instead of the pattern × length product DFA (hundreds of
            // states, times ~10-30 for the escape spellings, then minimized).
            let lo = max(low, minLength)
            let hi = [high, maxLength].compactMap { $0 }.min()
            if let hi, hi < lo { return try neverRule() }
            if hi != nil {
                do {
                    return try classRepetitionRule(set, lo, hi, pattern: patterns[0])
                } catch let error as AutomataError {
                    throw SchemaError(pointer, "string constraints (pattern/length) cannot be compiled within limits: \(error)")
                }
            }
        }
        if patterns.count == 1, formats.isEmpty, notStrings.isEmpty, notPatterns.isEmpty,
           let sequence = Self.prefixedRepetition(patterns[0], limits: automataLimits) {
            // `^P[C]{a,b}$` (P a finite prefix, `https?://`): P, then a counted repetition of C
            // whose bounds are the length bounds less P's length, instead of the pattern × length
            // product, whose states grow with the bound (times the escape spellings).
            let tails = sequence.tails(minLength: minLength, maxLength: maxLength)
            if tails.isEmpty { return try neverRule() }
            // A short tail stays in the pattern's DFA (a few states, no call for the engine to step).
            if tails.allSatisfy({ $0.max.map { $0 >= Self.minCountedTail } ?? false }) {
                do {
                    return try prefixedRepetitionRule(sequence, tails, pattern: patterns[0])
                } catch let error as AutomataError {
                    throw SchemaError(pointer, "string constraints (pattern/length) cannot be compiled within limits: \(error)")
                }
            }
        }
        var content: ByteDFA? = nil
        do {
            for p in patterns {
                let dfa: ByteDFA
                do { dfa = try merger.regex(p) } catch {
                    throw SchemaError(pointer / "pattern", "pattern \"\(p)\" cannot be compiled: \(error)")
                }
                content = try content.map { try $0.intersection(dfa, limits: automataLimits) } ?? dfa
            }
            var known: [String] = []
            for f in formats {
                guard let dfa = try merger.format(f) else {
                    try unsupported(pointer / "format", "format \"\(f)\" is not supported by the grammar compiler")
                    continue
                }
                known.append(f)
                content = try content.map { try $0.intersection(dfa, limits: automataLimits) } ?? dfa
            }
            formats = known
            if !notStrings.isEmpty || !notPatterns.isEmpty {
                var excluded = ByteDFA.literals(notStrings.map { Array($0.utf8) })
                for p in notPatterns {
                    do { excluded = try excluded.union(try merger.regex(p), limits: automataLimits) } catch let error as AutomataError {
                        throw SchemaError(pointer / "not" / "pattern", "pattern \"\(p)\" cannot be compiled: \(error)")
                    }
                }
                let base = try content ?? ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: automataLimits)
                content = try base.difference(excluded, limits: automataLimits)
            }
            guard var dfa = content else { return try lengthRule(minLength, maxLength) }
            if minLength > 0 || maxLength != nil {
                let lengths = try ByteDFA.anyUTF8String(minChars: minLength, maxChars: maxLength, limits: automataLimits)
                dfa = try dfa.intersection(lengths, limits: automataLimits)
            }
            let body = try encode(dfa)
            var b = AutomatonBuilder()
            b.accept(b.quoted(body, from: AutomatonBuilder.start))
            return try add(key, b, at: pointer)
        } catch let error as AutomataError {
            throw SchemaError(pointer, "string constraints (pattern/format/length) cannot be compiled within limits: \(error)")
        }
    }

    /// `(C, a, b)` when `pattern` is exactly `^[C]{a,b}$` (any quantifier on one code-point class,
    /// anchored at both ends), nil otherwise.
    static func classRepetition(_ pattern: String, limits: AutomataLimits) -> (CodePointSet, Int, Int?)? {
        guard let node = try? RegexParser.parse(pattern, limits: limits) else { return nil }
        let list = sequenceParts(node)
        guard list.count == 3, list[0] == .startAnchor, list[2] == .endAnchor else { return nil }
        switch list[1] {
        case .codePoints(let set) where !set.isEmpty: return (set, 1, 1)
        case .repetition(.codePoints(let set), let a, let b) where !set.isEmpty: return (set, a, b)
        default: return nil
        }
    }

    /// The shortest bound on the last class for which `prefixedRepetition`'s counted repetition replaces
    /// the pattern's DFA, whose states grow with the bound (times the escape spellings). Below it
    /// the DFA is kept: its masks are cheaper than a counted repetition's, whose first visit at
    /// each remaining count walks the vocabulary (the catalog's ids, `^[a-z][a-z0-9-]{0,47}$`,
    /// compiled 16 M instructions faster as a repetition but tripled the gallery's mean mask time).
    static let minCountedTail = 64

    /// The items of a pattern read as a sequence: nested concatenations flattened, empties dropped.
    private static func sequenceParts(_ node: RegexNode) -> [RegexNode] {
        if case .concatenation(let list) = node { return list.flatMap(sequenceParts) }
        return node == .empty ? [] : [node]
    }

    /// The longest prefix `prefixedRepetition` takes, in characters.
    static let maxPrefixLength = 32

    /// A pattern `^P[C]{a,b}$`: a prefix `P` of finitely many strings of `prefixLengths`
    /// characters, then `a...b` characters of `C`. Without the `$`, `C{a,b}` is any characters.
    struct PrefixedRepetition {
        let prefix: RegexNode
        let prefixLengths: ClosedRange<Int>
        let set: CodePointSet
        let min: Int
        let max: Int?

        /// The repetition's bounds for each run of prefix lengths, given the string's length
        /// bounds; runs whose bounds cannot hold are left out (none left: no string matches).
        func tails(minLength: Int, maxLength: Int?) -> [(lengths: ClosedRange<Int>, min: Int, max: Int?)] {
            var result: [(lengths: ClosedRange<Int>, min: Int, max: Int?)] = []
            for length in prefixLengths {
                let lo = Swift.max(min, minLength - length)
                let hi = [max, maxLength.map { $0 - length }].compactMap { $0 }.min()
                if let hi, hi < lo { continue }
                if let last = result.last, last.lengths.upperBound == length - 1, last.min == lo, last.max == hi {
                    result[result.count - 1].lengths = last.lengths.lowerBound...length
                } else {
                    result.append((length...length, lo, hi))
                }
            }
            return result
        }
    }

    /// The pattern as a `PrefixedRepetition`, nil for any other shape (and for `^[C]{a,b}$`
    /// alone, `classRepetition`'s).
    static func prefixedRepetition(_ pattern: String, limits: AutomataLimits) -> PrefixedRepetition? {
        guard let node = try? RegexParser.parse(pattern, limits: limits) else { return nil }
        /// The shortest and longest match of a node without anchors or unbounded repetitions.
        func lengths(_ n: RegexNode) -> ClosedRange<Int>? {
            switch n {
            case .empty: return 0...0
            case .codePoints(let set): return set.isEmpty ? nil : 1...1
            case .concatenation(let list):
                var lo = 0, hi = 0
                for item in list {
                    guard let r = lengths(item) else { return nil }
                    lo += r.lowerBound; hi += r.upperBound
                    guard hi <= maxPrefixLength else { return nil }
                }
                return lo...hi
            case .alternation(let list):
                let ranges = list.compactMap(lengths)
                guard ranges.count == list.count, let lo = ranges.map(\.lowerBound).min(), let hi = ranges.map(\.upperBound).max() else { return nil }
                return lo...hi
            case .repetition(let item, let a, let b):
                guard let b, b <= maxPrefixLength, let r = lengths(item), r.upperBound * b <= maxPrefixLength else { return nil }
                return (r.lowerBound * a)...(r.upperBound * b)
            case .startAnchor, .endAnchor: return nil
            }
        }
        var list = sequenceParts(node)
        guard list.first == .startAnchor else { return nil }
        list.removeFirst()
        let tail: (CodePointSet, Int, Int?)
        if list.last == .endAnchor {
            list.removeLast()
            switch list.last {
            case .codePoints(let set)? where !set.isEmpty: tail = (set, 1, 1)
            case .repetition(.codePoints(let set), let a, let b)? where !set.isEmpty: tail = (set, a, b)
            default: return nil
            }
            list.removeLast()
        } else {
            tail = (.anyScalar, 0, nil)  // `^P`: P, then anything
        }
        // A prefix that may be empty would be a call that matches nothing: not taken.
        guard !list.isEmpty, let range = lengths(.concatenation(list)), range.lowerBound >= 1 else { return nil }
        return PrefixedRepetition(prefix: .concatenation(list), prefixLengths: range, set: tail.0, min: tail.1, max: tail.2)
    }

    /// `"`, then for each run of prefix lengths (`tails`): the JSON-encoded strings of the prefix
    /// with those lengths (a small acyclic DFA), `min...max` characters of the set (a counted
    /// repetition, as `classRepetitionRule`), `"`.
    func prefixedRepetitionRule(_ sequence: PrefixedRepetition, _ tails: [(lengths: ClosedRange<Int>, min: Int, max: Int?)],
                                pattern: String) throws -> RuleID {
        let bounds = tails.map { "\($0.lengths):\($0.min),\($0.max.map(String.init) ?? "")" }.joined(separator: ";")
        return try shared("string{prefixed=\(pattern),\(bounds)}") {
            let prefix = try RegexNode.compileAnchored(sequence.prefix, limits: automataLimits)
            var b = AutomatonBuilder()
            let open = b.literal(AutomatonBuilder.start, [UInt8(ascii: "\"")])
            let end = b.addState(accepting: true)
            for tail in tails {
                let head = try shared("prefix{\(pattern)}\(tail.lengths)") {
                    let exact = tail.lengths == sequence.prefixLengths ? prefix : try prefix.intersection(
                        ByteDFA.anyUTF8String(minChars: tail.lengths.lowerBound, maxChars: tail.lengths.upperBound, limits: automataLimits),
                        limits: automataLimits)
                    return .automaton(Automaton(try encode(exact)))
                }
                let afterHead = b.then(open, call: head)
                if tail.min == 0 { b.byte(afterHead, UInt8(ascii: "\""), end) }
                if tail.max != 0 {
                    let char = try shared("char{\(pattern)}") {
                        .automaton(Automaton(try encode(try RegexNode.compileAnchored(.codePoints(sequence.set), limits: automataLimits))))
                    }
                    let count = "\(Swift.max(1, tail.min)),\(tail.max.map(String.init) ?? "")"
                    let chars = try shared("chars{\(pattern)\(count)}") {
                        .repetition(item: char, separator: nil, min: Swift.max(1, tail.min), max: tail.max)
                    }
                    b.byte(b.then(afterHead, call: chars), UInt8(ascii: "\""), end)
                }
            }
            return .automaton(b.build())
        }
    }

    /// A string of `min...max` characters of `set` (`max` nil: unbounded): a counted repetition of
    /// one JSON-encoded character of the set, as `lengthRule` does for any character.
    func classRepetitionRule(_ set: CodePointSet, _ minLength: Int, _ maxLength: Int?, pattern: String) throws -> RuleID {
        try quotedRepetition(of: "\(pattern),", minLength, maxLength) {
            try shared("char{\(pattern)}") {
                .automaton(Automaton(try encode(try RegexNode.compileAnchored(.codePoints(set), limits: automataLimits))))
            }
        }
    }

    /// A string of `min...max` characters: a counted repetition of one JSON character.
    func lengthRule(_ minLength: Int, _ maxLength: Int?) throws -> RuleID {
        if minLength == 0 && maxLength == nil { return try stringRule() }
        return try quotedRepetition(of: "", minLength, maxLength) { try charRule() }
    }

    /// `"` then `min...max` items then `"`, the items a counted repetition of `item()` (one JSON
    /// character, built only when the string may be non-empty). `tag` names the item kind in the
    /// shared rule names ("" for any character).
    private func quotedRepetition(of tag: String, _ minLength: Int, _ maxLength: Int?,
                                  item: () throws -> RuleID) throws -> RuleID {
        let bounds = "\(max(1, minLength)),\(maxLength.map(String.init) ?? "")"
        let name = tag.isEmpty ? "string{\(minLength),\(maxLength.map(String.init) ?? "")}"
                               : "string{class=\(tag)\(minLength),\(maxLength.map(String.init) ?? "")}"
        return try shared(name) {
            var b = AutomatonBuilder()
            let open = b.literal(AutomatonBuilder.start, [UInt8(ascii: "\"")])
            let end = b.addState(accepting: true)
            if minLength == 0 { b.byte(open, UInt8(ascii: "\""), end) }
            if maxLength != 0 {
                let itemID = try item()
                let chars = try shared("chars{\(tag)\(bounds)}") {
                    .repetition(item: itemID, separator: nil, min: max(1, minLength), max: maxLength)
                }
                b.byte(b.then(open, call: chars), UInt8(ascii: "\""), end)
            }
            return .automaton(b.build())
        }
    }

    /// A keyword holding a string, or (after `allOf` merging) an array of strings.
    func stringList(_ obj: JSONObject, _ key: String, at pointer: JSONPointer) throws -> [String] {
        switch obj[key] {
        case nil: return []
        case .string(let s)?: return [s]
        case .array(let items)?:
            return try items.map {
                guard let s = $0.stringValue else { throw SchemaError(pointer / key, "\(key) must be a string") }
                return s
            }
        default: throw SchemaError(pointer / key, "\(key) must be a string")
        }
    }

    func numberRule(_ obj: JSONObject, integerOnly: Bool, at pointer: JSONPointer) throws -> RuleID {
        var integerOnly = integerOnly
        var multiple: Int64? = nil
        if let m = obj["multipleOf"] {
            guard let n = m.numberValue, n.double > 0 else { throw SchemaError(pointer / "multipleOf", "multipleOf must be a positive number") }
            if let k = n.int64, n.isInteger {
                integerOnly = true
                if k > 1 { multiple = k }
            } else {
                try unsupported(pointer / "multipleOf", "keyword \"multipleOf\" with a non-integer value (\(n.text)) is not supported by the grammar compiler")
            }
        }
        var lower: (value: JSONNumber, exclusive: Bool)? = nil
        var upper: (value: JSONNumber, exclusive: Bool)? = nil
        for (key, exclusive, isLower) in [("minimum", false, true), ("exclusiveMinimum", true, true), ("maximum", false, false), ("exclusiveMaximum", true, false)] {
            guard let v = obj[key] else { continue }
            guard let n = v.numberValue, n.double.isFinite else { throw SchemaError(pointer / key, "\(key) must be a number") }
            if isLower {
                if let l = lower, l.value.double > n.double || (l.value.double == n.double && l.exclusive) { continue }
                lower = (n, exclusive)
            } else {
                if let u = upper, u.value.double < n.double || (u.value.double == n.double && u.exclusive) { continue }
                upper = (n, exclusive)
            }
        }
        if lower == nil && upper == nil && multiple == nil { return try numberRule(integerOnly: integerOnly) }
        let key = "number{int=\(integerOnly),min=\(lower.map { "\($0.value.text)\($0.exclusive ? "x" : "")" } ?? ""),max=\(upper.map { "\($0.value.text)\($0.exclusive ? "x" : "")" } ?? ""),mul=\(multiple.map(String.init) ?? "")}"
        if let id = named[key] { return id }
        do {
            let limits = automataLimits
            // The same bounds recur from schema to schema (minimum 0 or 1, …): memoized for the process.
            let dfa = try Self.boundedNumbers.value(BoundedNumberKey(key: key, limits: limits)) {
                if lower == nil && upper == nil { return try NumberDFA.integerMultiple(of: multiple ?? 1, limits: limits) }
                // Decimal bounds: exact for non-integer and beyond-Int64 bounds alike.
                let bounded = try NumberDFA.number(
                    minimum: lower.flatMap { Decimal(string: $0.value.text) }, exclusiveMinimum: lower?.exclusive ?? false,
                    maximum: upper.flatMap { Decimal(string: $0.value.text) }, exclusiveMaximum: upper?.exclusive ?? false,
                    integerOnly: integerOnly, limits: limits)
                guard let multiple else { return bounded }
                return try bounded.intersection(try NumberDFA.integerMultiple(of: multiple, limits: limits), limits: limits)
            }
            let id = try add(key, .automaton(Automaton(dfa)), at: pointer)
            named[key] = id
            return id
        } catch let error as AutomataError {
            throw SchemaError(pointer, "number bounds cannot be compiled: \(error)")
        }
    }

    /// Number DFAs by their rule key (bounds, integer-only, multiple) and limits.
    private static let boundedNumbers = SharedCache<BoundedNumberKey, ByteDFA>(capacity: 256)
    private struct BoundedNumberKey: Hashable, Sendable {
        var key: String
        var limits: AutomataLimits
    }
}
