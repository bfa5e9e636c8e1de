import XCTest
@testable import Tokenizers

/// Damaged real GGUF files must produce a `TokenizerError`, never a crash or an untyped error.
final class GGUFRobustnessTests: XCTestCase {
    /// Parses and, when parsing succeeds, builds the tokenizer; returns the error if any.
    func attempt(_ bytes: [UInt8]) -> Error? {
        do {
            let file = try GGUFFile.parse(bytes: bytes)
            _ = try GGUFTokenizerLoader.load(file)
            return nil
        } catch {
            return error
        }
    }

    func testTruncatedFilesAlwaysThrow() throws {
        let full = try TestAssets.bytes(try TestAssets.path("ggml-vocab-llama-spm.gguf"))
        let headerEnd = try GGUFFile.parse(bytes: full).dataOffset
        // Every offset in the first 600 bytes (magic, counts, first keys), then a spread over the rest.
        var cuts = Array(0..<min(600, full.count))
        var x: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<150 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            cuts.append(Int(x >> 33) % headerEnd)
        }
        for cut in cuts where cut < headerEnd - 64 {
            let err = attempt(Array(full[..<cut]))
            guard let e = err as? TokenizerError else {
                XCTFail("cut at \(cut): expected a TokenizerError, got \(String(describing: err))"); continue
            }
            XCTAssertTrue([.truncated, .limitExceeded, .missingField, .malformed].contains(e.kind), "cut at \(cut): \(e)")
        }
    }

    func testFlippedBytesNeverCrash() throws {
        let full = try TestAssets.bytes(try TestAssets.path("ggml-vocab-llama-spm.gguf"))
        var x: UInt64 = 12345
        var thrown = 0
        var trials = 0
        // Dense flips in the header region (counts, keys, types, lengths), sparse ones in the token data.
        let header = min(full.count, 2048)
        for round in 0..<150 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let position = round < 110 ? Int(x >> 33) % header : Int(x >> 33) % full.count
            var damaged = full
            let patterns: [UInt8] = [0xFF, 0x80, 0x01, 0x7F]
            damaged[position] ^= patterns[round % patterns.count]
            trials += 1
            if let err = attempt(damaged) {
                XCTAssertTrue(err is TokenizerError, "flip at \(position): untyped error \(err)")
                thrown += 1
            }
        }
        XCTAssertGreaterThan(thrown, 0, "some damaged headers must be rejected")
        XCTAssertEqual(trials, 150)
    }

    func testStreamingReadsOnlyTheHeader() throws {
        // A big file of which only the header is valid: tensor data is never read.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-gguf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("model.gguf").path
        let tensor = GGUFTensorInfo(name: "token_embd.weight", dimensions: [16, 261], ggmlType: 0, offset: 0)
        var bytes = GGUFTestWriter.tinyTokenizer(tensors: [tensor])
        bytes += [UInt8](repeating: 0xAB, count: 3 << 20)  // "tensor data"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let file = try GGUFFile.read(path: path)
        XCTAssertEqual(file.fileSize, bytes.count)
        XCTAssertEqual(file.tensors.first?.name, "token_embd.weight")
        let t = try TokenizerLoader.load(path: path)
        XCTAssertEqual(t.vocabulary.logitsSize, 261)
        XCTAssertEqual(t.vocabulary.name, "gguf:Tiny")

        // The same header read with a tight header limit fails cleanly.
        var limits = TokenizerLimits()
        limits.maxGGUFHeaderBytes = 100
        XCTAssertThrowsError(try GGUFFile.read(path: path, limits: limits)) { e in
            XCTAssertEqual((e as? TokenizerError)?.kind, .limitExceeded)
            XCTAssertEqual((e as? TokenizerError)?.file, path)
        }
    }
}
