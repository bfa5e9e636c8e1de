import XCTest
@testable import Tokenizers

/// The byte ↔ text conventions vocabularies use.
final class ByteMappingTests: XCTestCase {
    func testByteLevelKnownCharacters() {
        XCTAssertEqual(ByteLevel.decode("Ġ"), [0x20])
        XCTAssertEqual(ByteLevel.decode("Ċ"), [0x0A])
        XCTAssertEqual(ByteLevel.decode("ĉ"), [0x09])
        XCTAssertEqual(ByteLevel.decode("Ġthe"), Array(" the".utf8))
        // "é" is two bytes, written as two table characters.
        XCTAssertEqual(ByteLevel.decode("Ã©"), Array("é".utf8))
    }

    func testByteLevelTableIsABijection() {
        var seen = Set<UInt32>()
        for b in 0..<256 {
            let s = ByteLevel.scalarForByte[b]
            XCTAssertTrue(seen.insert(s.value).inserted, "scalar for byte \(b) repeats")
            XCTAssertEqual(ByteLevel.byte(for: s), UInt8(b))
        }
        let all = (0..<256).map { UInt8($0) }
        XCTAssertEqual(ByteLevel.decode(ByteLevel.encode(all)), all)
        XCTAssertNil(ByteLevel.byte(for: " "), "a raw space is not part of the byte-level alphabet")
    }

    func testSentencePieceConventions() {
        XCTAssertEqual(SentencePiece.decode("▁the"), Array(" the".utf8))
        XCTAssertEqual(SentencePiece.decode("a▁▁b▁"), Array("a  b ".utf8))
        XCTAssertEqual(SentencePiece.decode("â▁"), Array("â ".utf8))
        XCTAssertEqual(SentencePiece.byteValue("<0x0A>"), 0x0A)
        XCTAssertEqual(SentencePiece.byteValue("<0xff>"), 0xFF)
        XCTAssertNil(SentencePiece.byteValue("<0xG0>"))
        XCTAssertNil(SentencePiece.byteValue("<0x0A"))
        XCTAssertNil(SentencePiece.byteValue("0x0A"))
    }
}
