/// Finds verbatim tokens (`<|im_end|>`, user-defined tokens …) in UTF-8 text, longest match first.
struct SpecialTokenMatcher {
    enum Fragment { case text(Range<Int>), token(Int32) }

    private struct Entry { let bytes: [UInt8]; let id: Int32; let always: Bool }
    /// Entries by first byte, longest first.
    private var byFirstByte: [[Entry]] = Array(repeating: [], count: 256)
    private var isEmpty = true

    init(_ tokens: [BPETokenizer.TextToken]) {
        for t in tokens {
            let bytes = Array(t.text.utf8)
            byFirstByte[Int(bytes[0])].append(Entry(bytes: bytes, id: t.id, always: t.alwaysParsed))
            isEmpty = false
        }
        for i in 0..<256 { byFirstByte[i].sort { $0.bytes.count > $1.bytes.count } }
    }

    /// Cuts `text` into ordinary runs and matched tokens, scanning left to right.
    func split(_ text: [UInt8], parseSpecial: Bool) -> [Fragment] {
        if isEmpty || text.isEmpty { return text.isEmpty ? [] : [.text(0..<text.count)] }
        var out: [Fragment] = []
        var start = 0
        var i = 0
        scan: while i < text.count {
            for e in byFirstByte[Int(text[i])] where e.always || parseSpecial {
                if i + e.bytes.count <= text.count, text[i..<(i + e.bytes.count)].elementsEqual(e.bytes) {
                    if start < i { out.append(.text(start..<i)) }
                    out.append(.token(e.id))
                    i += e.bytes.count
                    start = i
                    continue scan
                }
            }
            i += 1
        }
        if start < text.count { out.append(.text(start..<text.count)) }
        return out
    }
}
