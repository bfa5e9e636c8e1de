import XCTest
@testable import Tokenizers

/// GGUF header parsing: every value type, typed metadata access, and clear errors on bad input.
final class GGUFParserTests: XCTestCase {
    func testEveryValueTypeRoundTrips() throws {
        let values: [(String, GGUFValue)] = [
            ("u8", .uint8(200)), ("i8", .int8(-5)), ("u16", .uint16(65_000)), ("i16", .int16(-30_000)),
            ("u32", .uint32(4_000_000_000)), ("i32", .int32(-2_000_000_000)), ("u64", .uint64(UInt64.max)),
            ("i64", .int64(Int64.min)), ("f32", .float32(1.5)), ("f64", .float64(-2.25)), ("b", .bool(true)),
            ("s", .string("héllo ▁ wörld")), ("empty", .string("")),
            ("ints", .array(.int32, [.int32(1), .int32(-2), .int32(3)])),
            ("strings", .array(.string, [.string("a"), .string("")])),
            ("nested", .array(.array, [.array(.uint8, [.uint8(1), .uint8(2)]), .array(.uint8, [])])),
            ("general.alignment", .uint32(64)),
        ]
        let tensor = GGUFTensorInfo(name: "token_embd.weight", dimensions: [64, 1000], ggmlType: 1, offset: 0)
        let bytes = GGUFTestWriter.file(metadata: values, tensors: [tensor])
        let file = try GGUFFile.parse(bytes: bytes)
        XCTAssertEqual(file.version, 3)
        XCTAssertEqual(file.metadata.keys, values.map(\.0), "file order is kept")
        for (k, v) in values { XCTAssertEqual(file.metadata[k], v, k) }
        XCTAssertEqual(file.metadata.int("u64"), nil, "UInt64.max does not fit an Int64")
        XCTAssertEqual(file.metadata.int("i8"), -5)
        XCTAssertEqual(file.metadata["f32"]?.doubleValue, 1.5)
        XCTAssertEqual(try file.metadata.intArray("ints"), [1, -2, 3])
        XCTAssertEqual(try file.metadata.stringArray("strings"), ["a", ""])
        XCTAssertThrowsError(try file.metadata.stringArray("ints"))
        XCTAssertEqual(file.tensors, [tensor])
        XCTAssertEqual(file.dataOffset % 64, 0)
        XCTAssertGreaterThanOrEqual(file.dataOffset, bytes.count)
    }

    func testVersion2IsAccepted() throws {
        let file = try GGUFFile.parse(bytes: GGUFTestWriter.file(version: 2, metadata: [("k", .string("v"))]))
        XCTAssertEqual(file.version, 2)
        XCTAssertEqual(file.metadata["k"], .string("v"))
    }

    func testTinyTokenizerFromMemory() throws {
        let embd = GGUFTensorInfo(name: "output.weight", dimensions: [8, 300], ggmlType: 0, offset: 0)
        let file = try GGUFFile.parse(bytes: GGUFTestWriter.tinyTokenizer(tensors: [embd]))
        XCTAssertEqual(file.metadata.architecture, "test")
        XCTAssertEqual(file.metadata.chatTemplate, "{{ messages }}")
        let t = try GGUFTokenizerLoader.load(file)
        let v = t.vocabulary
        XCTAssertEqual(v.name, "gguf:Tiny")
        XCTAssertEqual(v.count, 261)
        XCTAssertEqual(v.logitsSize, 300, "taken from output.weight")
        XCTAssertEqual(v.tokens[32], [0x20])
        XCTAssertEqual(v.tokens[256], Array("ab".utf8))
        XCTAssertEqual(v.eosTokenIDs, [257, 258], "metadata EOS plus <|im_end|>")
        XCTAssertEqual(v.specialTokenIDs, [257, 258, 260], "control and unused are special; user-defined is not")
        XCTAssertEqual(v.tokens[259], Array("<tool>".utf8))
        XCTAssertEqual(t.bosTokenID, 257)

        let enc = try t.makeBPETokenizer()
        XCTAssertEqual(try enc.encode("ab"), [256])
        XCTAssertEqual(try enc.encode("abc<tool>"), [256, 99, 259], "user-defined tokens always match")
        XCTAssertEqual(try enc.encode("<|im_end|>"), "<|im_end|>".utf8.map { Int32($0) }, "control tokens are text unless parsed")
        XCTAssertEqual(try enc.encode("x<|im_end|>", parseSpecial: true), [120, 258])
    }

    func testHostileHeadersThrowTypedErrors() throws {
        func expect(_ bytes: [UInt8], _ kind: TokenizerError.Kind, _ label: String, line: UInt = #line) {
            XCTAssertThrowsError(try GGUFFile.parse(bytes: bytes), label, line: line) { e in
                guard let err = e as? TokenizerError else { return XCTFail("\(label): untyped error \(e)", line: line) }
                XCTAssertEqual(err.kind, kind, "\(label): \(err)", line: line)
                XCTAssertFalse(err.description.isEmpty)
            }
        }
        var w = GGUFTestWriter()
        expect([], .truncated, "empty")
        expect(Array("GGUX".utf8) + [3, 0, 0, 0], .malformed, "bad magic")
        expect(GGUFTestWriter.file(version: 1, metadata: []), .unsupported, "v1")
        expect(GGUFTestWriter.file(version: UInt32(3).byteSwapped, metadata: []), .unsupported, "big-endian")
        expect(GGUFTestWriter.file(version: 9, metadata: []), .malformed, "unknown version")

        // Declared counts far beyond the file.
        w = GGUFTestWriter(); w.bytes = Array("GGUF".utf8); w.u32(3); w.u64(0); w.u64(1 << 40)
        expect(w.bytes, .limitExceeded, "huge kv count")
        w = GGUFTestWriter(); w.bytes = Array("GGUF".utf8); w.u32(3); w.u64(0); w.u64(1000)
        expect(w.bytes, .truncated, "kv count beyond the file")
        w = GGUFTestWriter(); w.bytes = Array("GGUF".utf8); w.u32(3); w.u64(UInt64.max); w.u64(0)
        expect(w.bytes, .limitExceeded, "huge tensor count")

        // A string longer than the limit, and one longer than the file.
        w = GGUFTestWriter(); w.bytes = Array("GGUF".utf8); w.u32(3); w.u64(0); w.u64(1); w.u64(UInt64.max)
        w.bytes += [UInt8](repeating: 0, count: 16)
        expect(w.bytes, .limitExceeded, "huge key length")
        w = GGUFTestWriter(); w.bytes = Array("GGUF".utf8); w.u32(3); w.u64(0); w.u64(1); w.u64(100)
        w.bytes += [UInt8](repeating: 0x61, count: 10)
        expect(w.bytes, .truncated, "key longer than the file")

        // Unknown type tags, bad bool, absurd array sizes, deep nesting.
        func kv(_ build: (inout GGUFTestWriter) -> Void) -> [UInt8] {
            var w = GGUFTestWriter(); w.bytes = Array("GGUF".utf8); w.u32(3); w.u64(0); w.u64(1); w.string("key")
            build(&w)
            w.bytes += [UInt8](repeating: 0, count: 16)
            return w.bytes
        }
        expect(kv { $0.u32(13) }, .malformed, "unknown type")
        expect(kv { $0.u32(7); $0.bytes.append(2) }, .malformed, "bool 2")
        expect(kv { $0.u32(9); $0.u32(99); $0.u64(1) }, .malformed, "unknown element type")
        expect(kv { $0.u32(9); $0.u32(4); $0.u64(1 << 60) }, .limitExceeded, "huge array")
        expect(kv { $0.u32(9); $0.u32(4); $0.u64(1 << 20) }, .truncated, "array beyond the file")
        expect(kv { for _ in 0..<10 { $0.u32(9); $0.u32(9); $0.u64(1) } }, .limitExceeded, "nesting")

        // A tensor with too many dimensions.
        w = GGUFTestWriter(); w.bytes = Array("GGUF".utf8); w.u32(3); w.u64(1); w.u64(0); w.string("t"); w.u32(1000)
        w.bytes += [UInt8](repeating: 0, count: 64)
        expect(w.bytes, .limitExceeded, "tensor dims")
    }

    func testTokenizerFieldErrorsNameTheKey() throws {
        let noModel = GGUFTestWriter.file(metadata: [("general.name", .string("x"))])
        XCTAssertThrowsError(try GGUFTokenizerLoader.load(try GGUFFile.parse(bytes: noModel))) {
            XCTAssertEqual(($0 as? TokenizerError)?.pointer, "/metadata/tokenizer.ggml.model")
        }
        let mismatched = GGUFTestWriter.file(metadata: [
            ("tokenizer.ggml.model", .string("gpt2")),
            ("tokenizer.ggml.tokens", .array(.string, [.string("a"), .string("b")])),
            ("tokenizer.ggml.token_type", .array(.int32, [.int32(1)])),
        ])
        XCTAssertThrowsError(try GGUFTokenizerLoader.load(try GGUFFile.parse(bytes: mismatched))) {
            XCTAssertEqual(($0 as? TokenizerError)?.pointer, "/metadata/tokenizer.ggml.token_type")
        }
        let wrongType = GGUFTestWriter.file(metadata: [
            ("tokenizer.ggml.model", .string("gpt2")),
            ("tokenizer.ggml.tokens", .array(.int32, [.int32(1)])),
        ])
        XCTAssertThrowsError(try GGUFTokenizerLoader.load(try GGUFFile.parse(bytes: wrongType))) {
            XCTAssertEqual(($0 as? TokenizerError)?.kind, .malformed)
        }
        let bert = GGUFTestWriter.file(metadata: [("tokenizer.ggml.model", .string("bert"))])
        XCTAssertThrowsError(try GGUFTokenizerLoader.load(try GGUFFile.parse(bytes: bert))) {
            XCTAssertEqual(($0 as? TokenizerError)?.kind, .unsupported)
        }
    }
}
