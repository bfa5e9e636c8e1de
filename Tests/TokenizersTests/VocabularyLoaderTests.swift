import XCTest
@testable import Tokenizers

/// Loads every real vocabulary in the cache and checks decoded bytes, special flags and EOS ids.
final class VocabularyLoaderTests: XCTestCase {
    func bytes(_ v: TokenVocabulary, _ id: Int) -> String { String(decoding: v.tokens[id], as: UTF8.self) }

    func testLlama3TokenizerJSON() throws {
        let t = try TokenizerLoader.load(path: try TestAssets.path("llama3.tokenizer.json"))
        let v = t.vocabulary
        XCTAssertEqual(t.format, .huggingFace)
        XCTAssertEqual(t.model, .byteLevelBPE)
        XCTAssertEqual(t.preTokenizer, .llama3)
        XCTAssertEqual(v.count, 128_257)
        XCTAssertEqual(bytes(v, 279), " the")
        XCTAssertEqual(v.tokens[198], [0x0A])
        XCTAssertEqual(v.tokens[220], [0x20])
        XCTAssertEqual(bytes(v, 128_009), "<|eot_id|>")
        XCTAssertEqual(v.eosTokenIDs, [128_001, 128_008, 128_009])
        XCTAssertEqual(t.bosTokenID, 128_000)
        XCTAssertTrue((128_000...128_256).allSatisfy { v.specialTokenIDs.contains(Int32($0)) })
        XCTAssertFalse(v.specialTokenIDs.contains(279))
        XCTAssertEqual(v.specialTokenIDs.count, 257)
        XCTAssertEqual(t.merges.count, 280_147)
    }

    func testQwenTokenizerJSON() throws {
        let t = try TokenizerLoader.load(path: try TestAssets.path("qwen2.5.tokenizer.json"))
        let v = t.vocabulary
        XCTAssertEqual(t.preTokenizer, .qwen2)
        XCTAssertTrue(t.normalizesNFC)
        XCTAssertEqual(v.count, 151_669)
        XCTAssertEqual(bytes(v, 279), " the")
        XCTAssertEqual(v.eosTokenIDs, [151_643, 151_645])
        XCTAssertTrue(v.specialTokenIDs.contains(151_644), "<|im_start|> is special")
        XCTAssertFalse(v.specialTokenIDs.contains(151_657), "<tool_call> is an ordinary added token")
        XCTAssertEqual(bytes(v, 151_657), "<tool_call>")
        XCTAssertEqual(v.specialTokenIDs.count, 14)
    }

    func testEOSOverride() throws {
        let t = try HFTokenizerLoader.load(path: try TestAssets.path("qwen2.5.tokenizer.json"), eosTokens: ["<|im_end|>"])
        XCTAssertEqual(t.vocabulary.eosTokenIDs, [151_645])
        XCTAssertThrowsError(try HFTokenizerLoader.load(path: try TestAssets.path("qwen2.5.tokenizer.json"), eosTokens: ["<nope>"])) {
            XCTAssertEqual(($0 as? TokenizerError)?.kind, .missingField)
        }
    }

    func testGPT2Files() throws {
        let t = try TokenizerLoader.load(path: try TestAssets.path("gpt2.encoder.json"))
        let v = t.vocabulary
        XCTAssertEqual(v.count, 50_257)
        XCTAssertEqual(bytes(v, 262), " the")
        XCTAssertEqual(v.eosTokenIDs, [50_256])
        XCTAssertEqual(v.specialTokenIDs, [50_256])
        XCTAssertEqual(t.merges.count, 50_000)
    }

    func testTiktokenEncodings() throws {
        let cl = try TokenizerLoader.load(path: try TestAssets.path("cl100k_base.tiktoken"))
        XCTAssertEqual(cl.format, .tiktoken)
        XCTAssertEqual(cl.vocabulary.count, 100_277)
        XCTAssertEqual(cl.vocabulary.eosTokenIDs, [100_257])
        XCTAssertEqual(bytes(cl.vocabulary, 279), " the")
        // 100256 and 100261…100275 are unassigned: special, never producible.
        XCTAssertTrue(cl.vocabulary.specialTokenIDs.contains(100_256))
        XCTAssertTrue(cl.vocabulary.specialTokenIDs.contains(100_270))
        XCTAssertEqual(cl.vocabulary.specialTokenIDs.count, 21)

        let o = try TokenizerLoader.load(path: try TestAssets.path("o200k_base.tiktoken"))
        XCTAssertEqual(o.vocabulary.count, 200_019)
        XCTAssertEqual(o.vocabulary.eosTokenIDs, [199_999])
        XCTAssertEqual(bytes(o.vocabulary, 200_018), "<|endofprompt|>")
    }

    /// Meta's tiktoken file and the Hugging Face tokenizer.json of Llama 3 must agree on every ordinary token.
    func testLlama3TiktokenMatchesTokenizerJSON() throws {
        let tk = try TokenizerLoader.load(path: try TestAssets.path("llama3.tokenizer.model"))
        let hf = try TokenizerLoader.load(path: try TestAssets.path("llama3.tokenizer.json"))
        XCTAssertEqual(tk.vocabulary.count, 128_256)
        XCTAssertEqual(tk.vocabulary.eosTokenIDs, [128_001, 128_008, 128_009])
        XCTAssertEqual(bytes(tk.vocabulary, 128_006), "<|start_header_id|>")
        XCTAssertEqual(tk.vocabulary.specialTokenIDs.count, 256)
        for id in 0..<128_000 where tk.vocabulary.tokens[id] != hf.vocabulary.tokens[id] {
            XCTFail("token \(id) differs"); break
        }
    }

    func testGGUFLlamaBPEVocabulary() throws {
        let t = try TokenizerLoader.load(path: try TestAssets.path("ggml-vocab-llama-bpe.gguf"))
        let v = t.vocabulary
        XCTAssertEqual(t.format, .gguf)
        XCTAssertEqual(t.gguf?.preTokenizer, "llama-bpe")
        XCTAssertEqual(t.preTokenizer, .llama3)
        XCTAssertTrue(t.ignoreMerges)
        XCTAssertEqual(v.count, 128_256)
        XCTAssertEqual(bytes(v, 279), " the")
        XCTAssertTrue(v.eosTokenIDs.contains(128_001))
        XCTAssertTrue(v.eosTokenIDs.contains(128_009))
        XCTAssertTrue(v.specialTokenIDs.contains(128_000))
        XCTAssertFalse(v.specialTokenIDs.contains(128))
        let hf = try TokenizerLoader.load(path: try TestAssets.path("llama3.tokenizer.json"))
        XCTAssertEqual(Array(v.tokens[0..<128_000]), Array(hf.vocabulary.tokens[0..<128_000]))
    }

    func testGGUFSentencePieceVocabulary() throws {
        let t = try TokenizerLoader.load(path: try TestAssets.path("ggml-vocab-llama-spm.gguf"))
        let v = t.vocabulary
        XCTAssertEqual(t.model, .sentencePiece)
        XCTAssertEqual(v.count, 32_000)
        XCTAssertEqual(v.tokens[13], [0x0A], "<0x0A> is the newline byte")
        XCTAssertEqual(bytes(v, 278), " the", "▁the")
        XCTAssertEqual(v.eosTokenIDs, [2])
        XCTAssertTrue(v.specialTokenIDs.isSuperset(of: [0, 1, 2]))
        XCTAssertFalse(v.specialTokenIDs.contains(13), "byte tokens are ordinary")
        XCTAssertEqual(t.bosTokenID, 1)
        XCTAssertThrowsError(try t.makeBPETokenizer()) { XCTAssertEqual(($0 as? TokenizerError)?.kind, .unsupported) }
    }

    func testGGUFQwenAndGPT2EOS() throws {
        let q = try TokenizerLoader.load(path: try TestAssets.path("ggml-vocab-qwen2.gguf")).vocabulary
        XCTAssertTrue(q.eosTokenIDs.contains(151_643))
        XCTAssertTrue(q.specialTokenIDs.contains(151_644))
        let g = try TokenizerLoader.load(path: try TestAssets.path("ggml-vocab-gpt-2.gguf")).vocabulary
        XCTAssertEqual(g.eosTokenIDs, [50_256])
        XCTAssertEqual(bytes(g, 262), " the")
    }

    func testUnknownFormatIsATypedError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let junk = dir.appendingPathComponent("junk.bin")
        try Data("hello there".utf8).write(to: junk)
        XCTAssertThrowsError(try TokenizerLoader.load(path: junk.path)) { e in
            let err = e as? TokenizerError
            XCTAssertEqual(err?.kind, .unknownFormat)
            XCTAssertTrue(err?.description.contains("junk.bin") ?? false)
        }
        XCTAssertThrowsError(try TokenizerLoader.load(path: dir.appendingPathComponent("absent").path)) {
            XCTAssertEqual(($0 as? TokenizerError)?.kind, .unreadable)
        }
        let badJSON = dir.appendingPathComponent("tokenizer.json")
        try Data(#"{"model": {"type": "BPE", "vocab": {"a": -1}}}"#.utf8).write(to: badJSON)
        XCTAssertThrowsError(try TokenizerLoader.load(path: badJSON.path)) { e in
            XCTAssertEqual((e as? TokenizerError)?.pointer, "/model/vocab/a")
        }
    }
}
