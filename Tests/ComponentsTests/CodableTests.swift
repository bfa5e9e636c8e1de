import Foundation
import JSONSchema
import XCTest
@testable import Components

final class CodableTests: XCTestCase {
    func testJSONDecoderReadsEveryExampleLikeTheDirectDecoder() throws {
        for url in try Repo.exampleFiles() {
            let data = try Data(contentsOf: url)
            let viaCodable = try JSONDecoder().decode(Surface.self, from: data)
            let direct = try Surface.decode(from: try JSONParser.parse(bytes: [UInt8](data)))
            XCTAssertEqual(viaCodable, direct, url.lastPathComponent)
            let reencoded = try JSONEncoder().encode(direct)
            XCTAssertEqual(try JSONDecoder().decode(Surface.self, from: reencoded), direct, url.lastPathComponent)
        }
    }

    func testJSONDecoderErrorsCarryPointers() throws {
        let text = DecodingTests.minimal.replacingOccurrences(of: #""mark":"bar""#, with: #""mark":"pie""#)
        XCTAssertThrowsError(try JSONDecoder().decode(Surface.self, from: Data(text.utf8))) { error in
            XCTAssertEqual((error as? ComponentDecodingError)?.pointer.description, "/root/children/1/children/1/mark")
        }
    }
}
