import Foundation
import Inference
import JSONSchema
import XCTest
@testable import Server

/// A remote model that misbehaves: an OpenAI-compatible endpoint on loopback (served by GenUI's own
/// HTTP layer) that answers garbage, broken JSON, off-schema bytes, stalls, stops mid-document or
/// fails. Each ends in a clear error within a bounded time: never a crash, a hang or a partial answer
/// presented as complete.
final class ModelFaultTests: XCTestCase {
    enum Behaviour: String, CaseIterable {
        case garbage, brokenJSON, offSchema, stall, stopMidDocument, serverError, valid
    }

    /// One hostile endpoint per test; the path's first segment picks the behaviour.
    private final class Hostile: @unchecked Sendable {
        let server: HTTPServer
        var base: URL { URL(string: "http://127.0.0.1:\(server.port)")! }

        init() throws {
            var configuration = ServerConfiguration()
            configuration.port = 0
            server = HTTPServer(configuration: configuration) { request in
                let behaviour = Behaviour(rawValue: request.path.split(separator: "/").first.map(String.init) ?? "") ?? .garbage
                let chunk = Hostile.chunk
                switch behaviour {
                case .garbage:
                    return .text("<html>502 Bad Gateway from a proxy</html>", contentType: "text/html")
                case .serverError:
                    return .json(.object(JSONObject([("error", .object(JSONObject([("message", .string("overloaded"))])))])), status: 503)
                case .brokenJSON:
                    return .eventStream { s in _ = s.send(chunk("{\"a\"")); _ = s.send(ServerSentEvent(data: "{\"choices\": [ {oops")) }
                case .offSchema:
                    return .eventStream { s in _ = s.send(chunk("{\"a\":")); _ = s.send(chunk("\"text, not a number\"}")) }
                case .stall:
                    return .eventStream { s in
                        _ = s.send(chunk("{\"a\":"))
                        // Silent (heartbeats are comments, not data) until the client gives up.
                        for _ in 0..<100 where !s.isCancelled { Thread.sleep(forTimeInterval: 0.1) }
                    }
                case .stopMidDocument:
                    return .eventStream { s in _ = s.send(chunk("{\"a\":12")) }
                case .valid:
                    return .eventStream { s in
                        _ = s.send(chunk("{\"a\":")); _ = s.send(chunk("42}"))
                        _ = s.send(ServerSentEvent(data: "[DONE]"))
                    }
                }
            }
            try server.start()
        }

        deinit { server.shutdown() }

        /// One Chat Completions stream chunk carrying `text`.
        @Sendable static func chunk(_ text: String) -> ServerSentEvent {
            ServerSentEvent(data: JSONWriter().string(.object(JSONObject([("choices", .array([.object(JSONObject([
                ("index", .int(0)), ("delta", .object(JSONObject([("content", .string(text))]))), ("finish_reason", .null),
            ]))]))]))))
        }
    }

    private let schema: JSONValue = .object(JSONObject([
        ("type", "object"), ("properties", .object(JSONObject([("a", .object(JSONObject([("type", "number")])))]))),
        ("required", .array(["a"])), ("additionalProperties", .bool(false)),
    ]))

    private func generate(_ hostile: Hostile, _ behaviour: Behaviour) throws -> (result: Result<String, Error>, seconds: Double) {
        let model = OpenAICompatibleModel(.init(baseURL: hostile.base.appendingPathComponent(behaviour.rawValue), model: "hostile",
                                                apiKeyVariable: "GENUI_TEST_NO_KEY", idleTimeout: 1.5, maxAttempts: 2))
        let constraint = try GenerationConstraint(schema: schema)
        let start = Date()
        let result = Result {
            String(decoding: try model.generate(messages: [ChatMessage(role: "user", content: "a?")], constraint: constraint,
                                                sampling: SamplingParameters(), limits: GenerationLimits(maxTokens: 50, maxPromptTokens: 100, timeoutSeconds: 20),
                                                isCancelled: { false }, onBytes: { _ in }).bytes, as: UTF8.self)
        }
        return (result, Date().timeIntervalSince(start))
    }

    func testEveryFaultEndsInAClearErrorWithinItsTimeout() throws {
        let hostile = try Hostile()
        let (valid, _) = try generate(hostile, .valid)
        XCTAssertEqual(try valid.get(), "{\"a\":42}", "the harness itself works")

        let expectations: [(Behaviour, String)] = [
            (.garbage, "backend"), (.serverError, "backend"), (.brokenJSON, "model_drift"), (.offSchema, "model_drift"),
            (.stall, "timeout"), (.stopMidDocument, "model_drift"),
        ]
        for (behaviour, code) in expectations {
            let (result, seconds) = try generate(hostile, behaviour)
            switch result {
            case .success(let text):
                XCTFail("\(behaviour): a faulty stream was accepted as \(text)")
            case .failure(let error):
                let generationError = try XCTUnwrap(error as? GenerationError, "\(behaviour): \(error)")
                XCTAssertEqual(generationError.code, code, "\(behaviour): \(generationError)")
                XCTAssertFalse(generationError.description.isEmpty)
            }
            XCTAssertLessThan(seconds, 15, "\(behaviour) must end within its timeouts")
        }
    }

    func testAnEndpointThatIsNotThereIsAConnectionError() throws {
        // Port 1 is privileged: nothing of a test run listens there.
        let model = OpenAICompatibleModel(.init(baseURL: URL(string: "http://127.0.0.1:1/v1")!, model: "gone",
                                                apiKeyVariable: "GENUI_TEST_NO_KEY", idleTimeout: 1.5, maxAttempts: 2))
        XCTAssertThrowsError(try model.generate(messages: [ChatMessage(role: "user", content: "a?")], constraint: nil, sampling: SamplingParameters(),
                                                limits: GenerationLimits(), isCancelled: { false }, onBytes: { _ in })) { error in
            XCTAssertTrue(String(describing: error).contains("connection refused"), "\(error)")
        }
    }

    func testOffSchemaBytesAreReportedAtTheirOffset() throws {
        let hostile = try Hostile()
        let (result, _) = try generate(hostile, .offSchema)
        guard case .failure(GenerationError.drift(let offset, let message)) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(offset, 5, "the first byte after {\"a\": is refused")
        XCTAssertTrue(message.contains("not allowed here by the schema"), message)
    }

    func testTheDashboardPipelineNeverReturnsAPartialTree() throws {
        let hostile = try Hostile()
        for behaviour in [Behaviour.stopMidDocument, .offSchema, .brokenJSON] {
            let model = OpenAICompatibleModel(.init(baseURL: hostile.base.appendingPathComponent(behaviour.rawValue), model: "hostile",
                                                    apiKeyVariable: "GENUI_TEST_NO_KEY", idleTimeout: 1.5, maxAttempts: 1))
            let pipeline = try DashboardPipeline(model: model)
            var nodes = 0
            XCTAssertThrowsError(try pipeline.answer(question: "anything", attempts: 1, onNode: { _ in nodes += 1 }), "\(behaviour)") { error in
                XCTAssertTrue(error is GenerationError, "\(behaviour): \(error)")
            }
            XCTAssertEqual(nodes, 0, "\(behaviour)")
        }
    }
}
