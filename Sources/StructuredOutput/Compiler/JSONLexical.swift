/// Byte-level building blocks of JSON text (RFC 8259), added to an `AutomatonBuilder`.
/// Everything here is deterministic: at most one byte edge per byte from every state.
enum JSONLexical {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")

    /// Edges from `from` to `to` consuming exactly one JSON string character in encoded form:
    /// an unescaped UTF-8 scalar (well-formed: no overlongs, no surrogates), a short escape
    /// (`\" \\ \/ \b \f \n \r \t`), a `\uXXXX` escape of a non-surrogate, or a `\uD8xx\uDCxx`
    /// surrogate pair (counted as one character, as JSON Schema counts code points).
    static func addChar(_ b: inout AutomatonBuilder, from: Int32, to: Int32) {
        // ASCII except '"', '\' and controls.
        b.bytes(from, 0x20, 0x21, to)
        b.bytes(from, 0x23, 0x5B, to)
        b.bytes(from, 0x5D, 0x7F, to)
        addMultiByteUTF8(&b, from: from, to: to)
        // Escapes.
        let esc = b.addState()
        b.byte(from, backslash, esc)
        for c in "\"\\/bfnrt".utf8 { b.byte(esc, c, to) }
        let u = b.addState()
        b.byte(esc, UInt8(ascii: "u"), u)
        // First hex digit: anything but d/D → three more hex digits.
        let h3 = b.addState(), h2 = b.addState(), h1 = b.addState()
        hex(&b, u, h3, except: "dD")
        hex(&b, h3, h2)
        hex(&b, h2, h1)
        hex(&b, h1, to)
        // dD: second digit 0-7 → plain BMP character.
        let d = b.addState()
        b.byte(u, UInt8(ascii: "d"), d)
        b.byte(u, UInt8(ascii: "D"), d)
        b.bytes(d, 0x30, 0x37, h2)
        // dD + 8-b: high surrogate; must be followed by \u + low surrogate (dc00-dfff).
        let hi2 = b.addState(), hi1 = b.addState(), slash = b.addState(), lu = b.addState()
        let ld = b.addState(), l2 = b.addState(), l1 = b.addState()
        for c in "89abAB".utf8 { b.byte(d, c, hi2) }
        hex(&b, hi2, hi1)
        hex(&b, hi1, slash)
        let slash2 = b.addState()
        b.byte(slash, backslash, slash2)
        b.byte(slash2, UInt8(ascii: "u"), lu)
        b.byte(lu, UInt8(ascii: "d"), ld)
        b.byte(lu, UInt8(ascii: "D"), ld)
        for c in "cdefCDEF".utf8 { b.byte(ld, c, l2) }
        hex(&b, l2, l1)
        hex(&b, l1, to)
    }

    /// Well-formed UTF-8 sequences of 2 to 4 bytes (Unicode Table 3-7).
    static func addMultiByteUTF8(_ b: inout AutomatonBuilder, from: Int32, to: Int32) {
        let c1 = b.addState(), c2 = b.addState(), c3 = b.addState()
        b.bytes(c1, 0x80, 0xBF, to)
        b.bytes(c2, 0x80, 0xBF, c1)
        b.bytes(c3, 0x80, 0xBF, c2)
        b.bytes(from, 0xC2, 0xDF, c1)
        let e0 = b.addState(), ed = b.addState()
        b.byte(from, 0xE0, e0); b.bytes(e0, 0xA0, 0xBF, c1)
        b.bytes(from, 0xE1, 0xEC, c2)
        b.byte(from, 0xED, ed); b.bytes(ed, 0x80, 0x9F, c1)
        b.bytes(from, 0xEE, 0xEF, c2)
        let f0 = b.addState(), f4 = b.addState()
        b.byte(from, 0xF0, f0); b.bytes(f0, 0x90, 0xBF, c2)
        b.bytes(from, 0xF1, 0xF3, c3)
        b.byte(from, 0xF4, f4); b.bytes(f4, 0x80, 0x8F, c2)
    }

    static func hex(_ b: inout AutomatonBuilder, _ from: Int32, _ to: Int32, except: String = "") {
        let ex = Set(except.utf8)
        for c in "0123456789abcdefABCDEF".utf8 where !ex.contains(c) { b.byte(from, c, to) }
    }

    /// A whole JSON string: `"` char* `"`.
    static func stringAutomaton() -> Automaton {
        var b = AutomatonBuilder()
        let body = b.addState()
        b.byte(AutomatonBuilder.start, quote, body)
        addChar(&b, from: body, to: body)
        let end = b.addState(accepting: true)
        b.byte(body, quote, end)
        return b.build()
    }

    /// Exactly one JSON string character (for counted repetitions).
    static func charAutomaton() -> Automaton {
        var b = AutomatonBuilder()
        let end = b.addState(accepting: true)
        addChar(&b, from: AutomatonBuilder.start, to: end)
        return b.build()
    }

    /// A JSON number; with `integerOnly`, `-?(0|[1-9][0-9]*)` (no fraction, no exponent).
    static func numberAutomaton(integerOnly: Bool) -> Automaton {
        var b = AutomatonBuilder()
        let s = AutomatonBuilder.start
        let sign = b.addState(), zero = b.addState(accepting: true), digits = b.addState(accepting: true)
        b.byte(s, UInt8(ascii: "-"), sign)
        for from in [s, sign] {
            b.byte(from, UInt8(ascii: "0"), zero)
            b.bytes(from, 0x31, 0x39, digits)
        }
        b.bytes(digits, 0x30, 0x39, digits)
        if !integerOnly {
            let dot = b.addState(), frac = b.addState(accepting: true)
            let e = b.addState(), esign = b.addState(), exp = b.addState(accepting: true)
            for from in [zero, digits] {
                b.byte(from, UInt8(ascii: "."), dot)
                b.byte(from, UInt8(ascii: "e"), e)
                b.byte(from, UInt8(ascii: "E"), e)
            }
            b.bytes(dot, 0x30, 0x39, frac)
            b.bytes(frac, 0x30, 0x39, frac)
            b.byte(frac, UInt8(ascii: "e"), e)
            b.byte(frac, UInt8(ascii: "E"), e)
            b.byte(e, UInt8(ascii: "+"), esign)
            b.byte(e, UInt8(ascii: "-"), esign)
            b.bytes(e, 0x30, 0x39, exp)
            b.bytes(esign, 0x30, 0x39, exp)
            b.bytes(exp, 0x30, 0x39, exp)
        }
        return b.build()
    }

    /// One to `maxRun` JSON whitespace bytes.
    static func whitespaceAutomaton(maxRun: Int) -> Automaton {
        var b = AutomatonBuilder()
        var cur = AutomatonBuilder.start
        for _ in 0..<max(1, maxRun) {
            let next = b.addState(accepting: true)
            for c in [UInt8(0x20), 0x09, 0x0A, 0x0D] { b.byte(cur, c, next) }
            cur = next
        }
        return b.build()
    }

    /// An automaton accepting nothing.
    static func neverAutomaton() -> Automaton { Automaton(states: [Automaton.State()]) }
}
