import Foundation
import JSONSchema
import XCTest
@testable import Inference

/// The real default model (SmolLM2-135M through llama.cpp) sampled under our masks: the answer
/// validates against the schema, seeds reproduce, limits end in errors, never in partial answers.
final class LlamaGenerationTests: XCTestCase {
    nonisolated(unsafe) static var loaded: LlamaModel?

    func model() throws -> LlamaModel {
        if let m = Self.loaded { return m }
        let path: String
        do { path = try ModelCatalog.resolve("default") } catch {
            if ProcessInfo.processInfo.environment["GENUI_REQUIRE_ASSETS"] == "1" { XCTFail("\(error)") }
            throw XCTSkip("\(error)")
        }
        let m = try LlamaModel(path: path, contextSize: 2048)
        Self.loaded = m
        return m
    }

    let schema = try! JSONParser.parse(#"""
    {"type":"object","properties":{
      "city":{"type":"string","minLength":1,"maxLength":24},
      "country":{"enum":["France","Germany","Italy","Spain"]},
      "population":{"type":"integer","minimum":0,"maximum":40000000},
      "landmarks":{"type":"array","items":{"type":"string","maxLength":30},"minItems":1,"maxItems":3}},
     "required":["city","country","population","landmarks"],"additionalProperties":false}
    """#)

    func generate(_ m: LlamaModel, seed: UInt64, temperature: Double = 0.7, limits: GenerationLimits = GenerationLimits(maxTokens: 200),
                  cancel: @escaping @Sendable () -> Bool = { false }) throws -> ([UInt8], GenerationMetrics, [UInt8]) {
        var streamed: [UInt8] = []
        let (bytes, metrics) = try LlamaLanguageModel(m).generate(
            messages: [ChatMessage(role: "system", content: "Answer with JSON."),
                       ChatMessage(role: "user", content: "Describe the capital of France.")],
            constraint: try GenerationConstraint(schema: schema), sampling: SamplingParameters(temperature: temperature, seed: seed),
            limits: limits, isCancelled: cancel) { streamed += $0 }
        return (bytes, metrics, streamed)
    }

    func testAnswerValidatesAndStreamsExactly() throws {
        let m = try model()
        XCTAssertEqual(m.vocabulary.logitsSize, 49152)
        let validator = try SchemaValidator(schema: schema)
        for seed: UInt64 in [1, 2, 3] {
            let (bytes, metrics, streamed) = try generate(m, seed: seed)
            XCTAssertEqual(streamed, bytes, "onBytes must deliver exactly the answer")
            let doc = try JSONParser().parse(bytes)
            XCTAssertEqual(validator.validate(doc).map(\.message), [], String(decoding: bytes, as: UTF8.self))
            XCTAssertGreaterThan(metrics.tokens, 5)
            XCTAssertGreaterThan(metrics.forcedTokens, 0, "keys and punctuation are forced by the grammar")
            XCTAssertEqual(metrics.maskMicros.count, metrics.tokens - metrics.forcedTokens + 1, "one mask per sampled token plus the final one")
            XCTAssertGreaterThan(metrics.promptTokens, 10)
        }
    }

    func testTheSharedPromptPrefixIsEvaluatedOnce() throws {
        let m = try model()
        _ = try generate(m, seed: 5)
        let (_, metrics, _) = try generate(m, seed: 6)
        XCTAssertEqual(metrics.reusedPromptTokens, metrics.promptTokens - 1, "only the last prompt token is evaluated again")
    }

    func testSameSeedSameAnswer() throws {
        let m = try model()
        let a = try generate(m, seed: 7).0, b = try generate(m, seed: 7).0
        XCTAssertEqual(String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
        let greedy1 = try generate(m, seed: 1, temperature: 0).0, greedy2 = try generate(m, seed: 2, temperature: 0).0
        XCTAssertEqual(greedy1, greedy2, "greedy decoding ignores the seed")
    }

    func testTokenLimitIsAnErrorNotAPartialAnswer() throws {
        let m = try model()
        XCTAssertThrowsError(try generate(m, seed: 1, limits: GenerationLimits(maxTokens: 4))) { error in
            guard case GenerationError.maxTokens(4) = error else { return XCTFail("\(error)") }
        }
    }

    func testCancellationStopsTheLoop() throws {
        let m = try model()
        XCTAssertThrowsError(try generate(m, seed: 1, cancel: { true })) { error in
            guard case GenerationError.cancelled = error else { return XCTFail("\(error)") }
        }
    }

    func testUnsupportedSchemaIsRefusedBeforeDecoding() {
        let bad = try! JSONParser.parse(#"{"type":"string","pattern":"(?=a)b"}"#)
        XCTAssertThrowsError(try GenerationConstraint(schema: bad)) { error in
            guard case GenerationError.unsupportedSchema(let pointer, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(pointer, "/pattern")
        }
    }

    func testChatTemplateAndMissingModel() throws {
        let m = try model()
        let text = try m.formatChat([ChatMessage(role: "user", content: "hi")])
        XCTAssertTrue(text.contains("hi"))
        XCTAssertTrue(text.contains("<|im_start|>assistant"), text)
        XCTAssertThrowsError(try LlamaModel(path: "/nonexistent/model.gguf")) { error in
            guard case GenerationError.modelNotFound = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try ModelCatalog.resolve("gpt-17"))
    }
}
