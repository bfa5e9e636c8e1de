import XCTest
final class TokenizersTestsPlaceholder: XCTestCase { func testModuleLinks() {} }
