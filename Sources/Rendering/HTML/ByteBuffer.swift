/// A growable UTF-8 buffer: the storage of `HTMLWriter` and `PathBuilder`.
///
/// A page is mostly short copies (tag and attribute names, numbers, the markup between two
/// table cells: 2–20 bytes each), and `[UInt8].append(contentsOf:)` costs about 90 instructions
/// a call for them (a uniqueness check, the generic copy, a `memcpy` call). Here an element asks
/// for room once, `write(upTo:_:)`, and writes all its pieces into that room without further
/// checks; the buffer grows geometrically when the room is not there.
///
/// A value type, like `Array`: a copy shares the bytes until one side writes. Appending never
/// changes a written byte, so a shared block is appended to in place by the copy that wrote last
/// (its count is the block's `end`); any other copy moves to a block of its own first. That is the
/// whole ownership check per reservation, two loads instead of a call into the runtime's
/// uniqueness test (one per element: 0.8 M instructions of the 200-node benchmark page, 0.5 M
/// saved net). Copies cannot race: the type is not `Sendable`. Rewriting written bytes
/// (`truncate`, `replaceSubrange`) still asks for a block no other copy can see.
struct ByteBuffer {
    /// One block and how much of it is written: a heap block of its own, or a caller's block
    /// that it only writes into (see `init(writingInto:)`).
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        /// The count of the copy that wrote here last: the only one that may append in place.
        var end = 0
        private let owned: Bool

        init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1).bindMemory(to: UInt8.self, capacity: capacity)
            owned = true
        }

        init(borrowing block: UnsafeMutableBufferPointer<UInt8>) {
            base = block.baseAddress!
            capacity = block.count
            owned = false
        }

        deinit { if owned { base.deallocate() } }
    }

    private var storage: Storage
    /// Bytes written so far.
    private(set) var count = 0

    init(capacity: Int = 256) { storage = Storage(capacity: max(capacity, 16)) }

    /// A buffer that writes into `block` (of at least 16 bytes) until it needs more room, then
    /// moves to a block of its own like any other. The page is written this way straight into
    /// the `[UInt8]` that the renderer returns, so a megabyte page is not copied once more at
    /// the end. `block` must outlive the buffer and every copy of it.
    init(writingInto block: UnsafeMutableBufferPointer<UInt8>) {
        precondition(block.count >= 16 && block.baseAddress != nil, "ByteBuffer: a block of at least 16 bytes")
        storage = Storage(borrowing: block)
    }

    /// Whether the bytes written so far are all in `block`, from its start (the buffer was made
    /// with `init(writingInto: block)` and never outgrew it).
    func isWritten(in block: UnsafeMutableBufferPointer<UInt8>) -> Bool { storage.base == block.baseAddress }

    var isEmpty: Bool { count == 0 }

    /// Makes room for `n` more bytes after `count` that this buffer may write.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if _slowPath(storage.end != count || storage.capacity &- count < n) { grow(n) }
    }

    /// Moves to a block that holds `n` more bytes: at least twice the current capacity, so a
    /// buffer that grows byte by byte still copies each byte a bounded number of times.
    @inline(never)
    private mutating func grow(_ n: Int) {
        precondition(n >= 0, "ByteBuffer: negative reservation")
        let needed = count + n
        let capacity = storage.end == count || needed > storage.capacity ? max(needed, 2 * storage.capacity) : storage.capacity
        let copy = Storage(capacity: capacity)
        copy.base.update(from: storage.base, count: count)
        copy.end = count
        storage = copy
    }

    /// Makes the block one that no other copy can see (before written bytes change).
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) || storage.end != count {
            let copy = Storage(capacity: storage.capacity)
            copy.base.update(from: storage.base, count: count)
            copy.end = count
            storage = copy
        }
    }

    /// Appends what `body` writes: it gets the next `maxCount` bytes of room (uninitialised),
    /// writes from their start and returns how many it wrote. One capacity check for all of it,
    /// so an element (`<`, its name, its attributes' numbers) is written without any other.
    @inline(__always)
    mutating func write(upTo maxCount: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        reserve(maxCount)
        let written = body(UnsafeMutableBufferPointer(start: storage.base + count, count: maxCount))
        precondition(written >= 0 && written <= maxCount, "ByteBuffer: wrote past the reserved room")
        count &+= written
        storage.end = count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage.base[count] = byte
        count &+= 1
        storage.end = count
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        Self.copy(source, to: storage.base + count, count: bytes.count)
        count &+= bytes.count
        storage.end = count
    }

    /// Copies `source` into `out` at `i` (in room reserved with `write(upTo:_:)`); returns the end.
    @inline(__always)
    static func copy(_ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        precondition(i >= 0 && out.count - i >= source.count, "ByteBuffer: no room for a copy")
        if let from = source.baseAddress, let to = out.baseAddress { copy(from, to: to + i, count: source.count) }
        return i + source.count
    }

    /// Copies `count` bytes between buffers that do not overlap. The usual 1–32 byte copies
    /// (names, class lists, cell text, the markup between two table cells) are done inline as
    /// two (possibly overlapping) runs of the widest words that fit, without a `memcpy` call.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        if count > 32 {
            target.update(from: source, count: count)
        } else if count > 16 {
            let a = from.loadUnaligned(as: UInt64.self), b = from.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let c = from.loadUnaligned(fromByteOffset: count - 16, as: UInt64.self), d = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: a, as: UInt64.self)
            to.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            to.storeBytes(of: c, toByteOffset: count - 16, as: UInt64.self)
            to.storeBytes(of: d, toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 8 {
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        } else {
            for k in 0..<max(count, 0) { target[k] = source[k] }
        }
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// An ASCII or UTF-8 literal.
    @inline(__always)
    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    mutating func append(_ other: ByteBuffer) {
        other.withUnsafeBytes { append($0) }
    }

    /// Drops the bytes from `count` on.
    mutating func truncate(to count: Int) {
        precondition(count >= 0 && count <= self.count, "ByteBuffer: truncating past the end")
        makeUnique()
        self.count = count
        storage.end = count
    }

    /// Replaces the written bytes in `range` with `bytes`, moving the bytes after it when the
    /// lengths differ.
    mutating func replaceSubrange(_ range: Range<Int>, with bytes: UnsafeBufferPointer<UInt8>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "ByteBuffer: replacing past the end")
        makeUnique()
        reserve(max(bytes.count - range.count, 0))
        let base = storage.base, tail = count - range.upperBound
        // The regions may overlap: a move, not a copy.
        (base + range.lowerBound + bytes.count).moveInitialize(from: base + range.upperBound, count: tail)
        if let source = bytes.baseAddress { (base + range.lowerBound).update(from: source, count: bytes.count) }
        count = range.lowerBound + bytes.count + tail
        storage.end = count
    }

    /// The bytes written so far, valid only inside `body`.
    func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: storage.base, count: count)) }
    }

    /// The bytes written so far, as an array.
    var array: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes written so far, decoded as UTF-8.
    var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}

/// Never `Sendable`: in-place appends rely on no two threads holding copies of one buffer.
@available(*, unavailable)
extension ByteBuffer: Sendable {}
