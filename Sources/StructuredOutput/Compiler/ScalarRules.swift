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
           let (prefix, prefixLength, set, low, high) = Self.classSequence(patterns[0], limits: automataLimits) {
            // `^[A][B]{2}[C]{a,b}$`: a fixed-length prefix of classes, then a counted repetition of
            // the last class, whose bounds take the length bounds less the prefix's length.
            let lo = max(low, minLength - prefixLength)
            let hi = [high, maxLength.map { $0 - prefixLength }].compactMap { $0 }.min()
            if let hi, hi < lo { return try neverRule() }
            // A short tail stays in the pattern's DFA (a few states, no call for the engine to step).
            if let hi, hi >= Self.minCountedTail {
                do {
                    return try classSequenceRule(prefix, set, lo, hi, pattern: patterns[0])
                } catch let error as AutomataError {
                    throw SchemaError(pointer, "string constraints (pattern/length) cannot be compiled within limits: \(error)")
                }
            }
        }
        var content: ByteDFA? = nil
        let key = "string{pattern=\(patterns),format=\(formats),not=\(notPatterns),\(notStrings),len=\(minLength)-\(maxLength.map(String.init) ?? "")}"
        if let id = named[key] { return id }
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
            let id = try add(key, b, at: pointer)
            named[key] = id
            return id
        } catch let error as AutomataError {
            throw SchemaError(pointer, "string constraints (pattern/format/length) cannot be compiled within limits: \(error)")
        }
    }

    /// `(C, a, b)` when `pattern` is exactly `^[C]{a,b}$` (any quantifier on one code-point class,
    /// anchored at both ends), nil otherwise.
    static func classRepetition(_ pattern: String, limits: AutomataLimits) -> (CodePointSet, Int, Int?)? {
        guard let node = try? RegexParser.parse(pattern, limits: limits) else { return nil }
        func parts(_ n: RegexNode) -> [RegexNode] {
            if case .concatenation(let list) = n { return list.flatMap(parts) }
            return n == .empty ? [] : [n]
        }
        let list = parts(node)
        guard list.count == 3, list[0] == .startAnchor, list[2] == .endAnchor else { return nil }
        switch list[1] {
        case .codePoints(let set) where !set.isEmpty: return (set, 1, 1)
        case .repetition(.codePoints(let set), let a, let b) where !set.isEmpty: return (set, a, b)
        default: return nil
        }
    }

    /// The shortest bound on the last class for which `classSequence`'s counted repetition replaces
    /// the pattern's DFA, whose states grow with the bound (times the escape spellings). Below it
    /// the DFA is kept: its masks are cheaper than a counted repetition's, whose first visit at
    /// each remaining count walks the vocabulary (the catalog's ids, `^[a-z][a-z0-9-]{0,47}$`,
    /// compiled 16 M instructions faster as a repetition but tripled the gallery's mean mask time).
    static let minCountedTail = 64

    /// The longest fixed prefix `classSequence` takes (its characters become one small DFA).
    static let maxClassPrefix = 32

    /// `(prefix, n, C, a, b)` when `pattern` is `^P[C]{a,b}$` (anchored at both ends) where `P`
    /// is a sequence of code-point classes with fixed counts (`[A]`, `x`, `[B]{3}`), `n` ≥ 1
    /// characters in all, at most `maxClassPrefix`; nil otherwise. `^[C]{a,b}$` alone is
    /// `classRepetition`'s.
    static func classSequence(_ pattern: String, limits: AutomataLimits)
        -> (prefix: RegexNode, length: Int, set: CodePointSet, min: Int, max: Int?)? {
        guard let node = try? RegexParser.parse(pattern, limits: limits) else { return nil }
        func parts(_ n: RegexNode) -> [RegexNode] {
            if case .concatenation(let list) = n { return list.flatMap(parts) }
            return n == .empty ? [] : [n]
        }
        let list = parts(node)
        guard list.count >= 4, list.first == .startAnchor, list.last == .endAnchor else { return nil }
        var prefix: [RegexNode] = [], length = 0
        for item in list[1..<(list.count - 2)] {
            switch item {
            case .codePoints(let set) where !set.isEmpty: length += 1
            case .repetition(.codePoints(let set), let a, let b) where !set.isEmpty && b == a: length += a
            default: return nil
            }
            guard length <= maxClassPrefix else { return nil }
            prefix.append(item)
        }
        guard length >= 1 else { return nil }
        switch list[list.count - 2] {
        case .codePoints(let set) where !set.isEmpty: return (.concatenation(prefix), length, set, 1, 1)
        case .repetition(.codePoints(let set), let a, let b) where !set.isEmpty: return (.concatenation(prefix), length, set, a, b)
        default: return nil
        }
    }

    /// `"`, the JSON-encoded `prefix` (one small acyclic DFA), `min...max` characters of `set` (a
    /// counted repetition, as `classRepetitionRule`), `"`.
    func classSequenceRule(_ prefix: RegexNode, _ set: CodePointSet, _ minCount: Int, _ maxCount: Int?,
                           pattern: String) throws -> RuleID {
        let bounds = "\(minCount),\(maxCount.map(String.init) ?? "")"
        return try shared("string{classes=\(pattern),\(bounds)}") {
            let head = try shared("prefix{\(pattern)}") {
                .automaton(Automaton(try encode(try RegexNode.compileAnchored(prefix, limits: automataLimits))))
            }
            var b = AutomatonBuilder()
            let open = b.then(b.literal(AutomatonBuilder.start, [UInt8(ascii: "\"")]), call: head)
            let end = b.addState(accepting: true)
            if minCount == 0 { b.byte(open, UInt8(ascii: "\""), end) }
            if maxCount != 0 {
                let char = try shared("char{\(pattern)}") {
                    .automaton(Automaton(try encode(try RegexNode.compileAnchored(.codePoints(set), limits: automataLimits))))
                }
                let chars = try shared("chars{\(pattern)\(max(1, minCount)),\(maxCount.map(String.init) ?? "")}") {
                    .repetition(item: char, separator: nil, min: max(1, minCount), max: maxCount)
                }
                b.byte(b.then(open, call: chars), UInt8(ascii: "\""), end)
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
