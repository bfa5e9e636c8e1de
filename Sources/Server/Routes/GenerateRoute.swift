import Components
import Datasets
import Foundation
import Inference
import JSONSchema

/// `POST /v1/generate`: a question becomes a dashboard, streamed as server-sent events.
///
/// Request: `{"prompt", "history"?: [{role, content}], "dataset"?: name or [names], "schema"?, "temperature"?,
/// "seed"?, "max_tokens"?}`. With `dataset`, the grammar allows only those datasets' columns and every
/// number of the answer is computed from them.
/// Events, in order: `progress` (answer bytes so far, throttled) and `node` (a component whose JSON
/// closed, rendered on its own: `{path, id, type, html}`); `retry` (`{attempt, errors}`) when a
/// finished answer failed the semantic checks and generation starts over (nodes shown so far are
/// void); then exactly one of `done` (`{tree, html, warnings, timings, attempts}`) or `error`
/// (`{code, message, pointer?}`).
/// Problems found before generation starts (bad JSON, a missing prompt, an unsupported schema, a full
/// queue) are plain JSON errors with a 4xx/503 status instead of a stream.
extension GenUIAPI {
    struct GenerateRequest {
        var prompt: String
        var history: [ChatMessage]
        var schema: JSONValue?
        var datasets: [String]
        var sampling: SamplingParameters
        var limits: GenerationLimits
    }

    func parseGenerate(_ body: [UInt8]) throws(APIError) -> GenerateRequest {
        let reader = try RequestReader(body: body)
        guard let prompt = try reader.string("prompt", required: true, maxLength: options.maxPromptCharacters),
              !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError(400, "invalid_request", "'prompt' must not be empty", pointer: "/prompt")
        }
        let history = try parseMessages(reader.object["history"], pointer: "/history", allowSystem: false)
        guard history.count <= options.maxHistoryMessages else {
            throw APIError(400, "invalid_request", "at most \(options.maxHistoryMessages) history messages", pointer: "/history")
        }
        var schema: JSONValue?
        if let s = reader.object["schema"], !s.isNull {
            guard s.objectValue != nil || s.boolValue != nil else {
                throw APIError(400, "invalid_request", "'schema' must be a JSON Schema (an object)", pointer: "/schema")
            }
            schema = s
        }
        var datasets: [String] = []
        switch reader.object["dataset"] {
        case nil, .null?: break
        case .string(let name)?: datasets = [name]
        case .array(let names)? where names.count <= 4 && names.allSatisfy({ $0.stringValue != nil }): datasets = names.compactMap(\.stringValue)
        default: throw APIError(400, "invalid_request", "'dataset' must be a dataset name or a list of up to 4", pointer: "/dataset")
        }
        if schema != nil && !datasets.isEmpty {
            throw APIError(400, "invalid_request", "'dataset' answers use the catalog; it cannot be combined with 'schema'", pointer: "/dataset")
        }
        var sampling = options.sampling
        if let t = try reader.number("temperature", in: 0...2) { sampling.temperature = t }
        if let p = try reader.number("top_p", in: 0...1) { sampling.topP = p }
        if let s = try reader.number("seed", in: 0...Double(UInt32.max)) { sampling.seed = UInt64(s) }
        var limits = options.limits
        if let m = try reader.number("max_tokens", in: 1...Double(options.limits.maxTokens)) { limits.maxTokens = Int(m) }
        return GenerateRequest(prompt: prompt, history: history, schema: schema, datasets: datasets, sampling: sampling, limits: limits)
    }

    /// Chat messages from `[{role, content}]`, with a pointer to the first bad one.
    func parseMessages(_ value: JSONValue?, pointer: String, allowSystem: Bool) throws(APIError) -> [ChatMessage] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw APIError(400, "invalid_request", "must be an array of messages", pointer: pointer) }
        var messages: [ChatMessage] = []
        let roles = allowSystem ? ["system", "developer", "user", "assistant"] : ["user", "assistant"]
        for (i, item) in items.enumerated() {
            let at = "\(pointer)/\(i)"
            guard let role = item["role"]?.stringValue, roles.contains(role) else {
                throw APIError(400, "invalid_request", "'role' must be one of \(roles.joined(separator: ", "))", pointer: at + "/role")
            }
            let content: String
            switch item["content"] {
            case .string(let s)?: content = s
            case .array(let parts)?:
                // OpenAI content parts: only text parts are understood.
                var text = ""
                for (j, part) in parts.enumerated() {
                    guard part["type"]?.stringValue == "text", let t = part["text"]?.stringValue else {
                        throw APIError(400, "invalid_request", "only text content parts are supported", pointer: "\(at)/content/\(j)")
                    }
                    text += t
                }
                content = text
            default:
                throw APIError(400, "invalid_request", "'content' must be a string", pointer: at + "/content")
            }
            guard content.utf8.count <= 64_000 else {
                throw APIError(400, "invalid_request", "a message is longer than 64,000 bytes", pointer: at + "/content")
            }
            messages.append(ChatMessage(role: role == "developer" ? "system" : role, content: content))
        }
        return messages
    }

    /// A schema the core cannot compile is refused up front, with a pointer into the request.
    func constraint(for schema: JSONValue?, at pointer: String) throws(APIError) -> GenerationConstraint? {
        guard let schema else { return nil }
        do {
            return try GenerationConstraint(schema: schema)
        } catch let GenerationError.unsupportedSchema(p, message) {
            throw APIError(400, "unsupported_schema", message, pointer: pointer + p)
        } catch {
            throw APIError(400, "unsupported_schema", "\(error)", pointer: pointer)
        }
    }

    func generate(_ request: HTTPRequest) -> HTTPResponse {
        let parsed: GenerateRequest
        let custom: GenerationConstraint?
        let grounding: Grounding?
        do {
            parsed = try parseGenerate(request.body)
            custom = try constraint(for: parsed.schema, at: "/schema")
            grounding = try self.grounding(for: parsed.datasets)
        } catch {
            return error.response
        }
        if gate.queueLength >= gate.maxWaiting { return busy() }
        var configured = self.pipeline
        configured.sampling = parsed.sampling
        configured.limits = parsed.limits
        let pipeline = configured
        return .eventStream { [self] stream in
            func send(_ event: String, _ data: JSONValue) { stream.send(ServerSentEvent(event: event, data: JSONWriter().string(data))) }
            switch gate.acquire(isCancelled: { stream.isCancelled }) {
            case .acquired: break
            case .queueFull:
                send("error", APIError(503, "busy", "the model is busy; retry in a moment").json)
                return
            case .cancelled:
                if stream.isStopRequested { send("error", APIError(503, "shutting_down", "the server is shutting down").json) }
                return
            }
            defer { gate.release() }
            var lastProgress = 0
            do {
                let answer = try pipeline.answer(
                    question: parsed.prompt, history: parsed.history, custom: custom, grounding: grounding,
                    isCancelled: { stream.isCancelled },
                    onNode: { node in
                        send("node", .object(JSONObject([
                            ("path", .string(node.path)), ("id", .string(node.id)), ("type", .string(node.type)), ("html", .string(node.html)),
                        ])))
                    },
                    onProgress: { bytes in
                        if bytes < lastProgress { lastProgress = 0 }
                        if bytes - lastProgress >= 256 {
                            lastProgress = bytes
                            send("progress", .object(JSONObject([("bytes", .int(bytes))])))
                        }
                    },
                    onRetry: { attempt, errors in
                        lastProgress = 0
                        send("retry", .object(JSONObject([
                            ("attempt", .int(attempt)), ("errors", .array(errors.map(\.json))),
                        ])))
                    })
                record(outcome: "ok", metrics: answer.metrics)
                send("done", .object(JSONObject([
                    ("tree", answer.tree), ("html", answer.html.map { .string($0) } ?? .null),
                    ("warnings", .array(answer.warnings.map(\.json))), ("model", .string(pipeline.model.name)),
                    ("attempts", .int(answer.attempts)),
                    ("timings", answer.metrics.json),
                ])))
            } catch let invalid as DashboardPipeline.InvalidAnswer {
                record(outcome: "invalid_tree", metrics: nil)
                let first = invalid.errors.first
                send("error", APIError(422, "invalid_tree", first?.message ?? "the answer failed the semantic checks",
                                       pointer: first?.pointer.description ?? "").json)
            } catch let error as GenerationError {
                let code = stream.isStopRequested ? "shutting_down" : error.code
                record(outcome: code, metrics: nil)
                var pointer: String?
                if case .unsupportedSchema(let p, _) = error { pointer = "/schema" + p }
                let message = stream.isStopRequested ? "the server is shutting down" : error.description
                send("error", APIError(error.httpStatus, code, message, pointer: pointer).json)
            } catch {
                record(outcome: "internal", metrics: nil)
                send("error", APIError(500, "internal", "\(error)").json)
            }
        }
    }

    func busy() -> HTTPResponse {
        APIError(503, "busy", "\(gate.queueLength) generations are already waiting for the model; retry later")
            .response.adding(header: "Retry-After", "5")
    }
}

extension GenerationError {
    /// The status an API answer for this error carries.
    var httpStatus: Int {
        switch self {
        case .promptTooLong, .unsupportedSchema: return 400
        case .maxTokens, .drift: return 422
        case .timeout: return 504
        case .cancelled: return 499
        case .modelNotFound, .modelLoad, .deadEnd, .backend: return 500
        }
    }
}
