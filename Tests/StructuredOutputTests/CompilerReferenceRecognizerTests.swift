import XCTest
@testable import StructuredOutput

/// The oracle itself, on hand-built grammars (so compiler bugs cannot mask recognizer bugs).
final class CompilerReferenceRecognizerTests: XCTestCase {
    /// A rule matching one byte `b`.
    func byteRule(_ b: Character) -> Rule {
        var a = Automaton()
        let end = a.addState(accepting: true)
        a.addBytes(from: 0, b.asciiValue ?? 0, b.asciiValue ?? 0, to: end)
        return Rule(name: String(b), body: .automaton(a))
    }

    func testRepetitionCountsAndSeparators() {
        var g = Grammar()
        let x = g.add(byteRule("x"))
        let comma = g.add(byteRule(","))
        g.start = g.add(Rule(name: "list", body: .repetition(item: x, separator: comma, min: 2, max: 3)))
        for (text, expected) in [("x,x", true), ("x,x,x", true), ("x", false), ("x,x,x,x", false), ("x,,x", false), ("xx", false), ("", false), ("x,x,", false)] {
            XCTAssertEqual(ReferenceRecognizer.accepts(grammar: g, text: text), expected, text)
        }
        g[g.start].body = .repetition(item: x, separator: nil, min: 0, max: nil)
        XCTAssertTrue(ReferenceRecognizer.accepts(grammar: g, text: ""))
        XCTAssertTrue(ReferenceRecognizer.accepts(grammar: g, text: "xxxxx"))
        XCTAssertFalse(ReferenceRecognizer.accepts(grammar: g, text: "xx,"))
    }

    func testRecursiveCallsBalanceBrackets() {
        // S → '(' S* ')' : a call edge back to S inside S.
        var g = Grammar()
        var a = Automaton()
        let inner = a.addState()
        let end = a.addState(accepting: true)
        a.addBytes(from: 0, UInt8(ascii: "("), UInt8(ascii: "("), to: inner)
        a.addCall(from: inner, rule: 0, to: inner)
        a.addBytes(from: inner, UInt8(ascii: ")"), UInt8(ascii: ")"), to: end)
        g.start = g.add(Rule(name: "S", body: .automaton(a)))
        for (text, expected) in [("()", true), ("(()())", true), ("((()))", true), ("(()", false), ("())", false), ("()()", false)] {
            XCTAssertEqual(ReferenceRecognizer.accepts(grammar: g, text: text), expected, text)
        }
    }

    func testNondeterministicAlternativesAndIncrementalFeeding() {
        // start → "ab" | "ac" as two calls from one state.
        var g = Grammar()
        var ab = Automaton(), ac = Automaton()
        let ab1 = ab.addState(), ab2 = ab.addState(accepting: true)
        ab.addBytes(from: 0, 0x61, 0x61, to: ab1); ab.addBytes(from: ab1, 0x62, 0x62, to: ab2)
        let ac1 = ac.addState(), ac2 = ac.addState(accepting: true)
        ac.addBytes(from: 0, 0x61, 0x61, to: ac1); ac.addBytes(from: ac1, 0x63, 0x63, to: ac2)
        let r1 = g.add(Rule(name: "ab", body: .automaton(ab)))
        let r2 = g.add(Rule(name: "ac", body: .automaton(ac)))
        var top = Automaton()
        let done = top.addState(accepting: true)
        top.addCall(from: 0, rule: r1, to: done)
        top.addCall(from: 0, rule: r2, to: done)
        g.start = g.add(Rule(name: "top", body: .automaton(top)))
        var r = ReferenceRecognizer(grammar: g)
        XCTAssertFalse(r.isAccepting)
        XCTAssertTrue(r.feed(0x61))
        XCTAssertFalse(r.isAccepting)
        var r2copy = r
        XCTAssertTrue(r.feed(0x63))
        XCTAssertTrue(r.isAccepting)
        XCTAssertFalse(r2copy.feed(0x64))
        XCTAssertFalse(r2copy.isAlive)
    }
}
