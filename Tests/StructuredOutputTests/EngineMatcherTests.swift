import XCTest
@testable import StructuredOutput
import Tokenizers
import JSONSchema

/// Matcher API behaviour: EOS/special/padding rules, rollback, fork, reset, forced bytes, limits,
/// and the grammar validation errors.
final class EngineMatcherTests: XCTestCase {
    private let vocab = EngineFixtures.vocabulary(alphabet: "{}[]\",: 0123456789abtrueflsn", extra: EngineFixtures.jsonExtras,
                                                  randomCount: 200, seed: 11)

    private func compiled(_ grammar: Grammar = EngineFixtures.jsonLike(), limits: MatcherLimits = .default) throws -> CompiledGrammar {
        try CompiledGrammar(grammar: grammar, tokenizer: TokenizerIndex.shared(for: vocab), limits: limits)
    }

    private func id(_ text: String) -> Int32 {
        Int32(vocab.tokens.firstIndex(of: Array(text.utf8))!)
    }

    private func isSet(_ mask: [UInt32], _ id: Int32) -> Bool { mask[Int(id) >> 5] & (1 << UInt32(id & 31)) != 0 }

    func testEOSSpecialZeroLengthAndPaddingIDs() throws {
        var m = GrammarMatcher(try compiled())
        var mask = m.nextTokenBitmask()
        XCTAssertEqual(mask.count, (vocab.logitsSize + 31) / 32)
        XCTAssertFalse(isSet(mask, 1), "EOS before the document is complete")
        XCTAssertFalse(isSet(mask, 0), "special token")
        XCTAssertFalse(isSet(mask, 2), "zero-length token")
        XCTAssertFalse(m.acceptToken(1))
        XCTAssertFalse(m.acceptToken(0))
        XCTAssertFalse(m.acceptToken(2))
        XCTAssertFalse(m.acceptToken(Int32(vocab.count + 3)), "padding id")
        XCTAssertFalse(m.acceptToken(-1))
        XCTAssertTrue(m.acceptToken(id("12")))
        XCTAssertTrue(m.isAccepting)
        mask = m.nextTokenBitmask()
        XCTAssertTrue(isSet(mask, 1), "EOS once accepting")
        XCTAssertTrue(isSet(mask, id("3")), "the number may continue")
        for padding in vocab.count ..< vocab.logitsSize { XCTAssertFalse(isSet(mask, Int32(padding))) }
        XCTAssertEqual(mask.last! >> UInt32(vocab.logitsSize % 32), 0, "bits past logitsSize")
        XCTAssertTrue(m.acceptToken(1))
        XCTAssertTrue(m.isTerminated)
        XCTAssertEqual(allowedIDs(m.nextTokenBitmask()), [1], "only EOS after termination")
        XCTAssertFalse(m.acceptToken(id("3")))
        XCTAssertFalse(m.acceptBytes(Array("3".utf8)))
        m.rollback(1)
        XCTAssertFalse(m.isTerminated)
        XCTAssertTrue(m.acceptToken(id("3")))
    }

    func testRejectedTokenLeavesStateUnchanged() throws {
        var m = GrammarMatcher(try compiled())
        XCTAssertTrue(m.acceptBytes(Array("{\"a\":".utf8)))
        let before = m.nextTokenBitmask()
        XCTAssertFalse(m.acceptToken(id("}")))
        XCTAssertFalse(m.acceptBytes(Array(" 1 x".utf8)))
        XCTAssertEqual(m.nextTokenBitmask(), before)
        XCTAssertEqual(m.rollbackDepth, 1)
    }

    func testRollbackRestoresEarlierMasks() throws {
        var m = GrammarMatcher(try compiled())
        let tokens = ["[", "12", ",", "\"", "a", "\"}"].map(id)
        var masks = [m.nextTokenBitmask()]
        for t in tokens.prefix(5) {
            XCTAssertTrue(m.acceptToken(t))
            masks.append(m.nextTokenBitmask())
        }
        XCTAssertFalse(m.acceptToken(tokens[5]), "\"} cannot close an array")
        m.rollback(2)
        XCTAssertEqual(m.nextTokenBitmask(), masks[3])
        m.rollback(10)
        XCTAssertEqual(m.nextTokenBitmask(), masks[0])
        XCTAssertEqual(m.rollbackDepth, 0)
    }

    func testRollbackHistoryIsBounded() throws {
        var limits = MatcherLimits.default
        limits.maxRollbackTokens = 3
        var m = GrammarMatcher(try compiled(limits: limits))
        for t in ["[", "1", ",", "2", ",", "3"] { XCTAssertTrue(m.acceptToken(id(t))) }
        XCTAssertEqual(m.rollbackDepth, 3)
        m.rollback(5)
        XCTAssertTrue(m.acceptBytes(Array("]".utf8)) == false)   // state after "[1,": a value must follow
        XCTAssertTrue(m.acceptBytes(Array("2]".utf8)))
        XCTAssertTrue(m.isAccepting)
    }

    func testForkIsIndependent() throws {
        var a = GrammarMatcher(try compiled())
        XCTAssertTrue(a.acceptBytes(Array("[1".utf8)))
        var b = a.fork()
        XCTAssertTrue(b.acceptBytes(Array("]".utf8)))
        XCTAssertTrue(b.isAccepting)
        XCTAssertFalse(a.isAccepting)
        XCTAssertTrue(a.acceptBytes(Array(",2".utf8)))
        XCTAssertFalse(a.isAccepting)
        XCTAssertTrue(b.isAccepting)
        let copy = a
        a.reset()
        XCTAssertFalse(copy.acceptsNothingMore())
        XCTAssertTrue(copy.isAccepting == false && copy.rollbackDepth == 2)
        XCTAssertEqual(a.rollbackDepth, 0)
    }

    func testResetReturnsToStart() throws {
        var m = GrammarMatcher(try compiled())
        let start = m.nextTokenBitmask()
        XCTAssertTrue(m.acceptBytes(Array("{\"k\": [true".utf8)))
        m.reset()
        XCTAssertEqual(m.nextTokenBitmask(), start)
        XCTAssertEqual(m.rollbackDepth, 0)
    }

    func testForcedBytesFollowsUniqueByte() throws {
        var g = Grammar()
        let ws = g.add(Rule(name: "ws", body: .automaton(EngineFixtures.literal(" "))))
        let kv = g.add(Rule(name: "kv", body: .automaton(EngineFixtures.sequence([.text("{\"name\""), .call(ws), .text(":"), .call(ws)]))))
        var tail = Automaton()
        let end = tail.addState(accepting: true)
        tail.addBytes(from: 0, 0x30, 0x39, to: end)
        let digit = g.add(Rule(name: "digit", body: .automaton(tail)))
        g.start = g.add(Rule(name: "doc", body: .automaton(EngineFixtures.sequence([.call(kv), .call(digit), .text("}")]))))
        var m = GrammarMatcher(try compiled(g))
        XCTAssertEqual(String(decoding: m.forcedBytes(), as: UTF8.self), "{\"name\" : ")
        XCTAssertEqual(m.rollbackDepth, 0, "forcedBytes does not advance")
        XCTAssertTrue(m.acceptBytes(Array("{\"name\" : 7".utf8)))
        XCTAssertEqual(m.forcedBytes(), Array("}".utf8))
        XCTAssertTrue(m.acceptBytes(Array("}".utf8)))
        XCTAssertEqual(m.forcedBytes(), [], "accepting: EOS may come instead")
        var j = GrammarMatcher(try compiled())
        XCTAssertEqual(j.forcedBytes(), [], "a JSON value can start many ways")
        XCTAssertTrue(j.acceptBytes(Array("[tr".utf8)))
        XCTAssertEqual(j.forcedBytes(), Array("ue".utf8))
    }

    func testStackLimitsAreEnforced() throws {
        var limits = MatcherLimits.default
        limits.maxStackDepth = 12
        var m = GrammarMatcher(try compiled(limits: limits))
        var depth = 0
        while m.acceptBytes(Array("[".utf8)) { depth += 1; if depth > 100 { break } }
        XCTAssertLessThan(depth, 12, "nesting stops before the depth limit")
        XCTAssertGreaterThan(depth, 1)
        limits = .default
        limits.maxFrames = 64
        var big = GrammarMatcher(try compiled(limits: limits))
        for _ in 0..<40 { XCTAssertTrue(big.acceptBytes(Array("[1,".utf8))) }
        XCTAssertTrue(big.acceptBytes(Array("2".utf8)))
        for _ in 0..<40 { XCTAssertTrue(big.acceptBytes(Array("]".utf8))) }
        XCTAssertTrue(big.isAccepting, "compaction kept the live stacks")
        big.rollback(3)
        XCTAssertTrue(big.acceptBytes(Array("]]]".utf8)))
        XCTAssertTrue(big.isAccepting)
    }

    func testMasksAreSharedAcrossMatchersAndThreads() throws {
        let c = try compiled()
        let texts = ["{\"a\": \"xyz", "[1, 2, {\"b\": [", "\"abc", "[true, fal"]
        let expected = texts.map { t -> [UInt32] in
            var m = GrammarMatcher(c)
            XCTAssertTrue(m.acceptBytes(Array(t.utf8)))
            return m.nextTokenBitmask()
        }
        let fresh = try compiled()   // a second grammar: same answers, with shared call-free entries
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: texts.count * 4) { i in
            var m = GrammarMatcher(i % 2 == 0 ? c : fresh)
            _ = m.acceptBytes(Array(texts[i % texts.count].utf8))
            results.set(i, m.nextTokenBitmask())
        }
        for i in 0 ..< texts.count * 4 { XCTAssertEqual(results.get(i), expected[i % texts.count]) }
        XCTAssertGreaterThan(c.cachedPositionCount, 3)
    }

    func testUnsafeBufferOverloadWritesRow() throws {
        var m = GrammarMatcher(try compiled())
        XCTAssertTrue(m.acceptBytes(Array("[".utf8)))
        let expected = m.nextTokenBitmask()
        let row = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: expected.count + 2)
        row.initialize(repeating: 0xFFFF_FFFF)
        defer { row.deallocate() }
        m.fillNextTokenBitmask(row)
        XCTAssertEqual(Array(row.prefix(expected.count)), expected)
        XCTAssertEqual(Array(row.suffix(2)), [0, 0])
    }

    // MARK: validation

    private func validationError(_ g: Grammar) -> GrammarValidationError? {
        do { _ = try CompiledGrammar(grammar: g, tokenizer: TokenizerIndex.shared(for: vocab)); return nil }
        catch let e as GrammarValidationError { return e }
        catch { XCTFail("unexpected \(error)"); return nil }
    }

    func testRejectsLeftRecursionThroughNullableCalls() {
        var g = Grammar()
        let empty = g.add(Rule(name: "empty", body: .automaton(Automaton(states: [Automaton.State(accepting: true)]))))
        let a = g.add(Rule(name: "a", body: .automaton(Automaton())))
        let b = g.add(Rule(name: "b", body: .automaton(EngineFixtures.sequence([.call(empty), .call(a), .text("x")]))))
        g[a] = Rule(name: "a", body: .automaton(EngineFixtures.sequence([.call(b), .text("y")])))
        g.start = a
        let e = validationError(g)
        XCTAssertNotNil(e)
        XCTAssertTrue(e?.message.contains("left recursion") ?? false, e?.description ?? "")
        XCTAssertTrue(e?.message.contains("a → b → a") ?? false, e?.description ?? "")
        // Right recursion is fine.
        var r = Grammar()
        let list = r.add(Rule(name: "list", body: .automaton(Automaton())))
        r[list] = Rule(name: "list", body: .automaton(EngineFixtures.sequence([.text("x"), .call(list)])))
        var opt = EngineFixtures.sequence([.text("x"), .call(list)])
        opt.states[0].accepting = true
        r[list] = Rule(name: "list", body: .automaton(opt))
        XCTAssertNil(validationError(r))
    }

    func testRejectsEmptyRepetitionItemsAndBadIDs() {
        var g = Grammar()
        let empty = g.add(Rule(name: "maybe", body: .automaton(Automaton(states: [Automaton.State(accepting: true)]))))
        g.start = g.add(Rule(name: "items", body: .repetition(item: empty, separator: nil, min: 0, max: nil)))
        XCTAssertEqual(validationError(g)?.pointer, JSONPointer(["rules", "1", "body", "item"]))
        var h = Grammar()
        h.start = h.add(Rule(name: "bad", body: .automaton(EngineFixtures.sequence([.call(7)]))))
        XCTAssertEqual(validationError(h)?.pointer, JSONPointer(["rules", "0", "body", "states", "0", "calls", "0"]))
        var k = Grammar()
        var a = Automaton()
        a.addBytes(from: 0, 1, 2, to: 9)
        k.start = k.add(Rule(name: "target", body: .automaton(a)))
        XCTAssertEqual(validationError(k)?.rule, "target")
        var m = Grammar()
        let x = m.add(Rule(name: "x", body: .automaton(EngineFixtures.literal("x"))))
        m.start = m.add(Rule(name: "r", body: .repetition(item: x, separator: nil, min: 3, max: 2)))
        XCTAssertEqual(validationError(m)?.pointer, JSONPointer(["rules", "1", "body", "max"]))
        XCTAssertNotNil(validationError(Grammar(rules: [], start: 0)))
    }
}

private extension GrammarMatcher {
    func acceptsNothingMore() -> Bool { isDead }
}

private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: [UInt32]] = [:]
    func set(_ i: Int, _ v: [UInt32]) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> [UInt32]? { lock.lock(); defer { lock.unlock() }; return values[i] }
}
