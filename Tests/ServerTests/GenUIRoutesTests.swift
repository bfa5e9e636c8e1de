import Components
import Foundation
import JSONSchema
import XCTest
@testable import Server

/// The API routes of a running server (real socket, real default model).
final class GenUIRoutesTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func example() throws -> String {
        let dir = Self.repo.appendingPathComponent("Examples")
        let file = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().first { $0.hasSuffix(".json") })
        return try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
    }

    func testHealthSchemasAndModels() throws {
        let port = try LiveServer.get().port
        let health = try RawHTTPClient.get(port, "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.json?["status"] as? String, "ok")

        let list = try RawHTTPClient.get(port, "/v1/schemas")
        let names = (list.json?["schemas"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        XCTAssertEqual(names.first, "genui")
        XCTAssertTrue(names.contains("Chart") && names.contains("KPI"), "\(names)")

        let bundle = try RawHTTPClient.get(port, "/v1/schemas/genui")
        XCTAssertEqual(bundle.headers["content-type"], "application/schema+json")
        XCTAssertEqual(bundle.text, EmbeddedCatalog.text)
        let chart = try RawHTTPClient.get(port, "/v1/schemas/Chart")
        XCTAssertNotNil(chart.json?["properties"])
        let unknown = try RawHTTPClient.get(port, "/v1/schemas/Nope")
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual((unknown.json?["error"] as? [String: Any])?["code"] as? String, "unknown_schema")

        let models = try RawHTTPClient.get(port, "/v1/models")
        XCTAssertEqual(models.json?["object"] as? String, "list")
    }

    func testRenderPageAndFragmentWithSecurityHeaders() throws {
        let port = try LiveServer.get().port
        let tree = try example()
        let page = try RawHTTPClient.post(port, "/v1/render", json: tree)
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertEqual(page.headers["content-security-policy"], GenUIApplication.dashboardPolicy)
        XCTAssertEqual(page.headers["x-content-type-options"], "nosniff")
        XCTAssertTrue(page.text.hasPrefix("<!doctype html>"))
        XCTAssertFalse(page.text.lowercased().contains("<script"))

        let fragment = try RawHTTPClient.post(port, "/v1/render?format=fragment", json: tree)
        XCTAssertEqual(fragment.status, 200)
        XCTAssertFalse(fragment.text.contains("<html"))
        XCTAssertTrue(page.text.contains(fragment.text), "the fragment is the page's body")
    }

    func testRenderRefusesBadInputWithPointers() throws {
        let port = try LiveServer.get().port
        let malformed = try RawHTTPClient.post(port, "/v1/render", json: "{\"version\": \"1\",")
        XCTAssertEqual(malformed.status, 400)
        let error = try XCTUnwrap(malformed.json?["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "invalid_json")
        XCTAssertTrue((error["message"] as? String ?? "").contains("line 1"), "\(error)")

        var tree = try XCTUnwrap(jsonObject(try example()))
        var root = try XCTUnwrap(tree["root"] as? [String: Any])
        root["id"] = 12
        tree["root"] = root
        let body = String(decoding: try JSONSerialization.data(withJSONObject: tree), as: UTF8.self)
        let invalid = try RawHTTPClient.post(port, "/v1/render", json: body)
        XCTAssertEqual(invalid.status, 422)
        let e = try XCTUnwrap(invalid.json?["error"] as? [String: Any])
        XCTAssertEqual(e["code"] as? String, "invalid_tree")
        XCTAssertEqual(e["pointer"] as? String, "/root/id")
        XCTAssertFalse((e["errors"] as? [Any] ?? []).isEmpty)

        let validate = try RawHTTPClient.post(port, "/v1/validate", json: body)
        XCTAssertEqual(validate.status, 200)
        XCTAssertEqual(validate.json?["valid"] as? Bool, false)
        let good = try RawHTTPClient.post(port, "/v1/validate", json: try example())
        XCTAssertEqual(good.json?["valid"] as? Bool, true)
    }

    func testUnknownRoutesAndMethods() throws {
        let port = try LiveServer.get().port
        XCTAssertEqual(try RawHTTPClient.get(port, "/nope").status, 404)
        XCTAssertEqual(try RawHTTPClient.get(port, "/../../etc/passwd").status, 404)
        let wrong = try RawHTTPClient.get(port, "/v1/render")
        XCTAssertEqual(wrong.status, 405)
        XCTAssertEqual(wrong.headers["allow"], "POST")
    }

    func testInvalidUTF8AndEncodedTraversalGetClearErrors() throws {
        let port = try LiveServer.get().port
        // Bodies that are not UTF-8: a lone continuation byte, an overlong "/", a surrogate, in a string and bare.
        for bytes: [UInt8] in [[0x22, 0x80, 0x22], [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D], [0x22, 0xED, 0xA0, 0x80, 0x22], [0xFF, 0xFE]] {
            for path in ["/v1/render", "/v1/validate", "/v1/generate", "/v1/chat/completions"] {
                let client = try RawHTTPClient(port: port)
                client.request("POST", path, body: bytes, headers: ["Content-Type": "application/json"])
                let response = try XCTUnwrap(client.readResponse(), "\(path) \(bytes)")
                XCTAssertEqual(response.status, 400, "\(path) \(bytes): \(response.text)")
                XCTAssertNotNil(response.json, "errors are JSON: \(response.text)")
            }
        }
        // Raw and percent-encoded invalid bytes and traversal in the path, and a header that is not UTF-8.
        let raw = try RawHTTPClient(port: port)
        raw.send([UInt8]("GET /v1/schemas/\u{0}".utf8.dropLast()) + [0xFF, 0x2E, 0x2E] + Array(" HTTP/1.1\r\nHost: x\r\nX-Bad: \u{0}".utf8.dropLast()) + [0xC3, 0x28] + Array("\r\nConnection: close\r\n\r\n".utf8))
        XCTAssertEqual(raw.readResponse()?.status, 404)
        for path in ["/v1/schemas/%FF%FE", "/v1/schemas/..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/v1/datasets/..%2Fgenui_meta"] {
            let status = try RawHTTPClient.get(port, path).status
            XCTAssertTrue(status == 404 || status == 400, "\(path): \(status)")
        }
        XCTAssertEqual(try RawHTTPClient.get(port, "/healthz").status, 200, "the server still serves")
    }

    func testChatUIAndAssetsAreServedLocallyUnderCSP() throws {
        let port = try LiveServer.get().port
        let page = try RawHTTPClient.get(port, "/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["content-security-policy"], GenUIApplication.chatPolicy)
        for asset in ["/assets/chat.js", "/assets/chat.css", "/assets/genui.css"] {
            XCTAssertTrue(page.text.contains(asset), asset)
            XCTAssertEqual(try RawHTTPClient.get(port, asset).status, 200, asset)
        }
        XCTAssertFalse(page.text.contains("http://") || page.text.contains("https://"), "no external assets")
    }

    func testGenerateValidatesTheRequestBeforeStreaming() throws {
        let port = try LiveServer.get().port
        let missing = try RawHTTPClient.post(port, "/v1/generate", json: "{\"history\": []}")
        XCTAssertEqual(missing.status, 400)
        XCTAssertEqual((missing.json?["error"] as? [String: Any])?["pointer"] as? String, "/prompt")

        let badHistory = try RawHTTPClient.post(port, "/v1/generate", json: "{\"prompt\": \"hi\", \"history\": [{\"role\": \"robot\", \"content\": \"x\"}]}")
        XCTAssertEqual(badHistory.status, 400)
        XCTAssertEqual((badHistory.json?["error"] as? [String: Any])?["pointer"] as? String, "/history/0/role")

        let unsupported = try RawHTTPClient.post(port, "/v1/generate", json: """
            {"prompt": "hi", "schema": {"type": "object", "properties": {"a": {"type": "string", "pattern": "(?=x)"}}}}
            """)
        XCTAssertEqual(unsupported.status, 400)
        let error = try XCTUnwrap(unsupported.json?["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "unsupported_schema")
        XCTAssertTrue((error["pointer"] as? String ?? "").hasPrefix("/schema/properties/a"), "\(error)")

        let temperature = try RawHTTPClient.post(port, "/v1/generate", json: "{\"prompt\": \"hi\", \"temperature\": 9}")
        XCTAssertEqual(temperature.status, 400)
        XCTAssertEqual((temperature.json?["error"] as? [String: Any])?["pointer"] as? String, "/temperature")
    }

    /// The mission end to end: a question becomes a dashboard, streamed node by node, then `done`
    /// with a tree that passes the catalog schema and the semantic checks.
    func testGenerateStreamsNodesThenADoneTreeThatValidates() throws {
        let port = try LiveServer.get().port
        let (status, events) = try RawHTTPClient.events(port, "/v1/generate", json: """
            {"prompt": "Show monthly active users for the last six months.", "temperature": 0.3, "seed": 7}
            """)
        XCTAssertEqual(status, 200)
        let names = events.map(\.event)
        XCTAssertEqual(names.last, "done", "events: \(names) last: \(events.last?.data ?? "")")
        XCTAssertEqual(names.filter { $0 == "done" || $0 == "error" }.count, 1, "exactly one terminal event")
        XCTAssertTrue(Set(names.dropLast()).isSubset(of: ["node", "progress", "retry"]), "\(names)")
        let nodes = events.filter { $0.event == "node" }.compactMap { jsonObject($0.data) }
        XCTAssertFalse(nodes.isEmpty, "components arrive before the end")
        for node in nodes {
            let path = node["path"] as? String ?? ""
            XCTAssertTrue(path.hasPrefix("/root/children/"), path)
            XCTAssertTrue((node["html"] as? String ?? "").hasPrefix("<"), "rendered html")
        }
        let done = try XCTUnwrap(jsonObject(events.last?.data ?? ""))
        let tree = try XCTUnwrap(done["tree"])
        let treeJSON = try JSONParser().parse(Array(try JSONSerialization.data(withJSONObject: tree)))
        let result = try SurfaceCheck().check(treeJSON)
        XCTAssertTrue(result.isValid, "\(result.errors)")
        XCTAssertTrue((done["html"] as? String ?? "").contains("dashboard"))
        let timings = try XCTUnwrap(done["timings"] as? [String: Any])
        XCTAssertGreaterThan(timings["tokens"] as? Int ?? 0, 0)

        let metrics = try RawHTTPClient.get(port, "/metrics")
        XCTAssertTrue(metrics.text.contains("genui_generations_total{outcome=\"ok\"}"), metrics.text)
        XCTAssertTrue(metrics.text.contains("genui_mask_duration_microseconds_bucket"), metrics.text)
        XCTAssertTrue(metrics.text.contains("genui_http_requests_total{route=\"/v1/generate\",method=\"POST\",status=\"200\"}"), metrics.text)
        XCTAssertTrue(metrics.text.contains("\ngenui_http_connections "), metrics.text)
        XCTAssertTrue(metrics.text.contains("\ngenui_handler_threads "), metrics.text)
    }

    func testGenerateWithTooFewTokensEndsInAnErrorEventNotAPartialTree() throws {
        let port = try LiveServer.get().port
        let (status, events) = try RawHTTPClient.events(port, "/v1/generate", json: """
            {"prompt": "Sales by region", "max_tokens": 40}
            """)
        XCTAssertEqual(status, 200)
        XCTAssertEqual(events.last?.event, "error")
        XCTAssertFalse(events.contains { $0.event == "done" })
        XCTAssertEqual(jsonObject(events.last?.data ?? "")?["code"] as? String, "max_tokens")
    }

    func testChatCompletionsHonoursAStrictJSONSchema() throws {
        let port = try LiveServer.get().port
        let schema = """
            {"type": "object", "properties": {"city": {"type": "string", "maxLength": 40},
             "population": {"type": "integer", "minimum": 0}, "tags": {"type": "array", "items": {"enum": ["big", "old", "coastal"]}, "maxItems": 3}},
             "required": ["city", "population", "tags"], "additionalProperties": false}
            """
        let request = """
            {"model": "default", "messages": [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "Describe Lisbon."}],
             "response_format": {"type": "json_schema", "json_schema": {"name": "city", "strict": true, "schema": \(schema)}},
             "temperature": 0.7, "seed": 3, "max_tokens": 300}
            """
        let response = try RawHTTPClient.post(port, "/v1/chat/completions", json: request)
        XCTAssertEqual(response.status, 200, response.text)
        let choice = try XCTUnwrap((response.json?["choices"] as? [[String: Any]])?.first)
        XCTAssertEqual(choice["finish_reason"] as? String, "stop")
        let content = try XCTUnwrap((choice["message"] as? [String: Any])?["content"] as? String)
        let validator = try SchemaValidator(schema: try JSONParser.parse(schema))
        XCTAssertTrue(validator.validate(try JSONParser.parse(content)).isEmpty, content)
        XCTAssertNotNil(response.json?["usage"])

        // Streaming: the deltas concatenate to a valid document, then [DONE].
        let streamed = try RawHTTPClient.events(port, "/v1/chat/completions", json: request.replacingOccurrences(of: "\"seed\": 3", with: "\"seed\": 4, \"stream\": true"))
        XCTAssertEqual(streamed.events.last?.data, "[DONE]")
        var text = ""
        var finish: String?
        for event in streamed.events.dropLast() {
            let chunk = try XCTUnwrap(jsonObject(event.data), event.data)
            let c = try XCTUnwrap((chunk["choices"] as? [[String: Any]])?.first)
            text += (c["delta"] as? [String: Any])?["content"] as? String ?? ""
            if let f = c["finish_reason"] as? String { finish = f }
        }
        XCTAssertEqual(finish, "stop")
        XCTAssertTrue(validator.validate(try JSONParser.parse(text)).isEmpty, text)
    }

    func testChatCompletionsErrorsLookLikeOpenAIs() throws {
        let port = try LiveServer.get().port
        let response = try RawHTTPClient.post(port, "/v1/chat/completions", json: """
            {"model": "x", "messages": [{"role": "user", "content": "hi"}], "response_format": {"type": "json_schema", "json_schema": {"name": "x"}}}
            """)
        XCTAssertEqual(response.status, 400)
        let error = try XCTUnwrap(response.json?["error"] as? [String: Any])
        XCTAssertEqual(error["type"] as? String, "invalid_request_error")
        XCTAssertEqual(error["param"] as? String, "/response_format/json_schema/schema")
        let length = try RawHTTPClient.post(port, "/v1/chat/completions", json: """
            {"model": "x", "messages": [{"role": "user", "content": "Count to fifty."}], "max_tokens": 5}
            """)
        XCTAssertEqual(length.status, 200)
        XCTAssertEqual(((length.json?["choices"] as? [[String: Any]])?.first)?["finish_reason"] as? String, "length")
    }
}
