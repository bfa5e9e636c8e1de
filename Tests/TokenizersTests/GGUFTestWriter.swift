@testable import Tokenizers

/// Writes small GGUF images for tests (little-endian, v3 by default).
struct GGUFTestWriter {
    var bytes: [UInt8] = []

    mutating func u32(_ v: UInt32) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
    mutating func u64(_ v: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
    mutating func string(_ s: String) { u64(UInt64(s.utf8.count)); bytes.append(contentsOf: s.utf8) }

    mutating func value(_ v: GGUFValue) {
        switch v {
        case .uint8(let x): bytes.append(x)
        case .int8(let x): bytes.append(UInt8(bitPattern: x))
        case .uint16(let x): bytes.append(UInt8(x & 0xFF)); bytes.append(UInt8(x >> 8))
        case .int16(let x): let u = UInt16(bitPattern: x); bytes.append(UInt8(u & 0xFF)); bytes.append(UInt8(u >> 8))
        case .uint32(let x): u32(x)
        case .int32(let x): u32(UInt32(bitPattern: x))
        case .uint64(let x): u64(x)
        case .int64(let x): u64(UInt64(bitPattern: x))
        case .float32(let x): u32(x.bitPattern)
        case .float64(let x): u64(x.bitPattern)
        case .bool(let x): bytes.append(x ? 1 : 0)
        case .string(let s): string(s)
        case .array(let t, let items):
            u32(t.rawValue)
            u64(UInt64(items.count))
            for item in items { value(item) }
        }
    }

    /// A complete file with the given metadata and tensor directory.
    static func file(version: UInt32 = 3, metadata: [(String, GGUFValue)], tensors: [GGUFTensorInfo] = []) -> [UInt8] {
        var w = GGUFTestWriter()
        w.bytes.append(contentsOf: "GGUF".utf8)
        w.u32(version)
        w.u64(UInt64(tensors.count))
        w.u64(UInt64(metadata.count))
        for (k, v) in metadata {
            w.string(k)
            w.u32(v.type.rawValue)
            w.value(v)
        }
        for t in tensors {
            w.string(t.name)
            w.u32(UInt32(t.dimensions.count))
            for d in t.dimensions { w.u64(d) }
            w.u32(t.ggmlType)
            w.u64(t.offset)
        }
        return w.bytes
    }

    /// A tiny byte-level BPE vocabulary: the 256 byte tokens, "ab", and two control tokens.
    static func tinyTokenizer(extra: [(String, GGUFValue)] = [], tensors: [GGUFTensorInfo] = []) -> [UInt8] {
        var tokens = (0..<256).map { GGUFValue.string(ByteLevel.encode([UInt8($0)])) }
        var types = [GGUFValue](repeating: .int32(1), count: 256)
        tokens.append(.string("ab")); types.append(.int32(1))
        tokens.append(.string("<|endoftext|>")); types.append(.int32(3))
        tokens.append(.string("<|im_end|>")); types.append(.int32(3))
        tokens.append(.string("<tool>")); types.append(.int32(4))
        tokens.append(.string("[UNUSED]")); types.append(.int32(5))
        let metadata: [(String, GGUFValue)] = [
            ("general.architecture", .string("test")),
            ("general.name", .string("Tiny")),
            ("tokenizer.ggml.model", .string("gpt2")),
            ("tokenizer.ggml.pre", .string("qwen2")),
            ("tokenizer.ggml.tokens", .array(.string, tokens)),
            ("tokenizer.ggml.token_type", .array(.int32, types)),
            ("tokenizer.ggml.merges", .array(.string, [.string("a b")])),
            ("tokenizer.ggml.eos_token_id", .uint32(257)),
            ("tokenizer.ggml.bos_token_id", .uint32(257)),
            ("tokenizer.chat_template", .string("{{ messages }}")),
        ] + extra
        return file(metadata: metadata, tensors: tensors)
    }
}
