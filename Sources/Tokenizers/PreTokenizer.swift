import Foundation

/// How text is cut into pre-tokens before byte-level BPE runs inside each piece.
///
/// The standard patterns are implemented by hand-written scanners that follow the regexes'
/// leftmost-first alternation exactly (faster than a regex engine and free of UTF-16 detours);
/// any other pattern runs through `NSRegularExpression`.
public enum PreTokenizer: Sendable, Equatable {
    /// GPT-2: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
    case gpt2
    /// GPT-2's pattern after splitting every digit apart (llama.cpp's `smollm`, `starcoder`, `refact` …).
    case gpt2SingleDigits
    /// Llama 3 / cl100k: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`.
    case llama3
    /// Qwen 2: Llama 3's pattern with single digits (`\p{N}` instead of `\p{N}{1,3}`).
    case qwen2
    /// Any other pattern, matched with `NSRegularExpression` (unmatched text becomes its own pieces).
    case regex(String)

    /// The regex each built-in scanner implements.
    public static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    public static let llama3Pattern = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    public static let qwen2Pattern = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    /// o200k_base (GPT-4o); runs through `NSRegularExpression`.
    public static let o200kPattern = #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// The pre-tokenizer llama.cpp uses for a `tokenizer.ggml.pre` name, or `nil` when unknown.
    public static func forGGUF(pre: String) -> PreTokenizer? {
        switch pre {
        case "gpt-2", "gpt2", "mpt", "olmo", "jais", "phi-2", "trillion": return .gpt2
        case "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva-7b": return .gpt2SingleDigits
        case "llama-bpe", "llama3", "llama-v3", "smaug-bpe", "dbrx", "falcon3", "pixtral", "llama4": return .llama3
        case "qwen2", "deepseek-r1-qwen", "stablelm2", "megrez": return .qwen2
        default: return nil
        }
    }

    /// The pre-tokenizer for a regex, choosing a built-in scanner when the pattern is a standard one.
    public static func forPattern(_ pattern: String) -> PreTokenizer {
        switch pattern {
        case gpt2Pattern: return .gpt2
        case llama3Pattern: return .llama3
        case qwen2Pattern: return .qwen2
        default: return .regex(pattern)
        }
    }

    /// Splits `text` into pre-tokens, returned as ranges of `scalars` indices.
    func split(_ scalars: [Unicode.Scalar]) throws -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(scalars.count / 3 + 1)
        switch self {
        case .gpt2:
            let classes = scalars.map(ScalarClass.init)
            PreTokenScanner(s: scalars, c: classes).gpt2(0..<scalars.count, into: &out)
        case .gpt2SingleDigits:
            let classes = scalars.map(ScalarClass.init)
            let scanner = PreTokenScanner(s: scalars, c: classes)
            var start = 0
            for i in 0..<scalars.count where classes[i].isNumber {
                if start < i { scanner.gpt2(start..<i, into: &out) }
                out.append(i..<(i + 1))
                start = i + 1
            }
            if start < scalars.count { scanner.gpt2(start..<scalars.count, into: &out) }
        case .llama3:
            let classes = scalars.map(ScalarClass.init)
            PreTokenScanner(s: scalars, c: classes).llama3(maxDigits: 3, into: &out)
        case .qwen2:
            let classes = scalars.map(ScalarClass.init)
            PreTokenScanner(s: scalars, c: classes).llama3(maxDigits: 1, into: &out)
        case .regex(let pattern):
            try regexSplit(scalars, pattern: pattern, into: &out)
        }
        return out
    }

    private func regexSplit(_ scalars: [Unicode.Scalar], pattern: String, into out: inout [Range<Int>]) throws {
        let re: NSRegularExpression
        do { re = try NSRegularExpression(pattern: pattern) } catch {
            throw TokenizerError(.unsupported, "the pre-tokenizer regex does not compile: \(error)", pointer: "/pre_tokenizer")
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        let string = String(text)
        // Map UTF-16 offsets back to scalar indices.
        var scalarAtUTF16: [Int] = []
        scalarAtUTF16.reserveCapacity(string.utf16.count + 1)
        for (i, s) in scalars.enumerated() {
            scalarAtUTF16.append(i)
            if s.value > 0xFFFF { scalarAtUTF16.append(i) }
        }
        scalarAtUTF16.append(scalars.count)
        var last = 0
        let ns = string as NSString
        for m in re.matches(in: string, range: NSRange(location: 0, length: ns.length)) where m.range.length > 0 {
            let lo = scalarAtUTF16[m.range.location], hi = scalarAtUTF16[m.range.location + m.range.length]
            if last < lo { out.append(last..<lo) }
            out.append(lo..<hi)
            last = hi
        }
        if last < scalars.count { out.append(last..<scalars.count) }
    }
}

/// The character classes the standard patterns test, computed once per scalar.
struct ScalarClass {
    let bits: UInt8
    static let letter: UInt8 = 1, number: UInt8 = 2, space: UInt8 = 4, newline: UInt8 = 8

    init(_ s: Unicode.Scalar) {
        let v = s.value
        if v < 0x80 {
            switch v {
            case 0x41...0x5A, 0x61...0x7A: bits = Self.letter
            case 0x30...0x39: bits = Self.number
            case 0x0A, 0x0D: bits = Self.space | Self.newline
            case 0x09, 0x0B, 0x0C, 0x20: bits = Self.space
            default: bits = 0
            }
            return
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            bits = Self.letter
        case .decimalNumber, .letterNumber, .otherNumber:
            bits = Self.number
        default:
            bits = s.properties.isWhitespace ? Self.space : 0
        }
    }

    var isLetter: Bool { bits & Self.letter != 0 }
    var isNumber: Bool { bits & Self.number != 0 }
    var isSpace: Bool { bits & Self.space != 0 }
    var isNewline: Bool { bits & Self.newline != 0 }
    /// `[^\s\p{L}\p{N}]`
    var isOther: Bool { bits & (Self.letter | Self.number | Self.space) == 0 }
}
