import XCTest
@testable import Inference

/// The sampler only ever returns allowed tokens, is greedy at temperature 0, and is reproducible.
final class MaskedSamplerTests: XCTestCase {
    func mask(_ ids: [Int], words: Int = 2) -> [UInt32] {
        var m = [UInt32](repeating: 0, count: words)
        for id in ids { m[id / 32] |= 1 << UInt32(id % 32) }
        return m
    }

    func testAllowedListsSetBitsBelowTheLimit() {
        XCTAssertEqual(MaskedSampler.allowed(mask([0, 5, 31, 32, 40]), limit: 40), [0, 5, 31, 32])
        XCTAssertEqual(MaskedSampler.allowed(mask([]), limit: 64), [])
    }

    func testGreedyPicksTheBestAllowedToken() {
        var logits = [Float](repeating: 0, count: 64)
        logits[3] = 9      // best overall, but masked out
        logits[10] = 2
        logits[20] = 5
        var sampler = MaskedSampler(SamplingParameters(temperature: 0))
        let id = logits.withUnsafeBufferPointer { sampler.sample(logits: $0, mask: mask([10, 20, 50])) }
        XCTAssertEqual(id, 20)
    }

    func testRepetitionPenaltyDemotesRecentTokens() {
        var logits = [Float](repeating: 0, count: 64)
        logits[10] = 2.0
        logits[20] = 1.9
        var plain = MaskedSampler(SamplingParameters(temperature: 0))
        plain.note(10)
        XCTAssertEqual(logits.withUnsafeBufferPointer { plain.sample(logits: $0, mask: mask([10, 20])) }, 10, "penalty 1 is off")
        var penalised = MaskedSampler(SamplingParameters(temperature: 0, repetitionPenalty: 1.2))
        penalised.note(10)
        XCTAssertEqual(logits.withUnsafeBufferPointer { penalised.sample(logits: $0, mask: mask([10, 20])) }, 20)
        // Out of the window, the token is free again.
        for _ in 0..<MaskedSampler.repetitionWindow { penalised.note(30) }
        XCTAssertEqual(logits.withUnsafeBufferPointer { penalised.sample(logits: $0, mask: mask([10, 20])) }, 10)
    }

    func testSamplingStaysInsideTheMaskAndIsReproducible() {
        let logits = (0..<64).map { Float($0 % 7) }
        let allowed = [1, 2, 9, 33, 60]
        func draw(seed: UInt64) -> [Int32] {
            var sampler = MaskedSampler(SamplingParameters(temperature: 1.0, topP: 1.0, seed: seed))
            return (0..<200).map { _ in logits.withUnsafeBufferPointer { sampler.sample(logits: $0, mask: mask(allowed))! } }
        }
        let a = draw(seed: 1), b = draw(seed: 1), c = draw(seed: 2)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertTrue(a.allSatisfy { allowed.contains(Int($0)) })
        XCTAssertGreaterThan(Set(a).count, 2, "temperature 1 should spread over several tokens")
    }

    func testTopPKeepsOnlyTheNucleus() {
        var logits = [Float](repeating: -10, count: 64)
        logits[4] = 10  // ~all the probability mass
        var sampler = MaskedSampler(SamplingParameters(temperature: 1, topP: 0.5, seed: 3))
        for _ in 0..<100 {
            XCTAssertEqual(logits.withUnsafeBufferPointer { sampler.sample(logits: $0, mask: mask([4, 5, 6, 7])) }, 4)
        }
    }

    func testEmptyMaskGivesNil() {
        var sampler = MaskedSampler(SamplingParameters())
        let logits = [Float](repeating: 0, count: 64)
        XCTAssertNil(logits.withUnsafeBufferPointer { sampler.sample(logits: $0, mask: mask([])) })
    }
}
