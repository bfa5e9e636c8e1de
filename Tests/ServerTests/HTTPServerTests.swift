import Foundation
import XCTest
@testable import Server

/// The HTTP layer over libmicrohttpd, on a real loopback socket: limits, streaming, cancellation,
/// graceful shutdown and malformed input. No model involved.
final class HTTPServerTests: XCTestCase {
    private func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }, handler: @escaping HTTPServer.Handler) throws -> HTTPServer {
        try HTTPServer.startedOnAFreePort(configure, handler: handler)
    }

    private static func echo(_ request: HTTPRequest) -> HTTPResponse {
        .text("\(request.method) \(request.path) q=\(request.query["q"] ?? "-") ct=\(request.header("content-type") ?? "-") n=\(request.body.count)")
    }

    func testRequestReachesHandlerWithQueryHeadersAndBody() throws {
        let server = try start(handler: Self.echo)
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: server.port)
        client.request("POST", "/a/b?q=x%20y", body: Array("hello".utf8), headers: ["Content-Type": "text/plain"])
        let response = try XCTUnwrap(client.readResponse())
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "POST /a/b q=x y ct=text/plain n=5")
    }

    func testOversizedBodyIsRefusedWith413() throws {
        let server = try start({ $0.maxBodyBytes = 1000 }, handler: Self.echo)
        defer { server.shutdown() }
        // Announced by Content-Length: refused before the body is read.
        let announced = try RawHTTPClient(port: server.port)
        announced.request("POST", "/", body: [UInt8](repeating: 65, count: 5000))
        XCTAssertEqual(announced.readResponse()?.status, 413)
        // Chunked, so the size is only known while reading.
        let chunked = try RawHTTPClient(port: server.port)
        chunked.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        for _ in 0..<4 { chunked.send("190\r\n" + String(repeating: "B", count: 400) + "\r\n") }
        chunked.send("0\r\n\r\n")
        let refused = try XCTUnwrap(chunked.readResponse())
        XCTAssertEqual(refused.status, 413)
        XCTAssertEqual(refused.json?["error"].flatMap { $0 as? [String: Any] }?["code"] as? String, "body_too_large")
        // At the limit it passes.
        let fits = try RawHTTPClient(port: server.port)
        fits.request("POST", "/", body: [UInt8](repeating: 65, count: 1000))
        XCTAssertEqual(fits.readResponse()?.text.hasSuffix("n=1000"), true)
    }

    func testMalformedRequestLineAndHugeHeadersGet4xx() throws {
        let server = try start({ $0.connectionMemoryBytes = 16 << 10 }, handler: Self.echo)
        defer { server.shutdown() }
        let garbage = try RawHTTPClient(port: server.port)
        garbage.send("THIS IS NOT HTTP\r\n\r\n")
        let status = garbage.readResponse()?.status ?? 0
        XCTAssertTrue((400..<500).contains(status), "status \(status)")

        let huge = try RawHTTPClient(port: server.port)
        huge.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 64 << 10) + "\r\n\r\n")
        let hugeStatus = huge.readResponse()?.status ?? 0
        XCTAssertTrue((400..<500).contains(hugeStatus), "status \(hugeStatus)")

        // The server still serves others.
        let fine = try RawHTTPClient(port: server.port)
        fine.request("GET", "/ok")
        XCTAssertEqual(fine.readResponse()?.status, 200)
    }

    func testRouterAnswers404And405WithAllow() throws {
        var router = Router()
        router.add("GET", "/items/{id}") { _, p in .text("item \(p["id"] ?? "")") }
        let r = router
        let server = try start { request in
            r.respond(to: request, notFound: { _ in .text("nf", status: 404) },
                      methodNotAllowed: { _, allowed in .text("na", status: 405).adding(header: "Allow", allowed.joined(separator: ", ")) }).response
        }
        defer { server.shutdown() }
        let ok = try RawHTTPClient(port: server.port)
        ok.request("GET", "/items/42")
        XCTAssertEqual(ok.readResponse()?.text, "item 42")
        let missing = try RawHTTPClient(port: server.port)
        missing.request("GET", "/nope")
        XCTAssertEqual(missing.readResponse()?.status, 404)
        let wrongMethod = try RawHTTPClient(port: server.port)
        wrongMethod.request("DELETE", "/items/1")
        let response = try XCTUnwrap(wrongMethod.readResponse())
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.headers["allow"], "GET")
    }

    func testStreamDeliversEventsInOrderAsTheyAreWritten() throws {
        let server = try start { _ in
            .eventStream { stream in
                for i in 0..<50 { stream.send(ServerSentEvent(event: "n", data: "\(i)")) }
                stream.send(ServerSentEvent(event: "done", data: "{\"a\":1}\n{\"b\":2}"))
            }
        }
        defer { server.shutdown() }
        let client = try RawHTTPClient(port: server.port)
        client.request("GET", "/")
        let head = try XCTUnwrap(client.readHead())
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-type"], "text/event-stream; charset=utf-8")
        var parser = SSEParser()
        var events: [(event: String, data: String)] = []
        while let chunk = client.readChunk() { events += parser.feed(chunk) }
        XCTAssertEqual(events.map(\.data).prefix(50), (0..<50).map(String.init)[...])
        XCTAssertEqual(events.last?.event, "done")
        XCTAssertEqual(events.last?.data, "{\"a\":1}\n{\"b\":2}")
    }

    func testClientDisconnectCancelsTheProducer() throws {
        let cancelled = expectation(description: "producer saw the disconnect")
        let server = try start { _ in
            .eventStream { stream in
                var i = 0
                while !stream.isCancelled {
                    stream.send(ServerSentEvent(data: String(repeating: "x", count: 1000) + "\(i)"))
                    i += 1
                    Thread.sleep(forTimeInterval: 0.01)
                }
                cancelled.fulfill()
            }
        }
        defer { server.shutdown() }
        do {
            let client = try RawHTTPClient(port: server.port)
            client.request("GET", "/")
            XCTAssertNotNil(client.readHead())
            _ = client.readChunk()
        }   // the client closes its socket here
        wait(for: [cancelled], timeout: 10)
    }

    func testShutdownLetsOpenStreamsSendALastEvent() throws {
        let server = try start({ $0.shutdownGraceSeconds = 5 }) { _ in
            .eventStream { stream in
                stream.send(ServerSentEvent(event: "start", data: "{}"))
                while !stream.isCancelled { Thread.sleep(forTimeInterval: 0.01) }
                stream.send(ServerSentEvent(event: "error", data: "{\"code\":\"shutting_down\"}"))
            }
        }
        let client = try RawHTTPClient(port: server.port)
        client.request("GET", "/")
        XCTAssertEqual(client.readHead()?.status, 200)
        var parser = SSEParser()
        var events = parser.feed(client.readChunk() ?? [])
        XCTAssertEqual(events.first?.event, "start")
        let began = Date()
        let stopped = expectation(description: "shutdown returned")
        DispatchQueue.global().async { server.shutdown(); stopped.fulfill() }
        while let chunk = client.readChunk() { events += parser.feed(chunk) }
        wait(for: [stopped], timeout: 10)
        XCTAssertEqual(events.last?.event, "error")
        XCTAssertLessThan(Date().timeIntervalSince(began), 5, "shutdown waited for the whole grace period")
        XCTAssertEqual(server.activeStreamCount, 0)
    }

    func testConcurrentClientsAreAllServed() throws {
        let server = try start(handler: Self.echo)
        defer { server.shutdown() }
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 48) { i in
            guard let client = try? RawHTTPClient(port: server.port) else { return }
            client.request("GET", "/c/\(i)")
            statuses.add(client.readResponse()?.status ?? 0)
        }
        XCTAssertEqual(statuses.values.count, 48)
        XCTAssertTrue(statuses.values.allSatisfy { $0 == 200 })
    }

    func testMetricsExposition() {
        let m = MetricsRegistry()
        m.describeCounter("c_total", "A counter.")
        m.describeHistogram("h_seconds", "A histogram.", buckets: [0.1, 1])
        m.increment("c_total", labels: [("route", "/v1/x"), ("status", "200")])
        m.increment("c_total", labels: [("route", "/v1/x"), ("status", "200")])
        m.observe("h_seconds", [0.05, 0.5, 5])
        let text = m.exposition()
        XCTAssertTrue(text.contains("# TYPE c_total counter\nc_total{route=\"/v1/x\",status=\"200\"} 2\n"), text)
        XCTAssertTrue(text.contains("h_seconds_bucket{le=\"0.1\"} 1\nh_seconds_bucket{le=\"1\"} 2\nh_seconds_bucket{le=\"+Inf\"} 3\n"), text)
        XCTAssertTrue(text.contains("h_seconds_count 3\n"), text)
    }

    func testUTF8PendingNeverSplitsACharacter() {
        var pending = UTF8Pending()
        let bytes = Array("aé€😀z".utf8)
        var out = ""
        for b in bytes { out += pending.take([b]) }
        out += pending.flush()
        XCTAssertEqual(out, "aé€😀z")
    }
}

final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Int] = []
    func add(_ v: Int) { lock.lock(); values.append(v); lock.unlock() }
}
