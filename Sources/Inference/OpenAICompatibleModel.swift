import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JSONSchema
import StructuredOutput
import Tokenizers

/// Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, llama.cpp's server, GenUI itself),
/// asked for `response_format: json_schema, strict: true` and streamed over SSE. Every chunk goes
/// through our matcher's accept-bytes, so a model that drifts from the schema is stopped at the
/// exact byte instead of producing a broken tree.
public final class OpenAICompatibleModel: LanguageModel, @unchecked Sendable {
    public struct Configuration: Sendable {
        /// e.g. `https://api.openai.com/v1` (the path `/chat/completions` is appended).
        public var baseURL: URL
        public var model: String
        /// Read from this environment variable; none is sent when it is unset.
        public var apiKeyVariable: String
        /// Seconds without any byte from the server before the request fails.
        public var idleTimeout: Double
        /// Attempts for failures before the first answer byte (connection errors, 429, 5xx).
        public var maxAttempts: Int

        public init(baseURL: URL, model: String, apiKeyVariable: String = "OPENAI_API_KEY", idleTimeout: Double = 60, maxAttempts: Int = 3) {
            self.baseURL = baseURL
            self.model = model
            self.apiKeyVariable = apiKeyVariable
            self.idleTimeout = idleTimeout
            self.maxAttempts = maxAttempts
        }
    }

    public let configuration: Configuration
    public var name: String { configuration.model }

    /// Byte-level vocabulary: the remote side tokenizes; we only check bytes.
    static let byteVocabulary = TokenVocabulary(tokens: (0...255).map { [UInt8($0)] }, specialTokenIDs: [], eosTokenIDs: [], name: "bytes")

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// The request body for `messages` under `constraint`.
    public func requestBody(messages: [ChatMessage], constraint: GenerationConstraint?, sampling: SamplingParameters, limits: GenerationLimits) -> JSONValue {
        var body = JSONObject([
            ("model", .string(configuration.model)),
            ("messages", .array(messages.map { .object(JSONObject([("role", .string($0.role)), ("content", .string($0.content))])) })),
            ("stream", .bool(true)),
            ("temperature", .double(sampling.temperature)),
            ("top_p", .double(sampling.topP)),
            ("seed", .int(Int(truncatingIfNeeded: sampling.seed & 0x7FFF_FFFF))),
            ("max_tokens", .int(limits.maxTokens)),
        ])
        // An extension vLLM and GenUI understand (llama.cpp's server ignores it); OpenAI's own API refuses
        // unknown parameters, so it never gets it.
        if sampling.repetitionPenalty != 1, configuration.baseURL.host != "api.openai.com" {
            body["repetition_penalty"] = .double(sampling.repetitionPenalty)
        }
        if let constraint {
            body["response_format"] = .object(JSONObject([
                ("type", .string("json_schema")),
                ("json_schema", .object(JSONObject([("name", .string("genui")), ("strict", .bool(true)), ("schema", constraint.schema)]))),
            ]))
        }
        return .object(body)
    }

    public func generate(
        messages: [ChatMessage], constraint: GenerationConstraint?, sampling: SamplingParameters, limits: GenerationLimits,
        isCancelled: @escaping @Sendable () -> Bool, onBytes: ([UInt8]) -> Void
    ) throws -> (bytes: [UInt8], metrics: GenerationMetrics) {
        let grammar = try constraint?.grammar(for: Self.byteVocabulary)
        var request = URLRequest(url: configuration.baseURL.appendingPathComponent("chat/completions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("text/event-stream", forHTTPHeaderField: "Accept")
        if let key = ProcessInfo.processInfo.environment[configuration.apiKeyVariable], !key.isEmpty {
            request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        }
        request.httpBody = Data(JSONWriter().string(requestBody(messages: messages, constraint: constraint, sampling: sampling, limits: limits)).utf8)
        request.timeoutInterval = configuration.idleTimeout

        let start = Date()
        var attempt = 0
        while true {
            attempt += 1
            var matcher = grammar.map { GrammarMatcher($0) }
            var answer: [UInt8] = []
            var metrics = GenerationMetrics()
            var parser = SSELineParser()
            var failure: Error?
            var finished = false
            let stream = HTTPByteStream(request: request)
            defer { stream.cancel() }
            reading: while true {
                if isCancelled() { throw GenerationError.cancelled }
                if Date().timeIntervalSince(start) > limits.timeoutSeconds { throw GenerationError.timeout(limits.timeoutSeconds) }
                switch stream.next(timeout: configuration.idleTimeout) {
                case .status(let code, let body):
                    failure = GenerationError.backend("the endpoint answered HTTP \(code): \(String(decoding: body.prefix(300), as: UTF8.self))")
                    if code == 429 || code >= 500 { break reading }
                    throw failure!
                case .failed(let message):
                    failure = GenerationError.backend("request failed: \(message)")
                    break reading
                case .idle:
                    throw GenerationError.timeout(configuration.idleTimeout)
                case .end:
                    break reading
                case .bytes(let chunk):
                    for data in parser.feed(chunk) {
                        if data == "[DONE]" { finished = true; break reading }
                        guard let event = try? JSONParser.parse(data) else {
                            throw GenerationError.drift(offset: answer.count, message: "the stream sent a chunk that is not JSON: \(data.prefix(120))")
                        }
                        if let error = event["error"], error != .null {
                            throw GenerationError.backend("the endpoint reported: \(error["message"]?.stringValue ?? JSONWriter().string(error))")
                        }
                        guard let choice = event["choices"]?.arrayValue?.first else { continue }
                        if let content = choice["delta"]?["content"]?.stringValue, !content.isEmpty {
                            let bytes = Array(content.utf8)
                            let t0 = Date()
                            for (i, b) in bytes.enumerated() where matcher != nil && !matcher!.acceptBytes([b]) {
                                throw GenerationError.drift(offset: answer.count + i, message: "byte \(String(decoding: [b], as: UTF8.self).debugDescription) is not allowed here by the schema; answer so far: \(String(decoding: answer + bytes[..<i], as: UTF8.self).suffix(80))")
                            }
                            metrics.maskMicros.append(Date().timeIntervalSince(t0) * 1e6)
                            if metrics.tokens == 0 { metrics.timeToFirstTokenMs = Date().timeIntervalSince(start) * 1000 }
                            metrics.tokens += 1
                            answer += bytes
                            onBytes(bytes)
                        }
                        if let reason = choice["finish_reason"]?.stringValue {
                            if reason == "length" { throw GenerationError.maxTokens(limits.maxTokens) }
                            finished = true
                        }
                    }
                }
            }
            if let failure, answer.isEmpty, attempt < configuration.maxAttempts {
                Thread.sleep(forTimeInterval: 0.5 * Double(1 << (attempt - 1)))
                continue
            }
            if let failure { throw failure }
            guard finished || !answer.isEmpty else { throw GenerationError.backend("the stream ended without an answer") }
            guard matcher?.isAccepting ?? true else {
                throw GenerationError.drift(offset: answer.count, message: "the stream ended before the document was complete")
            }
            metrics.totalMs = Date().timeIntervalSince(start) * 1000
            return (answer, metrics)
        }
    }
}

/// Splits a `text/event-stream` into the `data:` payloads of its events.
struct SSELineParser {
    private var buffer: [UInt8] = []
    private var data: [String] = []

    mutating func feed(_ bytes: [UInt8]) -> [String] {
        buffer += bytes
        var out: [String] = []
        while let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[..<nl])
            buffer.removeSubrange(...nl)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty {
                if !data.isEmpty { out.append(data.joined(separator: "\n")); data.removeAll() }
                continue
            }
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("data:") {
                data.append(String(text.dropFirst(5).drop { $0 == " " }))
            }
        }
        return out
    }
}

/// A streaming HTTP response read as a blocking sequence of events (URLSession delegate → queue).
final class HTTPByteStream: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Event {
        case bytes([UInt8])
        case status(Int, [UInt8])
        case failed(String)
        case idle
        case end
    }

    private let lock = NSCondition()
    private var events: [Event] = []
    private var errorStatus: Int?
    private var errorBody: [UInt8] = []
    private var session: URLSession!
    private var task: URLSessionDataTask!

    init(request: URLRequest) {
        super.init()
        session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)
        task = session.dataTask(with: request)
        task.resume()
    }

    func cancel() {
        task.cancel()
        session.invalidateAndCancel()
    }

    private func push(_ e: Event) {
        lock.lock()
        events.append(e)
        lock.signal()
        lock.unlock()
    }

    /// The next event, or `.idle` after `timeout` seconds without one.
    func next(timeout: Double) -> Event {
        lock.lock()
        defer { lock.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while events.isEmpty {
            if !lock.wait(until: deadline) { return .idle }
        }
        return events.removeFirst()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            lock.lock(); errorStatus = http.statusCode; lock.unlock()
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        let failing = errorStatus != nil
        if failing { errorBody += data }
        lock.unlock()
        if !failing { push(.bytes([UInt8](data))) }
    }

    /// A connection error in words (Foundation's localized text on Linux is often only "The
    /// operation could not be completed").
    static func describe(_ error: Error) -> String {
        guard let e = error as? URLError else { return error.localizedDescription }
        switch e.code {
        case .cannotConnectToHost: return "cannot connect to the endpoint (connection refused)"
        case .networkConnectionLost: return "the endpoint closed the connection"
        case .cannotFindHost: return "unknown host"
        case .badServerResponse: return "the endpoint sent a malformed HTTP response"
        default: return "URL error \(e.code.rawValue): \(e.localizedDescription)"
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        let status = errorStatus, body = errorBody
        lock.unlock()
        if let status { push(.status(status, body)); return }
        if let error {
            // URLSession's own idle timeout is the same silence `next(timeout:)` watches for.
            if (error as? URLError)?.code == .timedOut { push(.idle) } else { push(.failed(Self.describe(error))) }
        } else {
            push(.end)
        }
    }
}
