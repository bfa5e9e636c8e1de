/// Maps automata over decoded string content to automata over JSON string bodies.
///
/// Accepted encodings of each decoded character:
/// - `"` → `\"`; `\` → `\\`; `/` → `/` or `\/`;
/// - U+0000–U+001F → the short escapes `\b \f \n \r \t` where they exist, and `\u00XX`;
/// - every other character → raw UTF-8, and also its `\uXXXX` form when cheap (see below);
/// - astral characters (U+10000 and up) → raw UTF-8 only: surrogate-pair escapes are not accepted
///   (a JSON text written by a model never needs them), and lone surrogates never are.
///
/// "Cheap": `\uXXXX` for every BMP character costs about 30 states per content state, `\u00XX`
/// for ASCII about 12. The encoder tries, in order, all BMP escapes, ASCII escapes only, then
/// escapes only where JSON requires them (`\u00XX` for control characters), and keeps the first
/// that fits `limits.maxStates`. Every level is exact for what it accepts: each accepted body
/// decodes to a string of the content language.
public enum JSONStringEncoding {
    /// How many `\uXXXX` spellings the encoded automaton accepts besides the raw characters.
    public enum EscapeLevel: Sendable, CaseIterable {
        /// `\uXXXX` for every BMP scalar (hex digits in either case).
        case basicMultilingualPlane
        /// `\u00XX` for ASCII only.
        case ascii
        /// `\u00XX` for the control characters U+0000–U+001F only.
        case controlCharacters
    }

    /// Given a DFA over decoded string content, returns a DFA over the JSON-encoded string body
    /// (the bytes between the quotes), at the richest escape level that fits the limits. Content
    /// bytes that are not well-formed UTF-8 are dropped.
    /// `wellFormed`: `content` is minimal and accepts only well-formed UTF-8 (as every DFA built
    /// from code points is: patterns, formats, literals, lengths and their products), so the
    /// intersection with the UTF-8 strings, which would return it unchanged, is skipped.
    public static func encode(_ content: ByteDFA, limits: AutomataLimits, wellFormed: Bool = false) throws -> ByteDFA {
        let valid = wellFormed ? content : try content.intersection(
            ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits), limits: limits)
        var lastError: Error?
        for level in EscapeLevel.allCases {
            do {
                return try encodeMinimal(valid, escapes: level, limits: limits)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? AutomataError("JSON string encoding failed")
    }

    /// The encoding at one escape level (throws when it exceeds `limits.maxStates`); with
    /// `minimize: false` the explored automaton as is (deterministic, not minimal, not canonical).
    /// `wellFormed`: the content is known to be well-formed UTF-8 (the bytes of Swift strings), so
    /// intersecting it with the UTF-8 strings is skipped.
    public static func encode(_ content: ByteDFA, escapes level: EscapeLevel, limits: AutomataLimits,
                              minimize: Bool = true, wellFormed: Bool = false) throws -> ByteDFA {
        let valid = wellFormed ? content : try content.intersection(
            ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits), limits: limits)
        let encoded = try Encoder(content: valid, level: level, stateLimit: limits.maxStates).run()
        return minimize ? encoded.minimized() : encoded
    }

    /// The minimal encoding of a minimal, well-formed content DFA at one escape level: explored,
    /// then merged by `quotient` (no partition refinement).
    static func encodeMinimal(_ valid: ByteDFA, escapes level: EscapeLevel, limits: AutomataLimits) throws -> ByteDFA {
        let (encoded, isContent) = try Encoder(content: valid, level: level, stateLimit: limits.maxStates).explore()
        return quotient(encoded, isContent: isContent)
    }

    /// The explored (unminimized) encoding of a well-formed content DFA; `reference`: by the
    /// byte-by-byte, hashed construction it replaced (kept for tests comparing the two).
    static func explored(_ valid: ByteDFA, escapes level: EscapeLevel, limits: AutomataLimits,
                         reference: Bool) throws -> (dfa: ByteDFA, isContent: [Bool]) {
        let encoder = Encoder(content: valid, level: level, stateLimit: limits.maxStates)
        return reference ? try encoder.referenceExplore() : try encoder.explore()
    }

    /// The minimal automaton of an explored encoding of a *minimal* content DFA, without partition
    /// refinement: content states stay apart (two content states with different languages have
    /// different encoded languages, since every string has a spelling and spellings decode
    /// uniquely), and the escape states, which form an acyclic layer of at most five bytes between
    /// content states, are merged bottom-up by their edges (dead ones dropped). Numbered like
    /// `minimized()`, and equal to it, except that an escape state equivalent to a content state
    /// (no such case is known) would stay apart: still exact, one state larger.
    static func quotient(_ dfa: ByteDFA, isContent: [Bool]) -> ByteDFA {
        let n = dfa.stateCount
        var klass = [Int32](repeating: -2, count: n)   // -2: not yet, -1: dead
        for i in 0..<n where isContent[i] { klass[i] = Int32(i) }
        // Escape classes are numbered n, n + 1, …: `representative[id - n]` is a state of class `id`.
        var bySignature: [EdgeSignature: Int32] = [:]
        // Growing the table rehashed every signature at each doubling (an eighth of `quotient`).
        bySignature.reserveCapacity(n - isContent.lazy.filter { $0 }.count)
        var representative: [Int] = []
        /// Edges of `state` by class as (lo, hi, class) triples: dead targets dropped, adjacent
        /// ranges to one class merged.
        func classEdges(_ state: Int) -> [Int32] {
            var list: [Int32] = []
            list.reserveCapacity(3 * dfa.edges[state].count)
            for e in dfa.edges[state] {
                let c = classOf(Int(e.target))
                guard c >= 0 else { continue }
                if list.count >= 3, list[list.count - 1] == c, list[list.count - 2] + 1 == Int32(e.lo) {
                    list[list.count - 2] = Int32(e.hi)
                } else {
                    list.append(Int32(e.lo)); list.append(Int32(e.hi)); list.append(c)
                }
            }
            return list
        }
        func classOf(_ state: Int) -> Int32 {
            if klass[state] != -2 { return klass[state] }
            // An escape state (never accepting): its class is its edges'.
            let signature = EdgeSignature(words: classEdges(state))
            if signature.words.isEmpty { klass[state] = -1; return -1 }
            if let known = bySignature[signature] { klass[state] = known; return known }
            let id = Int32(n + representative.count)
            bySignature[signature] = id
            representative.append(state)
            klass[state] = id
            return id
        }
        // Breadth-first from the start (a content state), edges in byte order.
        var number: [Int32] = []   // by class id, -1: not numbered yet
        func numbered(_ c: Int32) -> Int32? {
            Int(c) < number.count && number[Int(c)] >= 0 ? number[Int(c)] : nil
        }
        func setNumber(_ c: Int32, _ id: Int32) {
            if Int(c) >= number.count { number.append(contentsOf: repeatElement(-1, count: Int(c) + 1 - number.count)) }
            number[Int(c)] = id
        }
        let startClass = classOf(0)
        setNumber(startClass, 0)
        var order: [Int32] = [startClass]
        var newEdges: [[ByteDFA.Edge]] = []
        var newAccepting: [Bool] = []
        var cursor = 0
        while cursor < order.count {
            let c = order[cursor]
            cursor += 1
            let state = Int(c) < n ? Int(c) : representative[Int(c) - n]
            newAccepting.append(dfa.accepting[state])
            var list: [ByteDFA.Edge] = []
            let edges = classEdges(state)
            list.reserveCapacity(edges.count / 3)
            var k = 0
            while k < edges.count {
                let lo = UInt8(edges[k]), hi = UInt8(edges[k + 1]), target = edges[k + 2]
                k += 3
                let id: Int32
                if let known = numbered(target) {
                    id = known
                } else {
                    id = Int32(order.count)
                    setNumber(target, id)
                    order.append(target)
                }
                list.appendMerging(lo, hi, id)
            }
            newEdges.append(list)
        }
        return ByteDFA(edges: newEdges, accepting: newAccepting)
    }

    /// An escape state's edges by class, hashed as one run of bytes (hashing an `[Int32]` combines
    /// each element on its own: most of `quotient`'s time before).
    private struct EdgeSignature: Hashable {
        let words: [Int32]
        func hash(into hasher: inout Hasher) { words.withUnsafeBytes { hasher.combine(bytes: $0) } }
        static func == (a: Self, b: Self) -> Bool { a.words == b.words }
    }
}

/// The lazily explored product of the content DFA with the escape syntax.
private struct Encoder {
    /// Where the encoder is: between characters in content state `s`, or inside an escape that
    /// will land in a content state.
    enum Config: Hashable {
        case content(Int)
        case escape(Int)               // after `\`
        case unicode(Int)              // after `\u`
        case zero(Int)                 // after `\u0`
        case zeroZero(Int)             // after `\u00`
        case ascii(Int, high: Int)     // after `\u00H`, H < 8: one byte left
        case twoByte(Int, high: Int)   // after `\u0B`, 1 ≤ B ≤ 7: two-byte character
        case threeByte(Int, surrogateRisk: Bool)  // after `\uA`, lead byte consumed
        case threeByteB(Int, second: Int)         // second hex digit known, lead consumed
        case continuation(Int, pending: Int)      // last hex digit completes a continuation byte
    }

    let content: ByteDFA
    let level: JSONStringEncoding.EscapeLevel
    let stateLimit: Int
    private var bmpEscapes: Bool { level == .basicMultilingualPlane }

    init(content: ByteDFA, level: JSONStringEncoding.EscapeLevel, stateLimit: Int) {
        self.content = content
        self.level = level
        self.stateLimit = stateLimit
    }

    private func step(_ state: Int, _ byte: Int) -> Int? { content.next(state, UInt8(byte)) }

    private func hasEdge(_ state: Int, in bytes: ClosedRange<Int>) -> Bool {
        content.edges[state].contains { Int($0.lo) <= bytes.upperBound && Int($0.hi) >= bytes.lowerBound }
    }

    /// The short escapes: the letter after `\\` and the character it decodes to.
    private static let shortEscapes: [(letter: UInt8, decoded: Int)] = [
        (0x22, 0x22), (0x5C, 0x5C), (0x2F, 0x2F), (0x62, 0x08), (0x66, 0x0C), (0x6E, 0x0A), (0x72, 0x0D), (0x74, 0x09),
    ]

    /// Outgoing transitions as byte ranges sorted by `lo` (disjoint), written into `result`.
    /// A content state's raw characters come as the content DFA's own ranges (minus the bytes
    /// JSON forbids raw), not byte by byte.
    private func successors(_ config: Config, into result: inout [(lo: UInt8, hi: UInt8, next: Config)]) {
        result.removeAll(keepingCapacity: true)
        func hex(_ range: ClosedRange<Int>, _ make: (Int) -> Config?) {
            for value in range {
                guard let next = make(value) else { continue }
                if value < 10 {
                    result.append((UInt8(0x30 + value), UInt8(0x30 + value), next))
                } else {
                    result.append((UInt8(0x41 + value - 10), UInt8(0x41 + value - 10), next))
                    result.append((UInt8(0x61 + value - 10), UInt8(0x61 + value - 10), next))
                }
            }
        }
        switch config {
        case .content(let state):
            for edge in content.edges[state] {
                let next = Config.content(Int(edge.target))
                var lo = max(Int(edge.lo), 0x20)
                let hi = Int(edge.hi)
                while lo <= hi {
                    // Raw `"` and `\` are not allowed: cut the range around them.
                    let stop = lo <= 0x22 && 0x22 <= hi ? 0x22 : (lo <= 0x5C && 0x5C <= hi ? 0x5C : hi + 1)
                    if stop > lo { result.append((UInt8(lo), UInt8(stop - 1), next)) }
                    lo = stop + 1
                }
            }
            // Escapes decode to whole characters: only offer them between characters.
            if content.edges[state].contains(where: { $0.lo < 0x80 || $0.hi >= 0xC2 }) {
                result.append((0x5C, 0x5C, .escape(state)))
            }
        case .escape(let state):
            for (letter, decoded) in Self.shortEscapes {
                if let next = step(state, decoded) { result.append((letter, letter, .content(next))) }
            }
            result.append((UInt8(ascii: "u"), UInt8(ascii: "u"), .unicode(state)))
        case .unicode(let state):
            hex(0...0) { _ in .zero(state) }
            if bmpEscapes {
                hex(1...15) { digit in step(state, 0xE0 | digit).map { .threeByte($0, surrogateRisk: digit == 0xD) } }
            }
        case .zero(let state):
            hex(0...0) { _ in .zeroZero(state) }
            if bmpEscapes {
                hex(1...7) { high in hasEdge(state, in: 0xC0 | high << 2...(0xC3 | high << 2)) ? .twoByte(state, high: high) : nil }
                hex(8...15) { digit in step(state, 0xE0).map { .threeByteB($0, second: digit) } }
            }
        case .zeroZero(let state):
            hex(0...(level == .controlCharacters ? 1 : 7)) { high in hasEdge(state, in: high << 4...(high << 4 | 15)) ? .ascii(state, high: high) : nil }
            if bmpEscapes {
                hex(8...15) { digit in step(state, 0xC0 | (digit >> 2)).map { .continuation($0, pending: digit & 3) } }
            }
        case .ascii(let state, let high):
            hex(0...15) { digit in step(state, high << 4 | digit).map { .content($0) } }
        case .twoByte(let state, let high):
            hex(0...15) { digit in
                step(state, 0xC0 | high << 2 | digit >> 2).map { .continuation($0, pending: digit & 3) }
            }
        case .threeByte(let state, let surrogateRisk):
            hex(0...(surrogateRisk ? 7 : 15)) { .threeByteB(state, second: $0) }
        case .threeByteB(let state, let second):
            hex(0...15) { digit in
                step(state, 0x80 | second << 2 | digit >> 2).map { .continuation($0, pending: digit & 3) }
            }
        case .continuation(let state, let pending):
            hex(0...15) { digit in step(state, 0x80 | pending << 4 | digit).map { .content($0) } }
        }
        result.sort { $0.lo < $1.lo }
    }

    /// Configurations per content state (the `slot` numbering).
    private static let slotsPerState = 43

    /// A dense number for a configuration: its content state times `slotsPerState` plus its kind
    /// and parameter (no hashing in the exploration).
    private static func slot(_ config: Config) -> Int {
        switch config {
        case .content(let s): return s * slotsPerState
        case .escape(let s): return s * slotsPerState + 1
        case .unicode(let s): return s * slotsPerState + 2
        case .zero(let s): return s * slotsPerState + 3
        case .zeroZero(let s): return s * slotsPerState + 4
        case .ascii(let s, let high): return s * slotsPerState + 5 + high             // 5...12
        case .twoByte(let s, let high): return s * slotsPerState + 13 + high          // 14...20
        case .threeByte(let s, let risk): return s * slotsPerState + (risk ? 22 : 21)
        case .threeByteB(let s, let second): return s * slotsPerState + 23 + second   // 23...38
        case .continuation(let s, let pending): return s * slotsPerState + 39 + pending // 39...42
        }
    }

    func run() throws -> ByteDFA { try explore().dfa }

    /// The explored automaton, and which of its states are content states (between characters
    /// or inside a raw UTF-8 sequence, as opposed to inside an escape). States are numbered in
    /// discovery order (breadth-first, transitions by byte).
    func explore() throws -> (dfa: ByteDFA, isContent: [Bool]) {
        var index = [Int32](repeating: -1, count: content.stateCount * Self.slotsPerState)
        index[Self.slot(.content(0))] = 0
        var configs: [Config] = [.content(0)]
        var edges: [[ByteDFA.Edge]] = []
        var accepting: [Bool] = []
        var isContent: [Bool] = []
        var successors: [(lo: UInt8, hi: UInt8, next: Config)] = []
        var cursor = 0
        while cursor < configs.count {
            let config = configs[cursor]
            cursor += 1
            if case .content(let state) = config {
                accepting.append(content.accepting[state])
                isContent.append(true)
            } else {
                accepting.append(false)
                isContent.append(false)
            }
            self.successors(config, into: &successors)
            var list: [ByteDFA.Edge] = []
            list.reserveCapacity(successors.count)
            for (lo, hi, next) in successors {
                let key = Self.slot(next)
                var id = index[key]
                if id < 0 {
                    guard configs.count < stateLimit else {
                        throw AutomataError("JSON string encoding exceeds \(stateLimit) states")
                    }
                    id = Int32(configs.count)
                    index[key] = id
                    configs.append(next)
                }
                list.appendMerging(lo, hi, id)
            }
            edges.append(list)
        }
        return (ByteDFA(edges: edges, accepting: accepting), isContent)
    }

    // MARK: reference (tests)
    /// Outgoing (byte, config) pairs, byte by byte: content edges enumerated one byte at a time,
    /// as before range successors; escape configurations, whose successors are single bytes
    /// either way, expanded from `successors(_:into:)`.
    private func referenceSuccessors(_ config: Config) -> [(UInt8, Config)] {
        var result: [(UInt8, Config)] = []
        if case .content(let state) = config {
            for edge in content.edges[state] {
                for byte in Int(edge.lo)...Int(edge.hi) where byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                    result.append((UInt8(byte), .content(Int(edge.target))))
                }
            }
            // Escapes decode to whole characters: only offer them between characters.
            if content.edges[state].contains(where: { $0.lo < 0x80 || $0.hi >= 0xC2 }) {
                result.append((0x5C, .escape(state)))
            }
            return result
        }
        var ranges: [(lo: UInt8, hi: UInt8, next: Config)] = []
        successors(config, into: &ranges)
        for r in ranges { for byte in r.lo...r.hi { result.append((byte, r.next)) } }
        return result
    }

    /// The explored automaton, and which of its states are content states (between characters
    /// or inside a raw UTF-8 sequence, as opposed to inside an escape).
    func referenceExplore() throws -> (dfa: ByteDFA, isContent: [Bool]) {
        var index: [Config: Int32] = [.content(0): 0]
        var configs: [Config] = [.content(0)]
        var edges: [[ByteDFA.Edge]] = []
        var accepting: [Bool] = []
        var isContent: [Bool] = []
        var cursor = 0
        while cursor < configs.count {
            let config = configs[cursor]
            cursor += 1
            if case .content(let state) = config { accepting.append(content.accepting[state]) } else { accepting.append(false) }
            if case .content = config { isContent.append(true) } else { isContent.append(false) }
            var list: [ByteDFA.Edge] = []
            for (byte, next) in referenceSuccessors(config).sorted(by: { $0.0 < $1.0 }) {
                let id: Int32
                if let known = index[next] {
                    id = known
                } else {
                    guard configs.count < stateLimit else {
                        throw AutomataError("JSON string encoding exceeds \(stateLimit) states")
                    }
                    id = Int32(configs.count)
                    index[next] = id
                    configs.append(next)
                }
                list.appendMerging(byte, byte, id)
            }
            edges.append(list)
        }
        return (ByteDFA(edges: edges, accepting: accepting), isContent)
    }
}
