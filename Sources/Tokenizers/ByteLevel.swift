/// GPT-2's reversible byte ↔ Unicode table used by byte-level BPE vocabularies: printable Latin-1
/// bytes stand for themselves, the 68 others are shifted to U+0100…U+0143 (space → `Ġ`, newline → `Ċ`).
public enum ByteLevel {
    /// `scalarForByte[b]` is the character byte `b` is written as in vocabulary files.
    public static let scalarForByte: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: "\0", count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            let printable = (33...126).contains(b) || (161...172).contains(b) || (174...255).contains(b)
            if printable {
                table[b] = Unicode.Scalar(UInt8(b))
            } else {
                table[b] = Unicode.Scalar(next) ?? "\0"
                next += 1
            }
        }
        return table
    }()

    /// The byte a scalar stands for, or `nil` for scalars outside the table.
    @inline(__always)
    public static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 256 {
            let printable = (33...126).contains(v) || (161...172).contains(v) || (174...255).contains(v)
            return printable ? UInt8(v) : nil
        }
        return v <= 0x143 ? byteForShifted[Int(v - 256)] : nil
    }

    private static let byteForShifted: [UInt8] = {
        var out = [UInt8](repeating: 0, count: 68)
        for b in 0..<256 {
            let v = scalarForByte[b].value
            if v >= 256 { out[Int(v - 256)] = UInt8(b) }
        }
        return out
    }()

    /// Decodes a byte-level token string to the bytes it stands for. Scalars outside the table
    /// (which well-formed vocabularies never hold) are kept as their UTF-8 encoding.
    public static func decode(_ token: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(token.utf8.count)
        for s in token.unicodeScalars {
            if let b = byte(for: s) { out.append(b) } else { out.append(contentsOf: String(s).utf8) }
        }
        return out
    }

    /// Decodes a merge rule "left right" written in byte-level spelling into `out` (left bytes then
    /// right bytes) and sets `cut` to the length of the left part (-1 when there is no space).
    static func decodeMerge(_ u: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], cut: inout Int) {
        var i = 0
        let n = u.count
        while i < n {
            let b = u[i]
            if b == 0x20, cut < 0 { cut = out.count; i += 1; continue }
            var width = 1
            var scalar: UInt32 = UInt32(b)
            if b >= 0xC0, b < 0xE0, i + 1 < n {
                width = 2
                scalar = UInt32(b & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F)
            } else if b >= 0xE0 {
                width = b >= 0xF0 ? 4 : 3
            }
            if width <= 2, let s = Unicode.Scalar(scalar), let mapped = byte(for: s) {
                out.append(mapped)
            } else {
                // Outside the table: keep the raw UTF-8 (well-formed vocabularies never get here).
                let end = min(i + width, n)
                for k in i..<end { out.append(u[k]) }
            }
            i += width
        }
    }

    /// Encodes raw bytes as a byte-level token string.
    public static func encode<C: Sequence>(_ bytes: C) -> String where C.Element == UInt8 {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(scalarForByte[Int(b)]) }
        return String(s)
    }
}

/// SentencePiece conventions: `▁` (U+2581) marks a space, `<0xNN>` pieces stand for one raw byte.
public enum SentencePiece {
    /// Decodes a normal piece: `▁` becomes a space.
    public static func decode(_ piece: String) -> [UInt8] {
        let u = Array(piece.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        // U+2581 is E2 96 81 in UTF-8.
        while i < u.count {
            if u[i] == 0xE2, i + 2 < u.count, u[i + 1] == 0x96, u[i + 2] == 0x81 {
                out.append(0x20)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return out
    }

    /// The byte a `<0xNN>` piece stands for, or `nil` when `piece` is not of that form.
    public static func byteValue(_ piece: String) -> UInt8? {
        let u = Array(piece.utf8)
        guard u.count == 6, u[0] == UInt8(ascii: "<"), u[1] == UInt8(ascii: "0"), u[2] == UInt8(ascii: "x"),
              u[5] == UInt8(ascii: ">") else { return nil }
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        guard let hi = hex(u[3]), let lo = hex(u[4]) else { return nil }
        return hi << 4 | lo
    }
}
