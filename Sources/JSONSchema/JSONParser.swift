/// Where and why a JSON text failed to parse.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// Byte offset of the offending character, from 0.
    public let offset: Int
    /// 1-based line and column (column counts bytes).
    public let line: Int
    public let column: Int

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 JSON parser over UTF-8 bytes. It keeps object key order and number lexemes,
/// rejects trailing garbage, bounds nesting depth, and reports line and column on error.
public struct JSONParser {
    /// Deepest array/object nesting accepted before the parser gives up (protects the stack).
    public var maxDepth: Int

    public init(maxDepth: Int = 512) { self.maxDepth = maxDepth }

    public static func parse(_ text: String, maxDepth: Int = 512) throws -> JSONValue {
        try JSONParser(maxDepth: maxDepth).parse(Array(text.utf8))
    }

    public static func parse<C: Collection>(bytes: C, maxDepth: Int = 512) throws -> JSONValue where C.Element == UInt8 {
        try JSONParser(maxDepth: maxDepth).parse(Array(bytes))
    }

    public func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buf in
            var r = Reader(buf: buf, maxDepth: maxDepth)
            // Tolerate a UTF-8 byte-order mark.
            if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { r.pos = 3 }
            r.skipWhitespace()
            let v = try r.value(depth: 0)
            r.skipWhitespace()
            if r.pos != buf.count { throw r.error("unexpected content after the JSON value") }
            return v
        }
    }
}

private struct Reader {
    let buf: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var pos = 0

    init(buf: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buf = buf
        self.maxDepth = maxDepth
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let off = min(offset ?? pos, buf.count)
        var line = 1, col = 1
        var i = 0
        while i < off {
            if buf[i] == UInt8(ascii: "\n") { line += 1; col = 1 } else { col += 1 }
            i += 1
        }
        return JSONParseError(message: message, offset: off, line: line, column: col)
    }

    mutating func skipWhitespace() {
        while pos < buf.count {
            switch buf[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard pos < buf.count else { throw error("unexpected end of input, expected a value") }
        switch buf[pos] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected character \(describe(buf[pos])), expected a value")
        }
    }

    func describe(_ b: UInt8) -> String {
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    mutating func literal(_ word: String) throws {
        let start = pos
        for b in word.utf8 {
            guard pos < buf.count, buf[pos] == b else { throw error("invalid literal", at: start) }
            pos += 1
        }
    }

    mutating func object(depth: Int) throws -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        pos += 1
        var obj = JSONObject()
        skipWhitespace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "}") { pos += 1; return .object(obj) }
        while true {
            skipWhitespace()
            guard pos < buf.count else { throw error("unexpected end of input inside an object") }
            guard buf[pos] == UInt8(ascii: "\"") else { throw error("expected a string key, found \(describe(buf[pos]))") }
            let key = try string()
            skipWhitespace()
            guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
            pos += 1
            skipWhitespace()
            obj[key] = try value(depth: depth)
            skipWhitespace()
            guard pos < buf.count else { throw error("unexpected end of input inside an object") }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "}") { pos += 1; return .object(obj) }
            throw error("expected ',' or '}' in an object, found \(describe(buf[pos]))")
        }
    }

    mutating func array(depth: Int) throws -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        pos += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if pos < buf.count, buf[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth))
            skipWhitespace()
            guard pos < buf.count else { throw error("unexpected end of input inside an array") }
            if buf[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if buf[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            throw error("expected ',' or ']' in an array, found \(describe(buf[pos]))")
        }
    }

    mutating func number() throws -> JSONNumber {
        let start = pos
        if buf[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < buf.count, isDigit(buf[pos]) else { throw error("invalid number", at: start) }
        if buf[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < buf.count, isDigit(buf[pos]) { throw error("numbers may not have leading zeros", at: start) }
        } else {
            while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
        }
        if pos < buf.count, buf[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < buf.count, isDigit(buf[pos]) else { throw error("expected a digit after '.'") }
            while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
        }
        if pos < buf.count, buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < buf.count, buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < buf.count, isDigit(buf[pos]) else { throw error("expected a digit in the exponent") }
            while pos < buf.count, isDigit(buf[pos]) { pos += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
        return JSONNumber(text: text)
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func hex4() throws -> UInt32 {
        guard pos + 4 <= buf.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = buf[pos]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    mutating func string() throws -> String {
        let open = pos
        pos += 1
        var out: [UInt8] = []
        var runStart = pos
        while true {
            guard pos < buf.count else { throw error("unterminated string", at: open) }
            let b = buf[pos]
            if b == UInt8(ascii: "\"") {
                if out.isEmpty {
                    let s = try decodeUTF8(runStart..<pos)
                    pos += 1
                    return s
                }
                out.append(contentsOf: buf[runStart..<pos])
                pos += 1
                return try decodeUTF8(out, at: open)
            }
            if b < 0x20 { throw error("control character \(describe(b)) must be escaped in a string") }
            if b != UInt8(ascii: "\\") { pos += 1; continue }
            out.append(contentsOf: buf[runStart..<pos])
            pos += 1
            guard pos < buf.count else { throw error("unterminated escape") }
            let e = buf[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar), pos + 1 < buf.count,
                   buf[pos] == UInt8(ascii: "\\"), buf[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let low = try hex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        pos = save
                    }
                }
                // A lone surrogate cannot be held by a Swift String; it becomes U+FFFD.
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: pos - 2)
            }
            runStart = pos
        }
    }

    func decodeUTF8(_ range: Range<Int>) throws -> String {
        let slice = UnsafeBufferPointer(rebasing: buf[range])
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw error("invalid UTF-8 in a string", at: range.lowerBound)
        }
        return s
    }

    func decodeUTF8(_ bytes: [UInt8], at offset: Int) throws -> String {
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw error("invalid UTF-8 in a string", at: offset)
        }
        return s
    }
}
