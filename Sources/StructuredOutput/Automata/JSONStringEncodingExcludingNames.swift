extension JSONStringEncoding {
    /// JSON string bodies, in every spelling of the `\uXXXX`-for-the-whole-BMP escape level, of the
    /// strings that are not one of `names`: the minimal, canonically numbered automaton of
    /// Enc(any string − names), the key set of an object's free members.
    ///
    /// Built directly instead of encoding the names and subtracting them from Enc(any) (a product of
    /// two automata, then a merge by hashing: most of the compile of a small object): the result is
    /// known in closed form. It is Enc(any) (minimal, memoized) plus, for each node of the names' trie,
    /// a copy of the Enc(any) state the node sits in with the edges toward its children redirected,
    /// and for each node with BMP children the few escape states (`\`, `\u`, `\uH`, `\uHH`, `\uHHH`)
    /// whose hex prefix a child shares. Any other byte leaves every name: the rest is any string, an
    /// edge into Enc(any). See `ExcludedNamesBuilder` for why the result is minimal.
    /// Throws past `limits.maxStates` added states.
    static func encodedStrings(excluding names: [String], limits: AutomataLimits) throws -> ByteDFA {
        let any = try encodedAnyStrings.value(limits) {
            try encode(try ByteDFA.anyUTF8String(minChars: 0, maxChars: nil, limits: limits),
                       escapes: .basicMultilingualPlane, limits: limits)
        }
        guard !names.isEmpty else { return any }
        var builder = ExcludedNamesBuilder(any: any, names: names, stateLimit: limits.maxStates)
        let root = try builder.contentState(0, at: 0)
        return ByteDFA.canonical(edges: builder.edges, accepting: builder.accepting, root: root)
    }

    /// Enc(any string) at the BMP escape level, per limits: the core of every key set.
    private static let encodedAnyStrings = SharedCache<AutomataLimits, ByteDFA>(capacity: 8)
}

/// The states of Enc(any − names) added to Enc(any) (its states keep their numbers, from 0), built
/// children first and hash-consed by (Enc(any) state, accepting, redirected edges).
///
/// Why hash-consing gives the minimal automaton: an added state's language is its Enc(any) state's
/// minus a nonempty finite set (spellings of name suffixes). Two Enc(any) states' languages differ
/// by an infinite set (a string `w` one accepts and the other does not stays so followed by any run
/// of "g": only the character boundary, Enc(any)'s start, reads a raw "g", and it accepts), so an
/// added state is never equivalent to an Enc(any) state, and two equivalent added states sit in the
/// same Enc(any) state. The added states form an acyclic graph (every path through them follows a
/// spelling of a name prefix), so, built children first, two of them are equivalent exactly when
/// they sit in the same state with the same accepting flag and the same redirected edges (targets
/// already merged). Enc(any) has one character-boundary state, its start (0): where the raw bytes
/// of the names' characters lead, and escapes start.
private struct ExcludedNamesBuilder {
    let any: ByteDFA
    let stateLimit: Int
    /// The trie of the names over UTF-8 bytes (not minimized: each node has one path, so one
    /// Enc(any) state). Node 0 is the root.
    var children: [[(byte: UInt8, node: Int32)]] = [[]]
    var isName = [false]
    /// The result so far: Enc(any)'s states, then the added ones.
    var edges: [[ByteDFA.Edge]]
    var accepting: [Bool]
    /// Result state of each trie node, once built.
    var stateOfNode: [Int32]
    var interned: [Signature: Int32] = [:]

    /// An added state up to equivalence: its Enc(any) state, accepting flag, and redirected bytes with
    /// their targets (`byte << 32 | target`, in byte order).
    struct Signature: Hashable {
        var base: Int32
        var accepting: Bool
        var redirects: [UInt64]
    }

    init(any: ByteDFA, names: [String], stateLimit: Int) {
        self.any = any
        self.stateLimit = stateLimit
        edges = any.edges
        accepting = any.accepting
        for name in names {
            var node = 0
            for byte in name.utf8 {
                if let child = children[node].first(where: { $0.byte == byte }) {
                    node = Int(child.node)
                } else {
                    children.append([])
                    isName.append(false)
                    children[node].append((byte, Int32(children.count - 1)))
                    node = children.count - 1
                }
            }
            isName[node] = true
        }
        for i in children.indices { children[i].sort { $0.byte < $1.byte } }
        stateOfNode = [Int32](repeating: -1, count: children.count)
        interned.reserveCapacity(children.count * 4)
    }

    /// The state for trie node `node`, which sits in Enc(any) state `at`: `at`'s edges with the
    /// raw bytes of the children (and, at a character boundary, the escapes of BMP children)
    /// redirected; accepting where Enc(any) accepts, unless the node is a name.
    mutating func contentState(_ node: Int, at state: Int) throws -> Int32 {
        if stateOfNode[node] >= 0 { return stateOfNode[node] }
        var redirects: [(byte: UInt8, target: Int32)] = []
        for child in children[node] {
            // `"`, `\` and control characters are reached by escapes only (Enc(any) has no raw edge
            // on them, or, for `\`, its edge starts an escape).
            guard child.byte != UInt8(ascii: "\\"), let next = any.next(state, child.byte) else { continue }
            redirects.append((child.byte, try contentState(Int(child.node), at: next)))
        }
        if state == 0, let escape = try escapeState(characters: bmpCharacters(below: node)) {
            redirects.append((UInt8(ascii: "\\"), escape))
            redirects.sort { $0.byte < $1.byte }
        }
        let id = try intern(accepting: any.accepting[state] && !isName[node], base: state, redirects)
        stateOfNode[node] = id
        return id
    }

    /// The BMP characters that lead from character-boundary node `node` to a child node (the
    /// whole UTF-8 sequence followed through the trie), sorted by code point.
    private func bmpCharacters(below node: Int) -> [(scalar: UInt32, node: Int)] {
        var found: [(scalar: UInt32, node: Int)] = []
        /// Follows the continuation bytes of a sequence begun with `value` at `at`, `left` to go.
        func follow(_ at: Int, _ value: UInt32, _ left: Int) {
            if left == 0 { found.append((value, at)); return }
            for child in children[at] { follow(Int(child.node), value << 6 | UInt32(child.byte & 0x3F), left - 1) }
        }
        for child in children[node] {
            switch child.byte {
            case 0..<0x80: found.append((UInt32(child.byte), Int(child.node)))
            case 0xC0..<0xE0: follow(Int(child.node), UInt32(child.byte & 0x1F), 1)
            case 0xE0..<0xF0: follow(Int(child.node), UInt32(child.byte & 0x0F), 2)
            default: break   // astral: raw UTF-8 only
            }
        }
        return found.sorted { $0.scalar < $1.scalar }
    }

    /// The state after `\` at a node whose BMP children are `characters` (nil when there are none:
    /// then `\` leads into Enc(any)). Short escapes of a child lead to it, `u` to the hex layer.
    private mutating func escapeState(characters: [(scalar: UInt32, node: Int)]) throws -> Int32? {
        guard !characters.isEmpty, let base = any.next(0, UInt8(ascii: "\\")) else { return nil }
        var redirects: [(byte: UInt8, target: Int32)] = []
        for (byte, decoded) in Self.shortEscapes {
            guard any.next(base, byte) != nil, let child = characters.first(where: { $0.scalar == decoded }) else { continue }
            redirects.append((byte, try contentState(child.node, at: 0)))
        }
        if let afterU = any.next(base, UInt8(ascii: "u")) {
            redirects.append((UInt8(ascii: "u"), try hexState(characters[...], digits: 0, at: afterU)))
        }
        return try intern(accepting: false, base: base, redirects)
    }

    /// The state after `\u` and `digits` hex digits (0–3) shared by `characters` (nonempty), which
    /// sits in Enc(any) state `at`. The next digit (either case) of a child leads on: to the child's
    /// node after the fourth digit, else to the state of the longer prefix.
    private mutating func hexState(_ characters: ArraySlice<(scalar: UInt32, node: Int)>, digits: Int, at state: Int) throws -> Int32 {
        let shift = UInt32(12 - 4 * digits)
        var redirects: [(byte: UInt8, target: Int32)] = []
        var start = characters.startIndex
        while start < characters.endIndex {
            let digit = Int(characters[start].scalar >> shift & 0xF)
            var end = start + 1
            while end < characters.endIndex, Int(characters[end].scalar >> shift & 0xF) == digit { end += 1 }
            let (upper, lower) = Self.hexBytes(digit)
            let afterUpper = any.next(state, upper), afterLower = lower == 0 ? nil : any.next(state, lower)
            if let after = afterUpper ?? afterLower {
                let target = digits == 3
                    ? try contentState(characters[start].node, at: 0)
                    : try hexState(characters[start..<end], digits: digits + 1, at: after)
                if afterUpper != nil { redirects.append((upper, target)) }
                if afterLower != nil { redirects.append((lower, target)) }
            }
            start = end
        }
        redirects.sort { $0.byte < $1.byte }
        return try intern(accepting: false, base: state, redirects)
    }

    /// The short escapes after `\` (in byte order) and the characters they decode to.
    private static let shortEscapes: [(byte: UInt8, decoded: UInt32)] = [
        (0x22, 0x22), (0x2F, 0x2F), (0x5C, 0x5C), (0x62, 0x08), (0x66, 0x0C), (0x6E, 0x0A), (0x72, 0x0D), (0x74, 0x09),
    ]

    /// The bytes spelling hex digit `value`: one digit, or upper and lower case of a letter (the
    /// second 0 for a digit).
    private static func hexBytes(_ value: Int) -> (UInt8, UInt8) {
        value < 10 ? (UInt8(0x30 + value), 0) : (UInt8(0x41 + value - 10), UInt8(0x61 + value - 10))
    }

    /// The state with Enc(any) state `base`'s edges but `redirects` (sorted bytes, each on an edge of
    /// `base`, each to an added state), adjacent ranges to one target merged: an existing equivalent
    /// state, or a new one.
    private mutating func intern(accepting accepts: Bool, base: Int, _ redirects: [(byte: UInt8, target: Int32)]) throws -> Int32 {
        let signature = Signature(base: Int32(base), accepting: accepts,
                                  redirects: redirects.map { UInt64($0.byte) << 32 | UInt64(UInt32($0.target)) })
        if let known = interned[signature] { return known }
        guard edges.count - any.stateCount < stateLimit else {
            throw AutomataError("member names exceed \(stateLimit) states")
        }
        var list: [ByteDFA.Edge] = []
        list.reserveCapacity(any.edges[base].count + 2 * redirects.count)
        func append(_ lo: UInt8, _ hi: UInt8, _ target: Int32) { list.appendMerging(lo, hi, target) }
        var r = 0
        for edge in any.edges[base] {
            var lo = Int(edge.lo)
            while r < redirects.count, Int(redirects[r].byte) <= Int(edge.hi) {
                let byte = Int(redirects[r].byte)
                if byte > lo { append(UInt8(lo), UInt8(byte - 1), edge.target) }
                append(UInt8(byte), UInt8(byte), redirects[r].target)
                lo = byte + 1
                r += 1
            }
            if lo <= Int(edge.hi) { append(UInt8(lo), edge.hi, edge.target) }
        }
        let id = Int32(edges.count)
        edges.append(list)
        accepting.append(accepts)
        interned[signature] = id
        return id
    }
}
