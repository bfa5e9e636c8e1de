import Foundation
import Inference
import Server
import XCTest

/// One GenUI server per test process, on a free loopback port, running the real default model
/// (SmolLM2-135M through llama.cpp). Tests skip when the model has not been fetched, and fail
/// instead under `make test` (GENUI_REQUIRE_ASSETS=1).
enum LiveServer {
    struct Running: @unchecked Sendable {
        let server: HTTPServer
        let application: GenUIApplication
        var port: UInt16 { server.port }
    }

    private static let shared: Result<Running, Error> = Result {
        let model = LlamaLanguageModel(try LlamaModel(path: try ModelCatalog.resolve("default")))
        let pipeline = try DashboardPipeline(model: model)
        try model.prepare(constraint: pipeline.catalog)
        var options = GenUIApplication.Options()
        options.maxQueuedGenerations = 2
        let application = try GenUIApplication(pipeline: pipeline, options: options)
        var configuration = ServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: application.respond(to:))
        try server.start()
        application.attach(server)
        return Running(server: server, application: application)
    }

    static func get() throws -> Running {
        switch shared {
        case .success(let running): return running
        case .failure(let error):
            if ProcessInfo.processInfo.environment["GENUI_REQUIRE_ASSETS"] == "1" {
                XCTFail("the default model is required: \(error)")
            }
            throw XCTSkip("no default model (\(error)); run scripts/fetch-model.sh")
        }
    }
}

extension RawHTTPClient {
    /// POSTs JSON and returns the response.
    static func post(_ port: UInt16, _ path: String, json: String, headers: [String: String] = [:]) throws -> Response {
        let client = try RawHTTPClient(port: port, timeoutSeconds: 600)
        client.request("POST", path, body: Array(json.utf8), headers: ["Content-Type": "application/json"].merging(headers) { $1 })
        return try XCTUnwrap(client.readResponse())
    }

    static func get(_ port: UInt16, _ path: String) throws -> Response {
        let client = try RawHTTPClient(port: port)
        client.request("GET", path)
        return try XCTUnwrap(client.readResponse())
    }

    /// POSTs JSON and collects the server-sent events until the stream ends.
    static func events(_ port: UInt16, _ path: String, json: String) throws -> (status: Int, events: [(event: String, data: String)]) {
        let client = try RawHTTPClient(port: port, timeoutSeconds: 600)
        client.request("POST", path, body: Array(json.utf8), headers: ["Content-Type": "application/json"])
        let head = try XCTUnwrap(client.readHead())
        var parser = SSEParser()
        var events: [(event: String, data: String)] = []
        while let chunk = client.readChunk() { events += parser.feed(chunk) }
        return (head.status, events)
    }
}

func jsonObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}
