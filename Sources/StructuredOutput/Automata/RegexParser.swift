/// Parses the ECMA-262 pattern subset described on `RegexCompiler` into a `RegexNode`.
/// Positions in errors count Unicode scalars from 0.
struct RegexParser {
    private let scalars: [UInt32]
    private var position = 0
    private let limits: AutomataLimits

    init(_ pattern: String, limits: AutomataLimits) {
        scalars = pattern.unicodeScalars.map(\.value)
        self.limits = limits
    }

    static func parse(_ pattern: String, limits: AutomataLimits) throws -> RegexNode {
        var parser = RegexParser(pattern, limits: limits)
        let node = try parser.parseAlternation()
        if parser.position < parser.scalars.count {
            throw parser.error("unmatched ')'")
        }
        return node
    }

    private func error(_ message: String, at: Int? = nil) -> AutomataError {
        let where_ = at ?? position
        return AutomataError("regex: \(message) at character \(where_)", position: where_)
    }

    private var current: UInt32? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ offset: Int) -> UInt32? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private func isChar(_ value: UInt32?, _ char: Character) -> Bool {
        guard let value, let ascii = char.asciiValue else { return false }
        return value == UInt32(ascii)
    }

    // MARK: Structure

    private mutating func parseAlternation() throws -> RegexNode {
        var choices = [try parseSequence()]
        while isChar(current, "|") {
            position += 1
            choices.append(try parseSequence())
        }
        return choices.count == 1 ? choices[0] : .alternation(choices)
    }

    private mutating func parseSequence() throws -> RegexNode {
        var items: [RegexNode] = []
        while let char = current, char != 0x7C /* | */, char != 0x29 /* ) */ {
            let start = position
            let atom = try parseTerm()
            if case .startAnchor = atom, isQuantifierStart() { throw error("quantifier after an anchor", at: position) }
            if case .endAnchor = atom, isQuantifierStart() { throw error("quantifier after an anchor", at: position) }
            items.append(try parseQuantifier(atom, atomStart: start))
        }
        return items.count == 1 ? items[0] : .concatenation(items)
    }

    private func isQuantifierStart() -> Bool {
        guard let char = current else { return false }
        if char == 0x2A || char == 0x2B || char == 0x3F { return true }
        if char == 0x7B { var copy = self; return copy.parseBraces() != nil }
        return false
    }

    private mutating func parseTerm() throws -> RegexNode {
        guard let char = current else { throw error("unexpected end of pattern") }
        switch char {
        case 0x5E:  // ^
            position += 1
            return .startAnchor
        case 0x24:  // $
            position += 1
            return .endAnchor
        case 0x2E:  // .
            position += 1
            return .codePoints(CodePointSet.lineTerminators.inverted())
        case 0x28:  // (
            return try parseGroup()
        case 0x5B:  // [
            return .codePoints(try parseClass())
        case 0x5C:  // backslash
            return try parseAtomEscape()
        case 0x2A, 0x2B, 0x3F:  // * + ?
            throw error("nothing to repeat")
        case 0x7B:  // {
            if parseBracesLookahead() { throw error("nothing to repeat") }
            position += 1
            return .codePoints(CodePointSet(scalar: char))
        default:
            position += 1
            return .codePoints(CodePointSet(scalar: char))
        }
    }

    private func parseBracesLookahead() -> Bool {
        var copy = self
        return copy.parseBraces() != nil
    }

    private mutating func parseGroup() throws -> RegexNode {
        let open = position
        position += 1
        if isChar(current, "?") {
            let next = peek(1)
            if isChar(next, ":") {
                position += 2
            } else if isChar(next, "=") || isChar(next, "!") {
                throw error("lookahead assertions are not supported", at: open)
            } else if isChar(next, "<") {
                let after = peek(2)
                if isChar(after, "=") || isChar(after, "!") {
                    throw error("lookbehind assertions are not supported", at: open)
                }
                position += 2
                let nameStart = position
                while let char = current, char != 0x3E /* > */ {
                    let isNameChar = (char >= 0x30 && char <= 0x39) || (char >= 0x41 && char <= 0x5A)
                        || (char >= 0x61 && char <= 0x7A) || char == 0x5F || char == 0x24 || char > 0x7F
                    guard isNameChar else { throw error("invalid group name") }
                    position += 1
                }
                guard current != nil, position > nameStart else { throw error("invalid group name", at: nameStart) }
                position += 1
            } else {
                throw error("unsupported group or inline flags '(?'", at: open)
            }
        }
        let inner = try parseAlternation()
        guard isChar(current, ")") else { throw error("missing ')' for the group opened", at: open) }
        position += 1
        return inner
    }

    // MARK: Quantifiers

    private mutating func parseQuantifier(_ atom: RegexNode, atomStart: Int) throws -> RegexNode {
        guard let char = current else { return atom }
        var minimum: Int
        var maximum: Int?
        let quantifierStart = position
        switch char {
        case 0x2A: minimum = 0; maximum = nil; position += 1
        case 0x2B: minimum = 1; maximum = nil; position += 1
        case 0x3F: minimum = 0; maximum = 1; position += 1
        case 0x7B:
            guard let (low, high) = parseBraces() else { return atom }
            minimum = low
            maximum = high
        default:
            return atom
        }
        if isChar(current, "?") { position += 1 }  // lazy: same language
        if let maximum, maximum < minimum {
            throw error("numbers out of order in {} quantifier", at: quantifierStart)
        }
        if minimum > limits.maxRepeat || (maximum ?? 0) > limits.maxRepeat {
            throw error("repetition count exceeds the limit \(limits.maxRepeat)", at: quantifierStart)
        }
        if isQuantifierStart() { throw error("nothing to repeat", at: position) }
        return .repetition(atom, min: minimum, max: maximum)
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil (position unchanged) when the brace is not a quantifier, in
    /// which case Annex B reads it as a literal. Counts saturate at `Int.max / 2`.
    private mutating func parseBraces() -> (Int, Int?)? {
        let start = position
        position += 1
        guard let low = parseDecimal() else { position = start; return nil }
        var high: Int? = low
        if isChar(current, ",") {
            position += 1
            high = parseDecimal()
        }
        guard isChar(current, "}") else { position = start; return nil }
        position += 1
        return (low, high)
    }

    private mutating func parseDecimal() -> Int? {
        var value: Int?
        while let char = current, char >= 0x30, char <= 0x39 {
            value = min((value ?? 0) * 10 + Int(char - 0x30), Int.max / 20)
            position += 1
        }
        return value
    }

    // MARK: Escapes

    private mutating func parseAtomEscape() throws -> RegexNode {
        let start = position
        position += 1
        guard let char = current else { throw error("pattern ends with a backslash", at: start) }
        switch char {
        case 0x62, 0x42:  // b B
            throw error("word-boundary assertions (\\b, \\B) are not supported", at: start)
        case 0x31...0x39:
            throw error("backreferences are not supported", at: start)
        case 0x6B:  // k
            if isChar(peek(1), "<") { throw error("named backreferences are not supported", at: start) }
            position += 1
            return .codePoints(CodePointSet(scalar: char))
        default:
            return .codePoints(try parseCharacterEscape(inClass: false, start: start))
        }
    }

    /// Parses the escape after the backslash (current is the escaped character).
    private mutating func parseCharacterEscape(inClass: Bool, start: Int) throws -> CodePointSet {
        guard let char = current else { throw error("pattern ends with a backslash", at: start) }
        position += 1
        switch char {
        case 0x64: return .digits                      // d
        case 0x44: return CodePointSet.digits.inverted()  // D
        case 0x77: return .wordCharacters              // w
        case 0x57: return CodePointSet.wordCharacters.inverted()  // W
        case 0x73: return .whitespace                  // s
        case 0x53: return CodePointSet.whitespace.inverted()  // S
        case 0x74: return CodePointSet(scalar: 0x09)   // t
        case 0x6E: return CodePointSet(scalar: 0x0A)   // n
        case 0x72: return CodePointSet(scalar: 0x0D)   // r
        case 0x66: return CodePointSet(scalar: 0x0C)   // f
        case 0x76: return CodePointSet(scalar: 0x0B)   // v
        case 0x62 where inClass: return CodePointSet(scalar: 0x08)  // [\b] is backspace
        case 0x30:  // \0
            if let next = current, next >= 0x30, next <= 0x39 {
                throw error("octal escapes are not supported", at: start)
            }
            return CodePointSet(scalar: 0)
        case 0x63:  // \cX
            if let letter = current, (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A) {
                position += 1
                return CodePointSet(scalar: letter % 32)
            }
            position -= 1
            return CodePointSet(scalar: 0x5C)  // Annex B: a lone backslash
        case 0x78:  // \xHH
            guard let value = parseHex(count: 2) else { return CodePointSet(scalar: char) }
            return CodePointSet(scalar: value)
        case 0x75:  // \uHHHH, \u{H…}
            return CodePointSet(scalar: try parseUnicodeEscape(start: start))
        case 0x70, 0x50:  // \p \P
            throw error("Unicode property escapes (\\p, \\P) are not supported", at: start)
        case 0x31...0x39 where inClass:
            throw error("octal escapes are not supported", at: start)
        default:
            return CodePointSet(scalar: char)  // identity escape
        }
    }

    private mutating func parseHex(count: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<count {
            guard let digit = peek(offset).flatMap(Self.hexValue) else { return nil }
            value = value * 16 + digit
        }
        position += count
        return value
    }

    static func hexValue(_ char: UInt32) -> UInt32? {
        switch char {
        case 0x30...0x39: return char - 0x30
        case 0x41...0x46: return char - 0x41 + 10
        case 0x61...0x66: return char - 0x61 + 10
        default: return nil
        }
    }

    private mutating func parseUnicodeEscape(start: Int) throws -> UInt32 {
        if isChar(current, "{") {
            position += 1
            var value: UInt32 = 0
            var digits = 0
            while let char = current, let digit = Self.hexValue(char) {
                value = value * 16 + digit
                digits += 1
                position += 1
                guard value <= CodePointSet.maxCodePoint else { throw error("code point out of range", at: start) }
            }
            guard digits > 0, isChar(current, "}") else { throw error("invalid \\u{…} escape", at: start) }
            position += 1
            return try nonSurrogate(value, start: start)
        }
        guard let high = parseHex(count: 4) else { return 0x75 }  // Annex B: "\u" is "u"
        if (0xD800...0xDBFF).contains(high), isChar(current, "\\"), isChar(peek(1), "u") {
            let save = position
            position += 2
            if let low = parseHex(count: 4), (0xDC00...0xDFFF).contains(low) {
                return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            position = save
        }
        return try nonSurrogate(high, start: start)
    }

    private func nonSurrogate(_ value: UInt32, start: Int) throws -> UInt32 {
        if (0xD800...0xDFFF).contains(value) {
            throw error("lone surrogate escapes cannot match UTF-8 text", at: start)
        }
        return value
    }

    // MARK: Classes

    private mutating func parseClass() throws -> CodePointSet {
        let open = position
        position += 1
        var negated = false
        if isChar(current, "^") {
            negated = true
            position += 1
        }
        var set = CodePointSet()
        while true {
            guard let char = current else { throw error("missing ']' for the class opened", at: open) }
            if char == 0x5D { position += 1; break }
            let first = try parseClassAtom()
            if isChar(current, "-"), let after = peek(1), after != 0x5D {
                let dash = position
                position += 1
                let second = try parseClassAtom()
                guard let low = first.single, let high = second.single else {
                    // Annex B: a class escape next to '-' makes the dash literal.
                    set = set.union(first).union(second).union(CodePointSet(scalar: 0x2D))
                    continue
                }
                guard low <= high else { throw error("range out of order in character class", at: dash) }
                set = set.union(CodePointSet([low...high]))
            } else {
                set = set.union(first)
            }
        }
        return negated ? set.inverted() : set.subtractingSurrogates()
    }

    private mutating func parseClassAtom() throws -> CodePointSet {
        guard let char = current else { throw error("missing ']' in character class") }
        if char == 0x5C {
            let start = position
            position += 1
            if isChar(current, "B") { throw error("\\B is not valid in a character class", at: start) }
            if isChar(current, "-") { position += 1; return CodePointSet(scalar: 0x2D) }
            return try parseCharacterEscape(inClass: true, start: start)
        }
        position += 1
        return CodePointSet(scalar: char)
    }
}

extension CodePointSet {
    /// The only member, when the set is a single code point.
    var single: UInt32? {
        ranges.count == 1 && ranges[0].lowerBound == ranges[0].upperBound ? ranges[0].lowerBound : nil
    }
}
