/// Serialises `JSONValue`s. Compact output keeps key order, so a document written in schema order
/// stays in schema order; `sortedKeys` gives a canonical form for hashing and golden files.
public struct JSONWriter: Sendable {
    public var pretty: Bool
    public var sortedKeys: Bool
    /// Escape every non-ASCII character as `\uXXXX` (for byte-stable, ASCII-only output).
    public var asciiOnly: Bool

    public init(pretty: Bool = false, sortedKeys: Bool = false, asciiOnly: Bool = false) {
        self.pretty = pretty
        self.sortedKeys = sortedKeys
        self.asciiOnly = asciiOnly
    }

    public func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out, indent: 0)
        return out
    }

    func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    public func write(_ value: JSONValue, into out: inout [UInt8], indent: Int) {
        switch value {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .number(let n): out.append(contentsOf: Array(n.text.utf8))
        case .string(let s): JSONWriter.writeString(s, into: &out, asciiOnly: asciiOnly)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                write(item, into: &out, indent: indent + 1)
            }
            if pretty && !items.isEmpty { newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let obj):
            out.append(UInt8(ascii: "{"))
            let keys = sortedKeys ? obj.keys.sorted() : obj.keys
            for (i, k) in keys.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) }
                JSONWriter.writeString(k, into: &out, asciiOnly: asciiOnly)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                write(obj[k]!, into: &out, indent: indent + 1)
            }
            if pretty && !keys.isEmpty { newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Writes `s` as a JSON string literal: `"` and `\` and control characters are escaped.
    public static func writeString(_ s: String, into out: inout [UInt8], asciiOnly: Bool = false) {
        out.append(UInt8(ascii: "\""))
        if asciiOnly {
            for u in s.utf16 {
                if u >= 0x80 { appendU(u, &out) } else { appendByte(UInt8(u), &out) }
            }
        } else {
            for b in s.utf8 { appendByte(b, &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always) static func appendByte(_ b: UInt8, _ out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        case 0..<0x20: appendU(UInt16(b), &out)
        default: out.append(b)
        }
    }

    @inline(__always) static func appendU(_ u: UInt16, _ out: inout [UInt8]) {
        out.append(0x5C); out.append(UInt8(ascii: "u"))
        out.append(hex[Int(u >> 12) & 0xF]); out.append(hex[Int(u >> 8) & 0xF])
        out.append(hex[Int(u >> 4) & 0xF]); out.append(hex[Int(u) & 0xF])
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONWriter().string(self) }
}
