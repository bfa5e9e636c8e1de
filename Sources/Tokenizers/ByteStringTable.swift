import Foundation

/// An immutable-after-build hash map from byte strings to token ids, stored in one flat arena so
/// lookups take a borrowed buffer and allocate nothing (open addressing, FNV-1a hashes).
struct ByteStringTable: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var ids: [Int32] = []
    /// Entry index + 1 per slot; 0 is empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
        ids.reserveCapacity(capacity)
        starts.reserveCapacity(capacity)
        lengths.reserveCapacity(capacity)
    }

    var count: Int { ids.count }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for x in b { h = (h ^ UInt64(x)) &* 0x100000001b3 }
        h = (h ^ (h >> 32)) &* 0x9E3779B97F4A7C15
        return Int(truncatingIfNeeded: h >> 16)
    }

    /// Adds `bytes → id` unless `bytes` is already present (the first id wins).
    mutating func insertIfAbsent(_ bytes: [UInt8], id: Int32) {
        if ids.count * 2 >= slots.count { grow() }
        bytes.withUnsafeBufferPointer { b in
            var i = Self.hash(b) & mask
            while slots[i] != 0 {
                if equal(Int(slots[i]) - 1, b) { return }
                i = (i + 1) & mask
            }
            starts.append(Int32(arena.count))
            lengths.append(Int32(b.count))
            arena.append(contentsOf: b)
            ids.append(id)
            slots[i] = Int32(ids.count)
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: 0, count: size)
        let newMask = size - 1
        arena.withUnsafeBufferPointer { a in
            for e in 0..<ids.count {
                let b = UnsafeBufferPointer(rebasing: a[Int(starts[e])..<Int(starts[e] + lengths[e])])
                var i = Self.hash(b) & newMask
                while newSlots[i] != 0 { i = (i + 1) & newMask }
                newSlots[i] = Int32(e + 1)
            }
        }
        slots = newSlots
        mask = newMask
    }

    @inline(__always)
    private func equal(_ entry: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = Int(lengths[entry])
        guard n == b.count else { return false }
        let s = Int(starts[entry])
        for k in 0..<n where arena[s + k] != b[k] { return false }
        return true
    }

    /// The id stored for `bytes`, if any.
    func id(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = Self.hash(b)
        return arena.withUnsafeBufferPointer { a in
            slots.withUnsafeBufferPointer { slots in
                starts.withUnsafeBufferPointer { starts in
                    lengths.withUnsafeBufferPointer { lengths -> Int32? in
                        var i = h & mask
                        while true {
                            let e = Int(slots[i])
                            if e == 0 { return nil }
                            let n = Int(lengths[e - 1])
                            if n == b.count {
                                let start = Int(starts[e - 1])
                                if n == 0 { return ids[e - 1] }
                                if let pa = a.baseAddress, let pb = b.baseAddress, memcmp(pa + start, pb, n) == 0 { return ids[e - 1] }
                            }
                            i = (i + 1) & mask
                        }
                    }
                }
            }
        }
    }

    func id(_ bytes: [UInt8]) -> Int32? { bytes.withUnsafeBufferPointer { id($0) } }
    func id(_ bytes: ArraySlice<UInt8>) -> Int32? { bytes.withUnsafeBufferPointer { id($0) } }
}
