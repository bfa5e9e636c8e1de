import Foundation
import XCTest
@testable import Server

/// Pathological schemas sent to the running server: each is refused with a 400 naming the limit it
/// hit, and while they compile the server goes on answering other requests.
final class SchemaBombTests: XCTestCase {
    static func bombs() -> [(name: String, schema: String)] {
        let hugeEnum = "{\"enum\": [" + (0..<200_000).map { "\"value-\($0)\"" }.joined(separator: ",") + "]}"
        var deep = "{\"type\": \"string\"}"
        for _ in 0..<400 { deep = "{\"type\": \"object\", \"properties\": {\"a\": \(deep)}, \"required\": [\"a\"]}" }
        let branches = (0..<40).map { i in "{\"anyOf\": [{\"type\": \"string\", \"pattern\": \"^a{\(i % 7 + 1)}x\(i)$\"}, {\"type\": \"integer\", \"minimum\": \(i)}]}" }
        let allOfAnyOf = "{\"allOf\": [" + branches.joined(separator: ",") + "]}"
        return [
            ("huge enum", hugeEnum),
            ("deep nesting", deep),
            ("allOf of anyOfs", allOfAnyOf),
            ("pattern × huge length", "{\"type\": \"string\", \"pattern\": \"^(a|b|c)*[a-z]{5}$\", \"maxLength\": 1000000000}"),
            ("recursive allOf", "{\"$defs\": {\"a\": {\"allOf\": [{\"$ref\": \"#/$defs/a\"}]}}, \"$ref\": \"#/$defs/a\"}"),
        ]
    }

    func testBombsAreRefusedAndOthersAreStillServed() throws {
        let port = try LiveServer.get().port
        let stop = DispatchSemaphore(value: 0)
        let others = OtherRequests()
        // Meanwhile, a client keeps asking for health and a render.
        let background = Thread {
            while stop.wait(timeout: .now()) == .timedOut {
                let t0 = Date()
                let ok = (try? RawHTTPClient.get(port, "/healthz").status) == 200
                others.record(ok: ok, seconds: Date().timeIntervalSince(t0))
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        background.start()
        defer { stop.signal() }
        for bomb in Self.bombs() {
            let body = "{\"prompt\": \"hi\", \"schema\": \(bomb.schema)}"
            let response = try RawHTTPClient.post(port, "/v1/generate", json: body)
            XCTAssertEqual(response.status, 400, "\(bomb.name): \(response.text.prefix(300))")
            let error = response.json?["error"] as? [String: Any]
            // Deep nesting already stops at the request's JSON depth limit; the rest at the compiler's limits.
            XCTAssertTrue(["unsupported_schema", "invalid_json"].contains(error?["code"] as? String ?? ""), "\(bomb.name): \(response.text.prefix(300))")
            XCTAssertFalse((error?["message"] as? String ?? "").isEmpty, bomb.name)
        }
        stop.signal()
        Thread.sleep(forTimeInterval: 0.2)
        let (count, failures) = others.summary
        XCTAssertGreaterThan(count, 0)
        XCTAssertEqual(failures, 0, "health requests failed while schemas compiled")
    }

    private final class OtherRequests: @unchecked Sendable {
        private var samples: [(Bool, Double)] = []
        private let lock = NSLock()
        func record(ok: Bool, seconds: Double) { lock.lock(); samples.append((ok, seconds)); lock.unlock() }
        var summary: (count: Int, failures: Int) {
            lock.lock(); defer { lock.unlock() }
            return (samples.count, samples.filter { !$0.0 }.count)
        }
    }
}
