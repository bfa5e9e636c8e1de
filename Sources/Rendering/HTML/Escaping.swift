/// Escaping of text and attribute values.
///
/// Text escapes `& < > " '`, so the same routine is safe inside double-quoted attributes. Control
/// characters (other than tab/newline/return) and the bidirectional embedding/override/isolate
/// controls (U+202A–U+202E, U+2066–U+2069) are dropped: they can reorder surrounding text and make a
/// label or link lie about itself. Works on UTF-8 bytes: Swift strings are always valid UTF-8, so
/// every multi-byte sequence is complete and only three lead patterns need a closer look.
enum Escaping {
    /// Whether a scalar is removed from every emitted string.
    @inline(__always)
    static func isStripped(_ v: UInt32) -> Bool {
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        if v == 0x7F { return true }
        if v < 0x80 { return false }
        return (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Whether `append` must look at byte `b`: the five escaped characters, the stripped controls,
    /// and the lead bytes (0xC2, 0xE2) of the stripped multi-byte sequences. One bit per byte value,
    /// so the common case costs a shift and a test.
    @inline(__always)
    private static func needsCare(_ b: UInt8) -> Bool {
        let words: (UInt64, UInt64, UInt64, UInt64) = (0x5000_00C4_FFFF_D9FF, 0x8000_0000_0000_0000, 0, 0x4_0000_0004)
        let word: UInt64
        switch b >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return (word >> UInt64(b & 63)) & 1 != 0
    }

    /// Whether any of the 8 bytes of `word` might need care: a control (below 0x20), DEL or any
    /// non-ASCII byte, or one of `& < > " '`. Exact when false, so a run of words for which it
    /// is false is copied without looking at each byte (bit tricks for "a byte below n" and "a
    /// zero byte" over the whole word).
    @inline(__always)
    private static func wordNeedsCare(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs = ones &* 0x80
        @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let control = (word &- ones &* 0x20) & ~word & highs
        let special = hasZero(word ^ (ones &* 0x26)) | hasZero(word ^ (ones &* 0x3C)) | hasZero(word ^ (ones &* 0x3E))
            | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x27)) | hasZero(word ^ (ones &* 0x7F))
        return (control | special | (word & highs)) != 0
    }

    /// Appends `text` to `out`, escaped for HTML text and double-quoted attribute values.
    @inline(__always)
    static func append(_ text: String, to out: inout ByteBuffer) {
        // The string's own UTF-8 in place (no mutable copy, so no reference count).
        if text.utf8.withContiguousStorageIfAvailable({ append(utf8: $0, to: &out) }) != nil { return }
        var text = text
        text.withUTF8 { append(utf8: $0, to: &out) }
    }

    /// Calls `body` with the UTF-8 of `text` when none of it needs escaping (it is then copied
    /// as is) and returns true; returns false without calling `body` otherwise.
    @inline(__always)
    static func ifPlain(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { src in
            guard firstCare(src) == src.count else { return false }
            body(src)
            return true
        } ?? false
    }

    /// The index of the first byte of `src` that needs care (`src.count` if none).
    @inline(__always)
    private static func firstCare(_ src: UnsafeBufferPointer<UInt8>) -> Int {
        let n = src.count
        guard let base = src.baseAddress, n >= 8 else {
            var i = 0
            while i < n && !needsCare(src[i]) { i += 1 }
            return i
        }
        var i = 0
        while i + 8 <= n {
            if wordNeedsCare(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { break }
            i += 8
        }
        // The last 8 bytes overlap what was checked: one more word covers the tail.
        if i + 8 > n && (i == n || !wordNeedsCare(UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self))) { return n }
        while i < n && !needsCare(src[i]) { i += 1 }
        return i
    }

    /// Appends UTF-8 text (valid UTF-8, as a `String`'s), escaped like `append(_:to:)`.
    @inline(__always)
    static func append(utf8 src: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        // Most text needs no escaping at all: one copy.
        let i = firstCare(src)
        if i == src.count { return out.append(src) }
        appendEscaping(src, from: i, to: &out)
    }

    /// `src` from `i`, its first byte that needs care, escaped (after the bytes before it).
    @inline(never)
    private static func appendEscaping(_ src: UnsafeBufferPointer<UInt8>, from start: Int, to out: inout ByteBuffer) {
        let n = src.count
        var i = start
        var runStart = 0
        @inline(__always) func flush(_ end: Int) {
            if end > runStart { out.append(UnsafeBufferPointer(rebasing: src[runStart..<end])) }
        }
        while i < n {
            let b = src[i]
            guard needsCare(b) else { i += 1; continue }
            switch b {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27:
                flush(i)
                switch b {
                case 0x26: out.append("&amp;")
                case 0x3C: out.append("&lt;")
                case 0x3E: out.append("&gt;")
                case 0x22: out.append("&quot;")
                default: out.append("&#39;")
                }
                i += 1
                runStart = i
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                flush(i)
                i += 1
                runStart = i
            case 0xC2 where i + 1 < n && src[i + 1] >= 0x80 && src[i + 1] <= 0x9F:  // C1 controls
                flush(i)
                i += 2
                runStart = i
            case 0xE2 where i + 2 < n
                && ((src[i + 1] == 0x80 && src[i + 2] >= 0xAA && src[i + 2] <= 0xAE)  // U+202A…202E
                    || (src[i + 1] == 0x81 && src[i + 2] >= 0xA6 && src[i + 2] <= 0xA9)):  // U+2066…2069
                flush(i)
                i += 3
                runStart = i
            default:
                i += 1
            }
        }
        flush(n)
    }

    /// `text` escaped for HTML.
    static func escape(_ text: String) -> String {
        var out = ByteBuffer(capacity: text.utf8.count + 16)
        append(text, to: &out)
        return out.string
    }
}
