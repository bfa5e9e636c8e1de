import XCTest
@testable import Tokenizers

/// Encoders built from every file format: golden agreement across formats, round trips, special tokens.
final class EncoderTests: XCTestCase {
    static let samples: [String] = [
        "Hello, world! How's it going? I'VE been 'round.",
        "  leading spaces, trailing spaces   ",
        "tabs\tand\nnewlines\r\n\n\n  mixed \n\t ",
        "numbers 1234567890 3.14159 -42 1e10 ١٢٣ ²³",
        "日本語のテキストと中文字符，还有한국어.",
        "emoji 🤖🚀 👩‍👩‍👧‍👦 flags 🇫🇷 and skin 👍🏽",
        "Ελληνικά, русский, עברית, العربية, हिन्दी",
        "combining: e\u{301} a\u{308} n\u{303}; precomposed: é ä ñ",
        "{\"type\":\"KPI\",\"value\":12.5,\"delta\":{\"kind\":\"pp\"}}",
        "code: func f(_ x: Int) -> [Int] { return x.map { $0 * 2 } } // ok",
        "\u{0}\u{1}\u{7F}\u{85}\u{A0}\u{2028}\u{3000}\u{FEFF}",
        "",
        "a",
        String(repeating: "ab", count: 300) + String(repeating: "🙂", count: 50),
    ]

    func roundTrip(_ tokenizer: BPETokenizer, _ label: String) throws {
        for text in Self.samples {
            let ids = try tokenizer.encode(text)
            let expected = tokenizer.normalizesNFC ? text.precomposedStringWithCanonicalMapping : text
            XCTAssertEqual(tokenizer.decode(ids), Array(expected.utf8), "\(label): \(text.debugDescription)")
            XCTAssertFalse(ids.contains { tokenizer.vocabulary.specialTokenIDs.contains($0) }, "\(label): ordinary text produced a special id")
            if !text.isEmpty { XCTAssertLessThanOrEqual(ids.count, text.utf8.count) }
        }
    }

    /// Llama 3 from tokenizer.json and from Meta's tiktoken file must match llama.cpp's llama-bpe golden ids.
    func testLlama3FormatsAgreeWithGolden() throws {
        let golden = try GoldenEncodeTests.goldenCases(try TestAssets.path("ggml-vocab-llama-bpe.gguf"))
        let hf = try TokenizerLoader.load(path: try TestAssets.path("llama3.tokenizer.json")).makeBPETokenizer()
        let tk = try TokenizerLoader.load(path: try TestAssets.path("llama3.tokenizer.model")).makeBPETokenizer()
        for (text, expected) in golden {
            XCTAssertEqual(try hf.encode(text), expected, "tokenizer.json: \(text.debugDescription)")
            XCTAssertEqual(try tk.encode(text), expected, "tiktoken: \(text.debugDescription)")
        }
        try roundTrip(hf, "llama3 json")
        try roundTrip(tk, "llama3 tiktoken")
        XCTAssertEqual(try hf.encode("<|eot_id|>", parseSpecial: true), [128_009])
        XCTAssertEqual(try tk.encode("hi<|start_header_id|>", parseSpecial: true), [6151, 128_006])
        XCTAssertNotEqual(try tk.encode("<|start_header_id|>"), [128_006], "not parsed unless asked")
    }

    /// Qwen's tokenizer.json shares the first 151,643 ids with the qwen2 golden vocabulary.
    func testQwenTokenizerJSONAgreesWithGolden() throws {
        let golden = try GoldenEncodeTests.goldenCases(try TestAssets.path("ggml-vocab-qwen2.gguf"))
        let q = try TokenizerLoader.load(path: try TestAssets.path("qwen2.5.tokenizer.json")).makeBPETokenizer()
        for (text, expected) in golden where text == text.precomposedStringWithCanonicalMapping {
            XCTAssertEqual(try q.encode(text), expected, text.debugDescription)
        }
        try roundTrip(q, "qwen")
        XCTAssertEqual(try q.encode("<|im_start|>user", parseSpecial: true).first, 151_644)
        XCTAssertEqual(try q.encode("<tool_call>"), [151_657], "non-special added tokens always match")
    }

    func testGPT2FilesAgreeWithGolden() throws {
        let golden = try GoldenEncodeTests.goldenCases(try TestAssets.path("ggml-vocab-gpt-2.gguf"))
        let g = try TokenizerLoader.load(path: try TestAssets.path("gpt2.encoder.json")).makeBPETokenizer()
        for (text, expected) in golden { XCTAssertEqual(try g.encode(text), expected, text.debugDescription) }
        try roundTrip(g, "gpt2")
    }

    func testTiktokenEncodingsKnownIDs() throws {
        let cl = try TokenizerLoader.load(path: try TestAssets.path("cl100k_base.tiktoken")).makeBPETokenizer()
        // Reference ids from OpenAI's tiktoken for cl100k_base.
        XCTAssertEqual(try cl.encode("hello world"), [15339, 1917])
        XCTAssertEqual(try cl.encode("<|endoftext|>", parseSpecial: true), [100_257])
        try roundTrip(cl, "cl100k")
        let o = try TokenizerLoader.load(path: try TestAssets.path("o200k_base.tiktoken")).makeBPETokenizer()
        XCTAssertEqual(try o.encode("hello world"), [24912, 2375])
        try roundTrip(o, "o200k")
    }

    func testPreTokenizerChoiceMatters() throws {
        // The golden cases discriminate: GPT-2's splitting on the Llama 3 vocabulary gets some wrong.
        let path = try TestAssets.path("ggml-vocab-llama-bpe.gguf")
        let golden = try GoldenEncodeTests.goldenCases(path)
        let loaded = try GGUFTokenizerLoader.load(path: path)
        let wrong = try BPETokenizer(
            vocabulary: loaded.vocabulary,
            merges: loaded.merges.map { m in
                let parts = m.split(separator: " ", maxSplits: 1).map(String.init)
                return (ByteLevel.decode(parts[0]), ByteLevel.decode(parts[1]))
            },
            preTokenizer: .gpt2)
        let mismatches = try golden.filter { try wrong.encode($0.0) != $0.1 }.count
        XCTAssertGreaterThan(mismatches, 3)
    }

    func testSplittersOnEdgeCases() throws {
        func pieces(_ p: PreTokenizer, _ text: String) throws -> [String] {
            let scalars = Array(text.unicodeScalars)
            return try p.split(scalars).map { r in
                var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[r]); return String(v)
            }
        }
        XCTAssertEqual(try pieces(.gpt2, "Hello  world's 123!!"), ["Hello", " ", " world", "'s", " 123", "!!"])
        XCTAssertEqual(try pieces(.llama3, "I'M 12345 ok\n\n  x"), ["I", "'M", " ", "123", "45", " ok", "\n\n", " ", " x"])
        XCTAssertEqual(try pieces(.qwen2, "ab12 ;;\n"), ["ab", "1", "2", " ;;\n"])
        XCTAssertEqual(try pieces(.gpt2SingleDigits, "a 12b"), ["a", " ", "1", "2", "b"])
        // The regex fallback gives the same pieces as the scanner for the same pattern.
        for text in Self.samples {
            XCTAssertEqual(try pieces(.regex(PreTokenizer.llama3Pattern), text), try pieces(.llama3, text), text.debugDescription)
            XCTAssertEqual(try pieces(.regex(PreTokenizer.gpt2Pattern), text), try pieces(.gpt2, text), text.debugDescription)
        }
    }
}
