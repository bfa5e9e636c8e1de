import Foundation
import XCTest

/// The chat UI in a real browser: headless Chromium opens `/`, asks a question, and a dashboard
/// rendered from the streamed events appears. The screenshot is kept as a test artifact
/// (`.build/test-artifacts/chat-ui.png`) to look at.
final class ChatUIBrowserTests: XCTestCase {
    func testQuestionInTheChatBecomesARenderedDashboard() throws {
        let port = try LiveServer.get().port
        let screenshot = GenUIRoutesTests.repo.appendingPathComponent(".build/test-artifacts/chat-ui.png")
        try? FileManager.default.removeItem(at: screenshot)
        let (status, report) = try runBrowserScript("chat_ui.py", ["http://127.0.0.1:\(port)/",
            "--question", "How is revenue trending this year by quarter?", "--screenshot", screenshot.path, "--timeout", "400"])
        XCTAssertEqual(status, 0, report)
        let result = try XCTUnwrap(jsonObject(report), report)
        XCTAssertEqual(result["dashboard"] as? Bool, true, report)
        XCTAssertEqual((result["exceptions"] as? [Any])?.count, 0, report)
        XCTAssertEqual((result["csp_violations"] as? [Any])?.count, 0, report)
        XCTAssertGreaterThan(result["nodes_while_streaming"] as? Int ?? 0, 0, "components should appear before the answer is complete: \(report)")
        let png = try Data(contentsOf: screenshot)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    /// A grounded dashboard's filter form in the chat: the Data menu lists the dataset, and choosing a
    /// value re-renders the dashboard in place through `/v1/view` (no page navigation, no model).
    func testFilterFormRerendersInPlace() throws {
        let port = try LiveServer.get().port
        try DatasetRoutesTests.uploaded.get()
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("genui-filter-tree-\(UUID().uuidString).json")
        try DatasetRoutesTests.tree.write(to: tree, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tree) }
        let screenshot = GenUIRoutesTests.repo.appendingPathComponent(".build/test-artifacts/chat-filters.png")
        let (status, report) = try runBrowserScript("chat_filters.py", ["http://127.0.0.1:\(port)/",
            "--tree", tree.path, "--dataset", "sales-test", "--value", "north", "--screenshot", screenshot.path])
        XCTAssertEqual(status, 0, report)
        let result = try XCTUnwrap(jsonObject(report), report)
        XCTAssertTrue((result["options"] as? [String])?.contains("sales-test") == true, report)
        XCTAssertEqual(result["before"] as? String, "32", report)
        XCTAssertEqual(result["after"] as? String, "22", "north only: 10 + 12: \(report)")
        XCTAssertEqual(result["navigated"] as? Bool, false, report)
    }

    /// Runs `Tests/Browser/NAME` with Debian's chromium; skips (or fails under make test) without it.
    private func runBrowserScript(_ name: String, _ arguments: [String]) throws -> (status: Int32, report: String) {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            if ProcessInfo.processInfo.environment["GENUI_REQUIRE_BROWSER"] == "1" { XCTFail("chromium is required (GENUI_REQUIRE_BROWSER=1)") }
            throw XCTSkip("chromium not installed")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", GenUIRoutesTests.repo.appendingPathComponent("Tests/Browser/" + name).path] + arguments
        p.environment = ProcessInfo.processInfo.environment.merging(["CHROMIUM": chromium]) { $1 }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
