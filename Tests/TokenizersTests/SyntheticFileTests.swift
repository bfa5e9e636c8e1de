import Foundation
import XCTest
@testable import Tokenizers

/// Small hand-written tokenizer files: SentencePiece-style tokenizer.json, config.json logits width,
/// malformed tiktoken lines.
final class SyntheticFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testByteFallbackTokenizerJSON() throws {
        let json = #"""
        {"added_tokens": [{"id": 0, "content": "<unk>", "special": true}, {"id": 1, "content": "<s>", "special": true},
                          {"id": 2, "content": "</s>", "special": true}],
         "normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}]},
         "decoder": {"type": "Sequence", "decoders": [{"type": "Replace"}, {"type": "ByteFallback"}]},
         "model": {"type": "BPE", "byte_fallback": true,
                   "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<0x0A>": 3, "<0xE2>": 4, "▁the": 5, "▁": 6, "a▁b": 7, "<0x": 9},
                   "merges": ["▁ t", "h e"]}}
        """#
        let t = try TokenizerLoader.load(path: try write("tokenizer.json", json))
        let v = t.vocabulary
        XCTAssertEqual(t.model, .sentencePiece)
        XCTAssertEqual(v.count, 10)
        XCTAssertEqual(v.tokens[3], [0x0A])
        XCTAssertEqual(v.tokens[4], [0xE2])
        XCTAssertEqual(v.tokens[5], Array(" the".utf8))
        XCTAssertEqual(v.tokens[7], Array("a b".utf8))
        XCTAssertEqual(v.tokens[9], Array("<0x".utf8))
        XCTAssertEqual(v.specialTokenIDs, [0, 1, 2, 8], "added special tokens and the id gap")
        XCTAssertEqual(v.eosTokenIDs, [2])
        XCTAssertEqual(t.bosTokenID, 1)
        XCTAssertEqual(v.logitsSize, 10)
    }

    func testConfigJSONSetsLogitsWidth() throws {
        let json = #"{"added_tokens": [{"id": 3, "content": "<|endoftext|>", "special": true}], "decoder": {"type": "ByteLevel"}, "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]]}}"#
        let path = try write("tokenizer.json", json)
        _ = try write("config.json", #"{"architectures": ["X"], "vocab_size": 64}"#)
        let t = try TokenizerLoader.load(path: path)
        XCTAssertEqual(t.vocabulary.count, 4)
        XCTAssertEqual(t.vocabulary.logitsSize, 64)
        XCTAssertEqual(t.vocabulary.eosTokenIDs, [3])
        XCTAssertEqual(t.merges, ["a b"], "array-form merges are accepted")
        XCTAssertEqual(try TokenizerLoader.load(path: path, logitsSize: 128).vocabulary.logitsSize, 128)
    }

    func testMalformedFilesNameTheLocation() throws {
        let badLine = try write("x.tiktoken", "YQ== 0\nYg== 1\n!!!! 2\n")
        XCTAssertThrowsError(try TiktokenLoader.load(path: badLine)) { e in
            let err = e as? TokenizerError
            XCTAssertEqual(err?.pointer, "/line/3")
            XCTAssertEqual(err?.file, badLine)
        }
        let dup = try write("y.tiktoken", "YQ== 0\nYg== 0\n")
        XCTAssertThrowsError(try TiktokenLoader.load(path: dup)) { XCTAssertEqual(($0 as? TokenizerError)?.kind, .malformed) }
        let huge = try write("z.tiktoken", "YQ== 999999999999\n")
        XCTAssertThrowsError(try TiktokenLoader.load(path: huge)) { XCTAssertEqual(($0 as? TokenizerError)?.kind, .limitExceeded) }

        let wordPiece = try write("tokenizer.json", #"{"model": {"type": "WordPiece", "vocab": {}}}"#)
        XCTAssertThrowsError(try TokenizerLoader.load(path: wordPiece)) { e in
            XCTAssertEqual((e as? TokenizerError)?.kind, .unsupported)
            XCTAssertEqual((e as? TokenizerError)?.pointer, "/model/type")
        }
        let truncated = try write("t.json", #"{"model": {"type": "BPE", "vocab": {"a": 0"#)
        XCTAssertThrowsError(try TokenizerLoader.load(path: truncated)) { e in
            XCTAssertEqual((e as? TokenizerError)?.kind, .malformed)
            XCTAssertTrue((e as? TokenizerError)?.description.contains("t.json") ?? false)
        }
    }

    func testTiktokenWithoutKnownEncodingHasNoSpecials() throws {
        let path = try write("custom.tiktoken", "YQ== 0\nYg== 1\nYWI= 3\n")
        let t = try TokenizerLoader.load(path: path)
        XCTAssertEqual(t.vocabulary.count, 4)
        XCTAssertEqual(t.vocabulary.tokens[3], Array("ab".utf8))
        XCTAssertEqual(t.vocabulary.specialTokenIDs, [2], "the gap at rank 2")
        XCTAssertEqual(t.vocabulary.eosTokenIDs, [])
        XCTAssertNil(t.preTokenizer)
        XCTAssertThrowsError(try t.makeBPETokenizer())
    }
}
