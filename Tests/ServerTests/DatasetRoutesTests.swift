import Foundation
import JSONSchema
import XCTest
@testable import Server

/// `/v1/datasets`, data references in `/v1/render`, the filter form's `/v1/view`, and grounded
/// `/v1/generate`, on the running server.
final class DatasetRoutesTests: XCTestCase {
    /// Uploads the small sales table once per process (the server's registry is shared).
    static let uploaded: Result<Void, Error> = Result {
        let port = try LiveServer.get().port
        let csv = "region,month,units\nnorth,2024-01-01,10\nnorth,2024-02-01,12\nsouth,2024-01-01,4\nsouth,2024-02-01,6\n"
        let r = try RawHTTPClient.post(port, "/v1/datasets?name=sales-test", body: csv, contentType: "text/csv")
        guard r.status == 201 || r.status == 409 else { throw NSError(domain: "upload", code: r.status, userInfo: [NSLocalizedDescriptionKey: r.text]) }
    }

    private func port() throws -> UInt16 {
        let port = try LiveServer.get().port
        try Self.uploaded.get()
        return port
    }

    static let tree = #"""
    {"version":"1","title":"Units","answer":null,"root":{"type":"Dashboard","id":"d","title":"Units","subtitle":null,"asOf":null,"children":[
      {"type":"KPI","id":"total","span":null,"label":"Units","value":{"dataset":"sales-test","filter":[],"aggregate":"sum","field":"units"},"format":"integer","currency":null,"unit":null,"delta":null,"comparison":null,"sparkline":null,"footnote":null}]}}
    """#

    func testUploadListAndErrors() throws {
        let port = try port()
        let list = try RawHTTPClient.get(port, "/v1/datasets")
        let names = (list.json?["datasets"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        XCTAssertTrue(names.contains("sales-test"), "\(names)")
        let one = try RawHTTPClient.get(port, "/v1/datasets/sales-test")
        XCTAssertEqual(one.json?["rows"] as? Int, 4)
        let types = (one.json?["columns"] as? [[String: Any]])?.compactMap { $0["type"] as? String }
        XCTAssertEqual(types, ["category", "date", "integer"])
        XCTAssertEqual(try RawHTTPClient.get(port, "/v1/datasets/nope").status, 404)

        let again = try RawHTTPClient.post(port, "/v1/datasets?name=sales-test", body: "a\n1\n", contentType: "text/csv")
        XCTAssertEqual(again.status, 409)
        let ragged = try RawHTTPClient.post(port, "/v1/datasets?name=ragged", body: "a,b\n1,2\n3\n", contentType: "text/csv")
        XCTAssertEqual(ragged.status, 400)
        XCTAssertEqual((ragged.json?["error"] as? [String: Any])?["code"] as? String, "invalid_csv")
        XCTAssertTrue(((ragged.json?["error"] as? [String: Any])?["message"] as? String ?? "").hasPrefix("line 3:"), ragged.text)
        XCTAssertEqual(try RawHTTPClient.post(port, "/v1/datasets?name=Bad%20Name", body: "a\n1\n", contentType: "text/csv").status, 400)
        XCTAssertEqual(try RawHTTPClient.post(port, "/v1/datasets", body: "a\n1\n", contentType: "text/csv").status, 400)
    }

    func testRenderComputesAndViewFilters() throws {
        let port = try port()
        let page = try RawHTTPClient.post(port, "/v1/render?format=fragment", json: Self.tree)
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertTrue(page.text.contains(">32<"), "10 + 12 + 4 + 6")

        let bad = try RawHTTPClient.post(port, "/v1/render", json: Self.tree.replacingOccurrences(of: "\"field\":\"units\"", with: "\"field\":\"profit\""))
        XCTAssertEqual(bad.status, 422)
        XCTAssertEqual((bad.json?["error"] as? [String: Any])?["pointer"] as? String, "/root/children/0/value/field")

        // The filter form: the tree plus one condition, form-encoded, re-rendered without the model.
        let tree = Self.tree.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let form = "tree=\(tree)&eq%3Asales-test%3Aregion=north&gte%3Asales-test%3Amonth=2024-02-01&lte%3Asales-test%3Amonth="
        let view = try RawHTTPClient.post(port, "/v1/view?format=fragment", body: form, contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(view.status, 200, view.text)
        XCTAssertTrue(view.text.contains(">12<"), "north in February only: \(view.text.prefix(400))")
        XCTAssertTrue(view.text.contains("<form class=\"dashboard-filters\" method=\"post\" action=\"/v1/view\">"))
        XCTAssertTrue(view.text.contains("<option value=\"north\" selected>north</option>"))
        XCTAssertTrue(view.text.contains("name=\"gte:sales-test:month\" min=\"2024-01-01\" max=\"2024-02-01\" value=\"2024-02-01\""))
        // Same form, same bytes.
        XCTAssertEqual(try RawHTTPClient.post(port, "/v1/view?format=fragment", body: form, contentType: "application/x-www-form-urlencoded").text, view.text)
        let page2 = try RawHTTPClient.post(port, "/v1/view", body: form, contentType: "application/x-www-form-urlencoded")
        XCTAssertEqual(page2.headers["content-security-policy"], GenUIApplication.dashboardPolicy)
        XCTAssertFalse(page2.text.lowercased().contains("<script"))

        // A filter value that does not fit its column is a 422 at the tree's query, not a crash.
        let wrong = form.replacingOccurrences(of: "gte%3Asales-test%3Amonth=2024-02-01", with: "gte%3Asales-test%3Aunits=lots")
        XCTAssertEqual(try RawHTTPClient.post(port, "/v1/view", body: wrong, contentType: "application/x-www-form-urlencoded").status, 422)
        XCTAssertEqual(try RawHTTPClient.post(port, "/v1/view", body: "x=1", contentType: "application/x-www-form-urlencoded").status, 400)
    }

    func testGenerateRefusesUnknownDatasets() throws {
        let port = try port()
        let unknown = try RawHTTPClient.post(port, "/v1/generate", json: #"{"prompt":"units by region","dataset":"nope"}"#)
        XCTAssertEqual(unknown.status, 400)
        XCTAssertEqual((unknown.json?["error"] as? [String: Any])?["pointer"] as? String, "/dataset")
        let both = try RawHTTPClient.post(port, "/v1/generate", json: #"{"prompt":"x","dataset":"sales-test","schema":{"type":"object"}}"#)
        XCTAssertEqual(both.status, 400)
    }

    /// A grounded answer from the real model: the done event's dashboard shows its source and filter
    /// controls, and no number in it is model-written.
    func testGroundedGenerateStreamsComputedNumbers() throws {
        let port = try port()
        let (status, events) = try RawHTTPClient.events(port, "/v1/generate",
                                                        json: #"{"prompt":"Units by region","dataset":"sales-test","temperature":0.3,"seed":7}"#)
        XCTAssertEqual(status, 200)
        let done = try XCTUnwrap(events.last { $0.event == "done" }, "\(events.map(\.event)): \(events.last?.data ?? "")")
        let data = try JSONParser.parse(done.data)
        let html = try XCTUnwrap(data["html"]?.stringValue)
        XCTAssertTrue(html.contains("Source: <strong>sales-test</strong>"), html)
        XCTAssertFalse(html.contains("data-note estimated"))
        XCTAssertTrue(html.contains("class=\"dashboard-filters\""))
        for node in events where node.event == "node" {
            XCTAssertFalse(node.data.contains("not available here"), "streamed components are resolved too")
        }
    }
}

extension RawHTTPClient {
    static func post(_ port: UInt16, _ path: String, body: String, contentType: String) throws -> Response {
        let client = try RawHTTPClient(port: port, timeoutSeconds: 60)
        client.request("POST", path, body: Array(body.utf8), headers: ["Content-Type": contentType])
        return try XCTUnwrap(client.readResponse())
    }
}
