/// Builds markup from allow-listed elements and attributes, escaping every value.
///
/// There is deliberately no method that appends a raw string: text goes through `text(_:)`,
/// attribute values through `Escaping`, URLs through `URLPolicy`, and nested fragments must already
/// be `SafeHTML` produced by another writer. Output accumulates as UTF-8 bytes in a
/// `ByteBuffer` (much faster than `String` appends for megabyte pages) and becomes a `String`
/// once, in `html`.
struct HTMLWriter {
    fileprivate var bytes: ByteBuffer
    fileprivate var openTags: [HTMLTag] = []

    init(capacity: Int = 1024) { bytes = ByteBuffer(capacity: capacity) }

    /// A writer whose bytes go straight into `block` while they fit (`ByteBuffer.init(writingInto:)`).
    init(writingInto block: UnsafeMutableBufferPointer<UInt8>) { bytes = ByteBuffer(writingInto: block) }

    /// Bytes written so far.
    var count: Int { bytes.count }

    /// A point in the markup to come back to (`rewind(to:)`): the bytes written and the
    /// elements open.
    struct Checkpoint {
        fileprivate let count: Int
        fileprivate let depth: Int
    }

    var checkpoint: Checkpoint { Checkpoint(count: bytes.count, depth: openTags.count) }

    /// Drops everything written since `checkpoint`, elements opened since included; elements open
    /// at the checkpoint must still be open.
    mutating func rewind(to checkpoint: Checkpoint) {
        precondition(checkpoint.depth <= openTags.count && checkpoint.count <= bytes.count, "HTMLWriter: rewinding forwards")
        openTags.removeLast(openTags.count - checkpoint.depth)
        bytes.truncate(to: checkpoint.count)
    }

    /// Replaces the markup written in `range` (offsets as `count` gives them) with `fragment`,
    /// which must leave the elements open as they were (one start tag for another, say).
    mutating func replace(_ range: Range<Int>, with fragment: SafeHTML) {
        fragment.bytes.withUnsafeBufferPointer { bytes.replaceSubrange(range, with: $0) }
    }

    /// Opens `tag` with `attributes` (in the given order). `href`/`src` values failing `URLPolicy`
    /// are dropped; `checked`/`open`/`hidden` are written as bare boolean attributes; `action` must be a path on this server.
    mutating func open(_ tag: HTMLTag, _ attributes: [(Attr, String)] = []) {
        writeStart(tag)
        for (name, value) in attributes { appendAttribute(name, value) }
        bytes.append(0x3E)  // >
        if !tag.isVoid { openTags.append(tag) }
    }

    /// `<name`.
    @inline(__always)
    private mutating func writeStart(_ tag: HTMLTag) {
        bytes.write(upTo: 1 + NameTable<HTMLTag>.slot) { out in
            out[0] = 0x3C  // <
            return HTMLTag.names.write(tag, into: out, at: 1)
        }
    }

    // MARK: Allocation-free opening for hot loops (chart marks, table cells)

    /// Starts `<tag`; follow with `attribute`/`number` calls and `finishOpen()`.
    mutating func beginOpen(_ tag: HTMLTag) {
        writeStart(tag)
        if !tag.isVoid { openTags.append(tag) }
    }

    /// One escaped, allow-listed attribute (same rules as `open`).
    mutating func attribute(_ name: Attr, _ value: String) { appendAttribute(name, value) }

    /// A numeric attribute written straight into the buffer with `svgNumber`'s rules.
    mutating func number(_ name: Attr, _ value: Double) {
        bytes.write(upTo: Self.numberRoom) { Self.write(name, value, into: $0, at: 0) }
    }

    /// Room `write(_:_:into:at:)` needs for one numeric attribute.
    private static let numberRoom = NameTable<Attr>.slot + SVGNumber.maxLength + 1

    /// ` name="value"` at `i` in `out` (`numberRoom` bytes of room from `i`); returns the end.
    @inline(__always)
    private static func write(_ name: Attr, _ value: Double, into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        var n = Attr.openings.write(name, into: out, at: i)
        n = SVGNumber.write(value, into: out, at: n)
        out[n] = 0x22  // "
        return n + 1
    }

    /// `markup` with its numbers: `<tag a="…" b="…" …class="cls"></tag>` in one reservation, the
    /// fixed pieces copied as prepared (no name lookups, no scan of the class per element): each
    /// piece before a number as one 32-byte move, the rest as one 64-byte move. Not inlined into
    /// the marks' loops: there, past the inliner's budget, even word loads and stores were calls.
    @inline(never)
    mutating func shape(_ markup: ShapeMarkup, _ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        typealias Slot = ShapeMarkup.Slot
        bytes.write(upTo: 4 * (MemoryLayout<Slot>.size + SVGNumber.maxLength) + MemoryLayout<ShapeMarkup.Tail>.size) { out in
            let base = UnsafeMutableRawPointer(out.baseAddress!)
            base.storeBytes(of: markup.heads.0, as: Slot.self)
            var n = SVGNumber.write(a, into: out, at: markup.headLengths.0)
            base.storeBytes(of: markup.heads.1, toByteOffset: n, as: Slot.self)
            n = SVGNumber.write(b, into: out, at: n &+ markup.headLengths.1)
            base.storeBytes(of: markup.heads.2, toByteOffset: n, as: Slot.self)
            n = SVGNumber.write(c, into: out, at: n &+ markup.headLengths.2)
            if markup.numbers == 4 {
                base.storeBytes(of: markup.heads.3, toByteOffset: n, as: Slot.self)
                n = SVGNumber.write(d, into: out, at: n &+ markup.headLengths.3)
            }
            base.storeBytes(of: markup.tail, toByteOffset: n, as: ShapeMarkup.Tail.self)
            return n &+ markup.tailLength
        }
    }

    /// A `d` attribute from a `PathBuilder`, whose bytes are only path commands, digits and
    /// separators (nothing to escape).
    mutating func pathData(_ path: PathBuilder) {
        bytes.append(" d=\"")
        bytes.append(path.bytes)
        bytes.append(0x22)
    }

    /// Ends the start tag begun with `beginOpen`.
    mutating func finishOpen() { bytes.append(0x3E) }

    /// Closes the innermost open element, which must be `tag`.
    mutating func close(_ tag: HTMLTag) {
        precondition(openTags.last == tag, "HTMLWriter: closing <\(tag.rawValue)> but <\(openTags.last?.rawValue ?? "none")> is open")
        openTags.removeLast()
        bytes.write(upTo: 3 + NameTable<HTMLTag>.slot) { out in
            out[0] = 0x3C; out[1] = 0x2F  // </
            let n = HTMLTag.names.write(tag, into: out, at: 2)
            out[n] = 0x3E  // >
            return n + 1
        }
    }

    /// `<tag attrs>text</tag>`.
    mutating func element(_ tag: HTMLTag, _ attributes: [(Attr, String)] = [], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// A void element (`img`, `input`, `br`, …) or an empty element.
    mutating func empty(_ tag: HTMLTag, _ attributes: [(Attr, String)] = []) {
        open(tag, attributes)
        if !tag.isVoid { close(tag) }
    }

    /// Escaped text.
    mutating func text(_ string: String) { Escaping.append(string, to: &bytes) }

    /// Escaped text from UTF-8 bytes (valid UTF-8, as a `String`'s).
    mutating func text(utf8: UnsafeBufferPointer<UInt8>) { Escaping.append(utf8: utf8, to: &bytes) }

    /// `value` spelled with `token` as text. Spellings made only of digits and the formatter's own
    /// symbols go straight into the buffer; any other (a currency code, say) is escaped like text.
    mutating func text(_ value: Double, format token: FormatToken, currency: String?) {
        if ValueFormatter.spellsFromDigitsOnly(token) {
            ValueFormatter.append(value, token, to: &bytes)
        } else {
            text(ValueFormatter.format(value, token, currency: currency))
        }
    }

    /// `<tag attrs>` alone, escaped like `open`, for loops that emit the same start tag thousands
    /// of times (data-table cells): append it with `append(_:)` and close with `endTag`. Keeping
    /// such a loop balanced is the caller's job, as the writer does not track these.
    static func startTag(_ tag: HTMLTag, _ attributes: [(Attr, String)] = []) -> SafeHTML {
        var w = HTMLWriter(capacity: 32)
        w.open(tag, attributes)
        return SafeHTML(bytes: w.bytes.array)
    }

    /// `</tag>`, the partner of `startTag`.
    static func endTag(_ tag: HTMLTag) -> SafeHTML {
        var w = HTMLWriter(capacity: 16)
        w.openTags.append(tag)
        w.close(tag)
        return SafeHTML(bytes: w.bytes.array)
    }

    /// A fragment built by another writer.
    mutating func append(_ fragment: SafeHTML) { bytes.append(fragment.bytes) }

    /// Markup of at most 32 bytes prepared for a loop that writes it before thousands of values
    /// (the data table's markup before a cell), held as one slot: writing it is one 32-byte move
    /// in the same reservation as the value after it.
    struct Piece {
        fileprivate let slot: ShapeMarkup.Slot
        fileprivate let length: Int

        init(_ fragment: SafeHTML) {
            slot = zeroPadded(fragment.bytes, "HTMLWriter.Piece")
            length = fragment.bytes.count
        }
    }

    /// `piece` alone.
    mutating func append(_ piece: Piece) {
        bytes.write(upTo: ShapeMarkup.Slot.scalarCount) { out in
            UnsafeMutableRawPointer(out.baseAddress!).storeBytes(of: piece.slot, as: ShapeMarkup.Slot.self)
            return piece.length
        }
    }

    /// `piece`, then `text` escaped: in one reservation when the text needs no escaping.
    mutating func append(_ piece: Piece, text: String) {
        let plain = Escaping.ifPlain(text) { src in
            bytes.write(upTo: ShapeMarkup.Slot.scalarCount + src.count) { out in
                UnsafeMutableRawPointer(out.baseAddress!).storeBytes(of: piece.slot, as: ShapeMarkup.Slot.self)
                return ByteBuffer.copy(src, into: out, at: piece.length)
            }
        }
        if !plain {
            append(piece)
            self.text(text)
        }
    }

    /// `piece`, then `value` spelled with `spelling`, in one reservation. Returns false, having
    /// written only the piece, for a value the spelling leaves to `ValueFormatter` (see
    /// `ValueFormatter.FixedSpelling`).
    mutating func append(_ piece: Piece, _ value: Double, _ spelling: ValueFormatter.FixedSpelling) -> Bool {
        var spelled = false
        bytes.write(upTo: ShapeMarkup.Slot.scalarCount + ValueFormatter.FixedSpelling.room) { out in
            UnsafeMutableRawPointer(out.baseAddress!).storeBytes(of: piece.slot, as: ShapeMarkup.Slot.self)
            guard let end = spelling.write(value, into: out, at: piece.length) else { return piece.length }
            spelled = true
            return end
        }
        return spelled
    }

    /// The finished markup of another writer, copied without a `SafeHTML` in between.
    mutating func append(_ other: HTMLWriter) {
        other.checkClosed()
        bytes.append(other.bytes)
    }

    /// The finished markup. Every opened element must be closed.
    var html: SafeHTML {
        checkClosed()
        return SafeHTML(bytes: bytes.array)
    }

    /// The finished markup's length when it lies in `block`, where a writer made with
    /// `init(writingInto: block)` put it; nil when it outgrew the block (`html` has it then).
    func finished(in block: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        checkClosed()
        return bytes.isWritten(in: block) ? bytes.count : nil
    }

    private func checkClosed() {
        precondition(openTags.isEmpty, "HTMLWriter: unclosed <\(openTags.map(\.rawValue).joined(separator: "><"))>")
    }

    private mutating func appendAttribute(_ name: Attr, _ value: String) {
        switch name {
        case .href:
            guard let ok = URLPolicy.link(value) else { return }
            appendValued(name, ok)
        case .src:
            guard let ok = URLPolicy.image(value) else { return }
            appendValued(name, ok)
        case .action:
            // Forms only ever post back to GenUI itself.
            guard value.hasPrefix("/"), !value.hasPrefix("//"), value.allSatisfy({ $0.isLetter || $0.isNumber || "/-_?=&".contains($0) }) else { return }
            appendValued(name, value)
        case .checked, .open, .hidden, .selected:
            bytes.write(upTo: 1 + NameTable<Attr>.slot) { out in
                out[0] = 0x20
                return Attr.names.write(name, into: out, at: 1)
            }
        default:
            appendValued(name, value)
        }
    }

    /// ` name="value"`, the value escaped; in one reservation when it needs no escaping.
    fileprivate mutating func appendValued(_ name: Attr, _ value: String) {
        let plain = Escaping.ifPlain(value) { value in
            bytes.write(upTo: NameTable<Attr>.slot + value.count + 1) { out in
                let n = ByteBuffer.copy(value, into: out, at: Attr.openings.write(name, into: out, at: 0))
                out[n] = 0x22  // "
                return n + 1
            }
        }
        if plain { return }
        Attr.openings.append(name, to: &bytes)
        Escaping.append(value, to: &bytes)
        bytes.append(0x22)
    }
}

/// The fixed markup of an element that marks draw thousands of times with the same tag, numeric
/// attributes and class (scatter circles, bars, heatmap cells), prepared once: `<rect x="`,
/// `" y="`, …, `" class="mark cell q3"></rect>`. `HTMLWriter.shape` puts the numbers between.
struct ShapeMarkup: Sendable {
    typealias Slot = SIMD32<UInt8>
    typealias Tail = SIMD64<UInt8>
    /// The piece before each number (`<rect x="`, `" y="`, …), zero-padded to a slot.
    fileprivate let heads: (Slot, Slot, Slot, Slot)
    fileprivate let headLengths: (Int, Int, Int, Int)
    /// The rest: the last number's quote, the class and the end tag, zero-padded. Held inline
    /// like the heads, so passing the markup around costs no reference counting.
    fileprivate let tail: Tail
    fileprivate let tailLength: Int
    fileprivate let numbers: Int

    /// `tag` with the numeric attributes `names` (3 or 4) and the class `cls`, escaped like any
    /// value; the class must be short (the palette's are): with the end tag at most 64 bytes.
    init(_ tag: HTMLTag, _ names: [Attr], class cls: String) {
        precondition(names.count == 3 || names.count == 4, "ShapeMarkup: 3 or 4 numeric attributes")
        var heads: [Slot] = [], lengths: [Int] = []
        for (i, name) in names.enumerated() {
            var piece = ByteBuffer(capacity: 64)
            if i == 0 {
                piece.append(0x3C)  // <
                HTMLTag.names.append(tag, to: &piece)
            } else {
                piece.append(0x22)  // the previous number's closing quote
            }
            Attr.openings.append(name, to: &piece)
            let bytes = piece.array
            heads.append(zeroPadded(bytes, "ShapeMarkup"))
            lengths.append(bytes.count)
        }
        if names.count == 3 { heads.append(Slot(repeating: 0)); lengths.append(0) }
        var w = HTMLWriter(capacity: 64)
        w.bytes.append(0x22)
        w.appendValued(.class, cls)
        w.bytes.append(0x3E)  // >
        w.openTags.append(tag)
        w.close(tag)
        let tail = w.bytes.array
        self.tail = zeroPadded(tail, "ShapeMarkup")
        tailLength = tail.count
        self.heads = (heads[0], heads[1], heads[2], heads[3])
        headLengths = (lengths[0], lengths[1], lengths[2], lengths[3])
        numbers = names.count
    }
}

/// `bytes` in a SIMD slot padded with zeros (prepared markup is stored this way so that writing
/// it is one fixed-size move); `bytes` must fit.
private func zeroPadded<Slot: SIMD>(_ bytes: [UInt8], _ owner: StaticString) -> Slot where Slot.Scalar == UInt8 {
    precondition(bytes.count <= Slot.scalarCount, "\(owner): markup longer than its \(Slot.scalarCount)-byte slot")
    var slot = Slot()
    for (i, byte) in bytes.enumerated() { slot[i] = byte }
    return slot
}

/// Deterministic number → attribute text for SVG coordinates: rounded to 2 decimals, no
/// exponent, no trailing zeros, no negative zero.
func svgNumber(_ value: Double) -> String {
    var bytes = ByteBuffer(capacity: SVGNumber.maxLength)
    bytes.write(upTo: SVGNumber.maxLength) { SVGNumber.write(value, into: $0, at: 0) }
    return bytes.string
}

/// `svgNumber`'s spelling written straight into reserved room (the hot path of every mark).
enum SVGNumber {
    /// The longest spelling: a sign, 14 whole digits (magnitudes past 9e13 are written `0`),
    /// `.` and two decimals.
    static let maxLength = 18

    /// Writes `value` at `i` in `out`, which must have `maxLength` bytes of room from `i`;
    /// returns the end of the spelling. One pass, right to left, with constant divisions only.
    /// The room is checked in debug builds only: every caller reserves it by construction (a
    /// constant per number), and a check per number was ~20 instructions of a mark's ~100.
    @inline(__always)
    static func write(_ value: Double, into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        assert(i >= 0 && out.count - i >= maxLength, "SVGNumber: no room for a number")
        // Rounded half away from zero as an integer, as `NumberText.roundedHalfAway` rounds, but
        // with one range check (NaN and infinities fail it) and no conversion back to `Double`:
        // a truncated integer and the rest it leaves.
        let scaled = value * 100
        guard abs(scaled) < 9e15 else { out[i] = 0x30; return i &+ 1 }
        // Wrapping arithmetic from here on: every quantity is bounded by the guard (and the room
        // by the caller), and the overflow checks were a fifth of a number's instructions.
        var hundredths = Int(scaled)  // toward zero, exact below 2^53
        let beyond = scaled - Double(hundredths)  // exact
        if beyond >= 0.5 { hundredths &+= 1 } else if beyond <= -0.5 { hundredths &-= 1 }
        guard hundredths != 0 else { out[i] = 0x30; return i &+ 1 }
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100, fraction = magnitude &- whole &* 100
        let decimals = fraction == 0 ? 0 : (fraction % 10 == 0 ? 2 : 3)  // with the point
        // Pixel coordinates have at most four whole digits.
        let wholeDigits = whole < 10 ? 1 : whole < 100 ? 2 : whole < 1000 ? 3 : whole < 10000 ? 4 : NumberText.digitCount(UInt64(whole))
        let end = i &+ (hundredths < 0 ? 1 : 0) &+ wholeDigits &+ decimals
        var k = end
        if decimals > 0 {
            // Both digits of the fraction; with one decimal the second (its 0) lands just past
            // the end, still in the reserved room, and is not counted.
            NumberText.writePair(fraction, into: out, at: k &- decimals &+ 1)
            k &-= decimals
            out[k] = 0x2E  // .
        }
        var rest = whole
        while rest >= 100 {
            let next = rest / 100
            k &-= 2; NumberText.writePair(rest &- next &* 100, into: out, at: k)
            rest = next
        }
        if rest >= 10 {
            k &-= 2; NumberText.writePair(rest, into: out, at: k)
        } else {
            k &-= 1; out[k] = UInt8(truncatingIfNeeded: rest) &+ 0x30
        }
        if hundredths < 0 { out[i] = 0x2D }  // -
        return end
    }
}
