/// Hand-written equivalents of the standard pre-tokenizer regexes. Each step tries the pattern's
/// alternatives in order at the current position, as a backtracking regex engine would, and emits
/// the first that matches.
struct PreTokenScanner {
    let s: [Unicode.Scalar]
    let c: [ScalarClass]

    /// Length of a contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`) starting at `i`, if any.
    func contraction(at i: Int, end: Int, caseInsensitive: Bool) -> Int? {
        guard s[i] == "'", i + 1 < end else { return nil }
        func letter(_ k: Int) -> UInt32 {
            let v = s[k].value
            return caseInsensitive && v >= 0x41 && v <= 0x5A ? v + 0x20 : v
        }
        let a = letter(i + 1)
        switch a {
        case 0x73, 0x74, 0x6D, 0x64: return 2  // s t m d
        default: break
        }
        guard i + 2 < end else { return nil }
        let b = letter(i + 2)
        switch (a, b) {
        case (0x72, 0x65), (0x76, 0x65), (0x6C, 0x6C): return 3  // re ve ll
        default: return nil
        }
    }

    /// End of the run of scalars from `i` satisfying `test`, stopping at `end` or after `limit` scalars.
    @inline(__always)
    func run(from i: Int, end: Int, limit: Int = .max, _ test: (ScalarClass) -> Bool) -> Int {
        var j = i
        while j < end, j - i < limit, test(c[j]) { j += 1 }
        return j
    }

    /// The whitespace tail rules shared by both patterns: `\s+(?!\S)|\s+` from `i` (a whitespace scalar).
    @inline(__always)
    func whitespace(from i: Int, end: Int) -> Int {
        let e = run(from: i, end: end) { $0.isSpace }
        if e == end || e - i < 2 { return e }
        return e - 1
    }

    /// GPT-2's pattern over `range`, whose end counts as the end of the text.
    func gpt2(_ range: Range<Int>, into out: inout [Range<Int>]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            if let n = contraction(at: i, end: end, caseInsensitive: false) {
                out.append(i..<(i + n)); i += n; continue
            }
            let k = s[i] == " " ? i + 1 : i
            var stop = i
            if k < end {
                let ck = c[k]
                if ck.isLetter { stop = run(from: k, end: end) { $0.isLetter } }
                else if ck.isNumber { stop = run(from: k, end: end) { $0.isNumber } }
                else if ck.isOther { stop = run(from: k, end: end) { $0.isOther } }
            }
            if stop == i { stop = c[i].isSpace ? whitespace(from: i, end: end) : i + 1 }
            out.append(i..<stop)
            i = stop
        }
    }

    /// Llama 3's pattern (Qwen 2's with `maxDigits` 1) over the whole text.
    func llama3(maxDigits: Int, into out: inout [Range<Int>]) {
        var i = 0
        let end = s.count
        while i < end {
            if let n = contraction(at: i, end: end, caseInsensitive: true) {
                out.append(i..<(i + n)); i += n; continue
            }
            let ci = c[i]
            var stop = i
            if ci.isLetter {
                // \p{L}+
                stop = run(from: i, end: end) { $0.isLetter }
            } else if !ci.isNewline, !ci.isNumber, i + 1 < end, c[i + 1].isLetter {
                // [^\r\n\p{L}\p{N}]\p{L}+
                stop = run(from: i + 1, end: end) { $0.isLetter }
            } else if ci.isNumber {
                // \p{N}{1,maxDigits}
                stop = run(from: i, end: end, limit: maxDigits) { $0.isNumber }
            } else {
                // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
                let k = s[i] == " " ? i + 1 : i
                if k < end, c[k].isOther {
                    let o = run(from: k, end: end) { $0.isOther }
                    stop = run(from: o, end: end) { $0.isNewline }
                } else if ci.isSpace {
                    // `\s*[\r\n]+`, else `\s+(?!\S)|\s+`
                    let e = run(from: i, end: end) { $0.isSpace }
                    var lastNewline = -1
                    var j = e - 1
                    while j >= i { if c[j].isNewline { lastNewline = j; break }; j -= 1 }
                    stop = lastNewline >= 0 ? lastNewline + 1 : whitespace(from: i, end: end)
                } else {
                    stop = i + 1
                }
            }
            out.append(i..<stop)
            i = stop
        }
    }
}
