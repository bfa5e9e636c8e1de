import XCTest
final class StructuredOutputTestsPlaceholder: XCTestCase { func testModuleLinks() {} }
