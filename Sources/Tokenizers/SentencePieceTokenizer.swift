/// A SentencePiece-BPE encoder as llama.cpp runs it for `tokenizer.ggml.model = llama` vocabularies
/// (Llama 2, Mistral, Phi-3 …): spaces become `▁`, a leading `▁` is added after a special token or at
/// the start, characters merge pairwise by the highest piece score, and pieces without a token fall
/// back to `<0xNN>` byte tokens.
public final class SentencePieceTokenizer: TokenEncoder, @unchecked Sendable {
    public let vocabulary: TokenVocabulary
    /// Whether a `▁` is put before text that starts the input or follows a special token.
    public let addsSpacePrefix: Bool

    private let pieceIndex: ByteStringTable
    private let scores: [Float]
    private let byteToken: [Int32]
    private let specials: SpecialTokenMatcher

    /// - Parameters:
    ///   - pieces: the vocabulary's pieces as written in the file (`▁the`, `<0x0A>` …), indexed by id.
    ///   - scores: merge priority per id (higher merges first); missing entries count as 0.
    public init(
        vocabulary: TokenVocabulary, pieces: [String], scores: [Float], addsSpacePrefix: Bool = true,
        textTokens: [BPETokenizer.TextToken] = []
    ) throws {
        var index = ByteStringTable(capacity: pieces.count)
        // llama.cpp's text → id map keeps the last id of a repeated piece.
        for id in stride(from: pieces.count - 1, through: 0, by: -1) {
            index.insertIfAbsent(Array(pieces[id].utf8), id: Int32(id))
        }
        var byteToken = [Int32](repeating: -1, count: 256)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in 0..<256 {
            let name: [UInt8] = Array("<0x".utf8) + [hex[b >> 4], hex[b & 15], UInt8(ascii: ">")]
            if let id = index.id(name) ?? index.id([UInt8(b)]) { byteToken[b] = id }
        }
        self.vocabulary = vocabulary
        self.addsSpacePrefix = addsSpacePrefix
        self.pieceIndex = index
        self.scores = scores
        self.byteToken = byteToken
        self.specials = SpecialTokenMatcher(textTokens.filter { !$0.text.isEmpty && $0.id >= 0 && Int($0.id) < vocabulary.count })
    }

    /// Encodes `text` without BOS/EOS. Control tokens are recognised only when `parseSpecial` is true.
    public func encode(_ text: String, parseSpecial: Bool = false) throws -> [Int32] {
        let utf8 = Array(text.utf8)
        var out: [Int32] = []
        var previousWasSpecial = true
        for fragment in specials.split(utf8, parseSpecial: parseSpecial) {
            switch fragment {
            case .token(let id):
                out.append(id)
                previousWasSpecial = true
            case .text(let range):
                var escaped: [UInt8] = []
                escaped.reserveCapacity(range.count + 3)
                if addsSpacePrefix && previousWasSpecial { escaped += [0xE2, 0x96, 0x81] }
                for b in utf8[range] {
                    if b == 0x20 { escaped += [0xE2, 0x96, 0x81] } else { escaped.append(b) }
                }
                try encodeEscaped(escaped, into: &out)
                previousWasSpecial = false
            }
        }
        return out
    }

    public func decode(_ ids: [Int32]) -> [UInt8] {
        var out: [UInt8] = []
        for id in ids where id >= 0 && Int(id) < vocabulary.count { out.append(contentsOf: vocabulary.tokens[Int(id)]) }
        return out
    }

    private struct Symbol { var start: Int; var length: Int; var prev: Int; var next: Int }
    private struct Bigram { let left: Int; let right: Int; let score: Float; let size: Int
        /// Higher score first, then the leftmost.
        func before(_ o: Bigram) -> Bool { score != o.score ? score > o.score : left < o.left }
    }

    private func encodeEscaped(_ text: [UInt8], into out: inout [Int32]) throws {
        if text.isEmpty { return }
        var symbols: [Symbol] = []
        var offset = 0
        while offset < text.count {
            let lead = text[offset]
            let width = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let n = min(width, text.count - offset)
            symbols.append(Symbol(start: offset, length: n, prev: symbols.count - 1, next: offset + n == text.count ? -1 : symbols.count + 1))
            offset += n
        }
        var heap: [Bigram] = []
        var reverseMerge: [[UInt8]: (Int, Int)] = [:]

        func lookup(_ start: Int, _ length: Int) -> Int32? {
            text.withUnsafeBufferPointer { pieceIndex.id(UnsafeBufferPointer(rebasing: $0[start..<(start + length)])) }
        }
        func push(_ b: Bigram) {
            heap.append(b)
            var i = heap.count - 1
            while i > 0 { let p = (i - 1) / 2; if heap[i].before(heap[p]) { heap.swapAt(i, p); i = p } else { break } }
        }
        func pop() -> Bigram {
            let top = heap[0]
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < heap.count, heap[l].before(heap[m]) { m = l }
                    if r < heap.count, heap[r].before(heap[m]) { m = r }
                    if m == i { break }
                    heap.swapAt(i, m); i = m
                }
            }
            return top
        }
        func tryAdd(_ left: Int, _ right: Int) {
            guard left >= 0, right >= 0 else { return }
            let start = symbols[left].start, length = symbols[left].length + symbols[right].length
            guard let id = lookup(start, length) else { return }
            let score = Int(id) < scores.count ? scores[Int(id)] : 0
            push(Bigram(left: left, right: right, score: score, size: length))
            reverseMerge[Array(text[start..<(start + length)])] = (left, right)
        }

        for i in 1..<max(symbols.count, 1) { tryAdd(i - 1, i) }
        while !heap.isEmpty {
            let b = pop()
            let l = symbols[b.left], r = symbols[b.right]
            if l.length == 0 || r.length == 0 || l.length + r.length != b.size { continue }
            symbols[b.left].length += r.length
            symbols[b.right].length = 0
            symbols[b.left].next = r.next
            if r.next >= 0 { symbols[r.next].prev = b.left }
            tryAdd(symbols[b.left].prev, b.left)
            tryAdd(b.left, symbols[b.left].next)
        }

        func resegment(_ s: Symbol, depth: Int) {
            if let id = lookup(s.start, s.length) { out.append(id); return }
            let key = Array(text[s.start..<(s.start + s.length)])
            if depth < 64, let (a, b) = reverseMerge[key] {
                resegment(symbols[a], depth: depth + 1)
                resegment(symbols[b], depth: depth + 1)
                return
            }
            for k in s.start..<(s.start + s.length) where byteToken[Int(text[k])] >= 0 { out.append(byteToken[Int(text[k])]) }
        }
        var i = 0
        while i != -1 {
            resegment(symbols[i], depth: 0)
            i = symbols[i].next
        }
    }
}
