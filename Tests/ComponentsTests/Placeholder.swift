import XCTest
final class ComponentsTestsPlaceholder: XCTestCase { func testModuleLinks() {} }
