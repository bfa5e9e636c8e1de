import Foundation
import Inference
import JSONSchema

/// `POST /v1/chat/completions`: the OpenAI Chat Completions API on the local model, so any OpenAI SDK
/// can use GenUI for structured outputs. `response_format` `json_schema` (strict or not) and
/// `json_object` are enforced by the core's token masks; streaming and non-streaming both work.
/// A generation cut by `max_tokens` ends with `finish_reason: "length"`, as OpenAI's does.
extension GenUIAPI {
    struct CompletionRequest {
        var messages: [ChatMessage]
        var constraint: GenerationConstraint?
        var sampling: SamplingParameters
        var limits: GenerationLimits
        var stream: Bool
        var includeUsage: Bool
    }

    func parseCompletion(_ body: [UInt8]) throws(APIError) -> CompletionRequest {
        let reader = try RequestReader(body: body)
        let messages = try parseMessages(reader.object["messages"], pointer: "/messages", allowSystem: true)
        guard !messages.isEmpty else { throw APIError(400, "invalid_request", "'messages' must hold at least one message", pointer: "/messages") }
        if let n = try reader.number("n", in: 1...128), n != 1 {
            throw APIError(400, "invalid_request", "only n = 1 is supported", pointer: "/n")
        }
        var constraint: GenerationConstraint?
        if let format = reader.object["response_format"], !format.isNull {
            switch format["type"]?.stringValue {
            case "text"?: break
            case "json_object"?:
                constraint = try self.constraint(for: .object(JSONObject([("type", "object")])), at: "/response_format")
            case "json_schema"?:
                guard let schema = format["json_schema"]?["schema"] else {
                    throw APIError(400, "invalid_request", "json_schema.schema is required", pointer: "/response_format/json_schema/schema")
                }
                constraint = try self.constraint(for: schema, at: "/response_format/json_schema/schema")
            default:
                throw APIError(400, "invalid_request", "response_format.type must be text, json_object or json_schema",
                               pointer: "/response_format/type")
            }
        }
        var sampling = SamplingParameters(temperature: 1, topP: 1, seed: UInt64.random(in: 0...UInt64(UInt32.max)))
        if let t = try reader.number("temperature", in: 0...2) { sampling.temperature = t }
        if let p = try reader.number("top_p", in: 0...1) { sampling.topP = p }
        if let s = try reader.number("seed", in: 0...Double(UInt64(Int64.max))) { sampling.seed = UInt64(s) }
        // vLLM's extension parameter (llama.cpp's server calls it repeat_penalty).
        if let r = try reader.number("repetition_penalty", in: 1...2) {
            sampling.repetitionPenalty = r
        } else if let r = try reader.number("repeat_penalty", in: 1...2) {
            sampling.repetitionPenalty = r
        }
        var limits = options.limits
        let cap = Double(options.limits.maxTokens)
        if let m = try reader.number("max_completion_tokens", in: 1...cap) {
            limits.maxTokens = Int(m)
        } else if let m = try reader.number("max_tokens", in: 1...cap) {
            limits.maxTokens = Int(m)
        }
        let stream = try reader.bool("stream") ?? false
        let includeUsage = reader.object["stream_options"]?["include_usage"]?.boolValue ?? false
        return CompletionRequest(messages: messages, constraint: constraint, sampling: sampling, limits: limits,
                                 stream: stream, includeUsage: includeUsage)
    }

    func chatCompletions(_ request: HTTPRequest) -> HTTPResponse {
        let parsed: CompletionRequest
        do { parsed = try parseCompletion(request.body) } catch { return error.response }
        if gate.queueLength >= gate.maxWaiting { return busy() }
        let id = "chatcmpl-" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(24))
        let created = Int(Date().timeIntervalSince1970)
        let model = pipeline.model
        return parsed.stream
            ? streamCompletion(parsed, id: id, created: created, model: model)
            : completeCompletion(parsed, id: id, created: created, model: model)
    }

    private func usage(_ m: GenerationMetrics) -> JSONValue {
        .object(JSONObject([
            ("prompt_tokens", .int(m.promptTokens)), ("completion_tokens", .int(m.tokens)), ("total_tokens", .int(m.promptTokens + m.tokens)),
        ]))
    }

    /// Runs the model, turning a token-limit stop into `finish_reason: "length"` with the text so far.
    private func run(_ r: CompletionRequest, model: any LanguageModel, isCancelled: @escaping @Sendable () -> Bool,
                     onBytes: ([UInt8]) -> Void) throws -> (text: [UInt8], finish: String, metrics: GenerationMetrics?) {
        var produced: [UInt8] = []
        do {
            let (bytes, metrics) = try model.generate(
                messages: r.messages, constraint: r.constraint, sampling: r.sampling, limits: r.limits, isCancelled: isCancelled
            ) { piece in
                produced += piece
                onBytes(piece)
            }
            record(outcome: "ok", metrics: metrics)
            return (bytes, "stop", metrics)
        } catch GenerationError.maxTokens {
            record(outcome: "max_tokens", metrics: nil)
            return (produced, "length", nil)
        }
    }

    private func completeCompletion(_ r: CompletionRequest, id: String, created: Int, model: any LanguageModel) -> HTTPResponse {
        switch gate.acquire(isCancelled: { false }) {
        case .acquired: break
        case .queueFull, .cancelled: return busy()
        }
        defer { gate.release() }
        do {
            let (text, finish, metrics) = try run(r, model: model, isCancelled: { false }, onBytes: { _ in })
            var fields: [(String, JSONValue)] = [
                ("id", .string(id)), ("object", "chat.completion"), ("created", .int(created)), ("model", .string(model.name)),
                ("choices", .array([.object(JSONObject([
                    ("index", .int(0)), ("message", .object(JSONObject([
                        ("role", "assistant"), ("content", .string(String(decoding: text, as: UTF8.self))), ("refusal", .null),
                    ]))), ("logprobs", .null), ("finish_reason", .string(finish)),
                ]))])),
            ]
            if let metrics { fields.append(("usage", usage(metrics))) }
            return .json(.object(JSONObject(fields)))
        } catch let error as GenerationError {
            record(outcome: error.code, metrics: nil)
            return APIError(error.httpStatus, error.code, error.description).response
        } catch {
            return APIError(500, "internal", "\(error)").response
        }
    }

    private func streamCompletion(_ r: CompletionRequest, id: String, created: Int, model: any LanguageModel) -> HTTPResponse {
        .eventStream { [self] stream in
            func chunk(_ delta: JSONValue, finish: String?, usage: JSONValue? = nil) {
                var fields: [(String, JSONValue)] = [
                    ("id", .string(id)), ("object", "chat.completion.chunk"), ("created", .int(created)), ("model", .string(model.name)),
                    ("choices", .array([.object(JSONObject([
                        ("index", .int(0)), ("delta", delta), ("logprobs", .null), ("finish_reason", finish.map { .string($0) } ?? .null),
                    ]))])),
                ]
                if let usage { fields.append(("usage", usage)) }
                stream.send(ServerSentEvent(data: JSONWriter().string(.object(JSONObject(fields)))))
            }
            func fail(_ error: APIError) {
                stream.send(ServerSentEvent(data: JSONWriter().string(.object(JSONObject([("error", error.json)])))))
                stream.send(ServerSentEvent(data: "[DONE]"))
            }
            switch gate.acquire(isCancelled: { stream.isCancelled }) {
            case .acquired: break
            case .queueFull: return fail(APIError(503, "busy", "the model is busy; retry in a moment"))
            case .cancelled: return
            }
            defer { gate.release() }
            chunk(.object(JSONObject([("role", "assistant"), ("content", "")])), finish: nil)
            var pending = UTF8Pending()
            do {
                let (_, finish, metrics) = try run(r, model: model, isCancelled: { stream.isCancelled }) { piece in
                    let text = pending.take(piece)
                    if !text.isEmpty { chunk(.object(JSONObject([("content", .string(text))])), finish: nil) }
                }
                let rest = pending.flush()
                if !rest.isEmpty { chunk(.object(JSONObject([("content", .string(rest))])), finish: nil) }
                chunk(.object(JSONObject()), finish: finish)
                if r.includeUsage, let metrics {
                    stream.send(ServerSentEvent(data: JSONWriter().string(.object(JSONObject([
                        ("id", .string(id)), ("object", "chat.completion.chunk"), ("created", .int(created)),
                        ("model", .string(model.name)), ("choices", .array([])), ("usage", usage(metrics)),
                    ])))))
                }
                stream.send(ServerSentEvent(data: "[DONE]"))
            } catch let error as GenerationError {
                record(outcome: error.code, metrics: nil)
                fail(APIError(error.httpStatus, error.code, error.description))
            } catch {
                fail(APIError(500, "internal", "\(error)"))
            }
        }
    }
}

/// Holds back the bytes of an incomplete UTF-8 sequence at the end of a piece, so every streamed
/// chunk is valid text (a token may end in the middle of a multi-byte character).
struct UTF8Pending {
    private var bytes: [UInt8] = []

    mutating func take(_ piece: [UInt8]) -> String {
        bytes += piece
        var cut = bytes.count
        // Walk back over at most three continuation bytes to the last lead byte.
        var i = bytes.count - 1
        while i >= 0 && i >= bytes.count - 4 {
            let b = bytes[i]
            if b & 0xC0 != 0x80 {
                let need = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                if bytes.count - i < need { cut = i }
                break
            }
            i -= 1
        }
        let text = String(decoding: bytes[..<cut], as: UTF8.self)
        bytes.removeFirst(cut)
        return text
    }

    mutating func flush() -> String {
        defer { bytes = [] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
