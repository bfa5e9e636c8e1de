import JSONSchema

/// Follows a JSON text as it streams in, byte by byte, and reports each object or array the moment
/// it closes, with its JSON Pointer and its byte range in the text. The text is assumed to be valid
/// JSON so far (the grammar guarantees it); the tracker only keeps a stack, never the values.
public struct StreamingJSONTracker: Sendable {
    /// A container that just closed.
    public struct Closed: Sendable, Hashable {
        public let pointer: JSONPointer
        /// Offsets of its first (`{` or `[`) and one past its last byte in the whole text.
        public let range: Range<Int>
        public let isObject: Bool
    }

    private struct Frame: Sendable {
        var pointer: JSONPointer
        var start: Int
        var isObject: Bool
        var index = 0            // arrays: index of the next element
        var key: String?         // objects: key of the current member
        var expectingKey = true  // objects: the next string is a key
    }

    private var stack: [Frame] = []
    private var inString = false
    private var escaped = false
    private var stringBytes: [UInt8] = []
    private var stringIsKey = false
    private(set) public var offset = 0

    public init() {}

    /// Pointer of a value starting now, in the innermost container.
    private func childPointer() -> JSONPointer {
        guard let top = stack.last else { return .root }
        if top.isObject { return top.pointer / (top.key ?? "") }
        return top.pointer / top.index
    }

    /// Feeds the next bytes; returns the containers they closed, innermost first.
    public mutating func feed(_ bytes: [UInt8]) -> [Closed] {
        var closed: [Closed] = []
        for b in bytes {
            defer { offset += 1 }
            if inString {
                if escaped { escaped = false; if stringIsKey { stringBytes.append(b) }; continue }
                if b == UInt8(ascii: "\\") { escaped = true; if stringIsKey { stringBytes.append(b) }; continue }
                if b == UInt8(ascii: "\"") {
                    inString = false
                    if stringIsKey, !stack.isEmpty {
                        let quoted = [UInt8(ascii: "\"")] + stringBytes + [UInt8(ascii: "\"")]
                        let key = (try? JSONParser().parse(quoted))?.stringValue ?? String(decoding: stringBytes, as: UTF8.self)
                        stack[stack.count - 1].key = key
                        stack[stack.count - 1].expectingKey = false
                    }
                    continue
                }
                if stringIsKey { stringBytes.append(b) }
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                inString = true
                stringIsKey = stack.last.map { $0.isObject && $0.expectingKey } ?? false
                stringBytes.removeAll(keepingCapacity: true)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(Frame(pointer: childPointer(), start: offset, isObject: b == UInt8(ascii: "{")))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let frame = stack.popLast() else { continue }
                closed.append(Closed(pointer: frame.pointer, range: frame.start..<(offset + 1), isObject: frame.isObject))
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { continue }
                if stack[stack.count - 1].isObject {
                    stack[stack.count - 1].expectingKey = true
                    stack[stack.count - 1].key = nil
                } else {
                    stack[stack.count - 1].index += 1
                }
            default:
                continue
            }
        }
        return closed
    }

    /// Depth of open containers (0 before the text starts and after it ends).
    public var depth: Int { stack.count }
}
