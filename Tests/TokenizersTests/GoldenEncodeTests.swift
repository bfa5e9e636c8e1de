import Foundation
import XCTest
@testable import Tokenizers

/// Checks `BPETokenizer` against llama.cpp's golden tokenizer tests (`ggml-vocab-*.gguf.inp/.out`,
/// produced by the reference Hugging Face tokenizers), loading vocabulary and merges from the .gguf.
final class GoldenEncodeTests: XCTestCase {
    /// Test strings and their expected ids, from the `.inp` / `.out` pair of a vocabulary.
    static func goldenCases(_ base: String) throws -> [(String, [Int32])] {
        let inp = String(decoding: try TestAssets.bytes(base + ".inp"), as: UTF8.self)
        let out = String(decoding: try TestAssets.bytes(base + ".out"), as: UTF8.self)
        var inputs = inp.components(separatedBy: "\n__ggml_vocab_test__\n")
        // The file ends with a separator, leaving an empty last element.
        if inputs.last == "" { inputs.removeLast() }
        var lines = out.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        XCTAssertEqual(inputs.count, lines.count, "inputs and outputs of \(base) do not pair up")
        return zip(inputs, lines).map { text, line in
            (text, line.split(separator: " ").compactMap { Int32($0) })
        }
    }

    func check(_ vocab: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try TestAssets.path("ggml-vocab-\(vocab).gguf")
        _ = try TestAssets.path("ggml-vocab-\(vocab).gguf.inp")
        let loaded = try GGUFTokenizerLoader.load(path: path)
        let tokenizer = try loaded.makeBPETokenizer()
        let cases = try Self.goldenCases(path)
        XCTAssertGreaterThan(cases.count, 30, file: file, line: line)
        var failures = 0
        for (text, expected) in cases {
            let got = try tokenizer.encode(text)
            if got != expected {
                failures += 1
                XCTFail("\(vocab): \(text.debugDescription)\n  expected \(expected)\n  got      \(got)", file: file, line: line)
            }
            // Whatever the ids, they must decode back to the input.
            XCTAssertEqual(tokenizer.decode(got), Array(text.utf8), "\(vocab) round trip of \(text.debugDescription)", file: file, line: line)
        }
        XCTAssertEqual(failures, 0, "\(failures) of \(cases.count) \(vocab) cases differ", file: file, line: line)
    }

    func testLlamaBPE() throws { try check("llama-bpe") }
    func testQwen2() throws { try check("qwen2") }
    func testGPT2() throws { try check("gpt-2") }
}
