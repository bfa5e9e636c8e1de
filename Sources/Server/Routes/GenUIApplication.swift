import Components
import Datasets
import Foundation
import Inference
import JSONSchema
import Rendering

/// GenUI's HTTP API and chat UI on top of `HTTPServer`: routes, security headers and metrics.
/// Every handler is a plain function of `HTTPRequest`; nothing here touches libmicrohttpd.
public final class GenUIApplication: Sendable {
    public struct Options: Sendable {
        /// Generations allowed to wait for the model before new ones get 503.
        public var maxQueuedGenerations = 4
        /// Limits of one `/v1/generate` answer.
        public var limits = GenerationLimits(maxTokens: 3000, maxPromptTokens: 6000, timeoutSeconds: 600)
        public var sampling = SamplingParameters(repetitionPenalty: DashboardPipeline.repetitionPenalty)
        /// Longest accepted question, in characters.
        public var maxPromptCharacters = 4000
        /// Earlier turns accepted in `history`.
        public var maxHistoryMessages = 12
        /// The datasets answers can be computed from (`dataset` in `/v1/generate`, `/v1/datasets`).
        public var datasets = DatasetRegistry()
        /// Largest CSV accepted by `POST /v1/datasets`.
        public var maxUploadBytes = 8 << 20

        public init() {}
    }

    /// CSP of rendered dashboards: no script at all.
    public static let dashboardPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"
    /// CSP of the chat UI: its own script and styles only, requests to this origin only.
    public static let chatPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src https: data:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    let api: GenUIAPI
    private let router: Router

    public init(pipeline: DashboardPipeline, options: Options = Options()) throws {
        api = try GenUIAPI(pipeline: pipeline, options: options)
        router = Self.routes(api)
    }

    public var modelName: String { api.pipeline.model.name }

    /// Lets `/metrics` see the server's open streams.
    public func attach(_ server: HTTPServer) { api.server.value = server }

    /// The handler to give `HTTPServer`.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let start = DispatchTime.now().uptimeNanoseconds
        let (routed, pattern) = router.respond(
            to: request,
            notFound: { APIError(404, "not_found", "no route for \($0.method) \($0.path)").response },
            methodNotAllowed: { request, allowed in
                APIError(405, "method_not_allowed", "\(request.path) accepts \(allowed.joined(separator: ", "))")
                    .response.adding(header: "Allow", allowed.joined(separator: ", "))
            })
        let route = pattern ?? "unmatched"
        var response = secured(routed)
        let status = response.status
        let record: @Sendable () -> Void = { [metrics = api.metrics] in
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            metrics.increment("genui_http_requests_total", labels: [("route", route), ("method", request.method), ("status", String(status))])
            metrics.observe("genui_http_request_duration_seconds", labels: [("route", route)], seconds)
        }
        if case .stream(let heartbeat, let producer) = response.body {
            response.body = .stream(heartbeat: heartbeat) { stream in
                producer(stream)
                record()
            }
        } else {
            record()
        }
        return response
    }

    /// Headers every response carries; HTML gets a Content-Security-Policy.
    private func secured(_ response: HTTPResponse) -> HTTPResponse {
        var r = response
        r.headers.append(("X-Content-Type-Options", "nosniff"))
        r.headers.append(("Referrer-Policy", "no-referrer"))
        if let type = r.header("Content-Type"), type.hasPrefix("text/html"), r.header("Content-Security-Policy") == nil {
            r.headers.append(("Content-Security-Policy", Self.dashboardPolicy))
        }
        if r.header("Cache-Control") == nil { r.headers.append(("Cache-Control", "no-store")) }
        return r
    }

    // MARK: - Routes

    private static func routes(_ api: GenUIAPI) -> Router {
        var r = Router()
        r.add("GET", "/") { _, _ in
            HTTPResponse.text(ChatAssets.html, contentType: "text/html; charset=utf-8")
                .adding(header: "Content-Security-Policy", chatPolicy)
        }
        r.add("GET", "/assets/chat.js") { _, _ in .text(ChatAssets.script, contentType: "text/javascript; charset=utf-8") }
        r.add("GET", "/assets/chat.css") { _, _ in .text(ChatAssets.stylesheet, contentType: "text/css; charset=utf-8") }
        r.add("GET", "/assets/genui.css") { _, _ in .text(HTMLRenderer.stylesheet, contentType: "text/css; charset=utf-8") }
        r.add("GET", "/healthz") { _, _ in api.health() }
        r.add("GET", "/metrics") { _, _ in .text(api.metricsText(), contentType: "text/plain; version=0.0.4; charset=utf-8") }
        r.add("GET", "/v1/schemas") { _, _ in api.schemaList() }
        r.add("GET", "/v1/schemas/{name}") { _, p in api.schema(named: p["name"] ?? "") }
        r.add("POST", "/v1/render") { request, _ in api.render(request) }
        r.add("POST", "/v1/validate") { request, _ in api.validate(request) }
        r.add("POST", "/v1/generate") { request, _ in api.generate(request) }
        r.add("POST", "/v1/chat/completions") { request, _ in api.chatCompletions(request) }
        r.add("GET", "/v1/models") { _, _ in api.models() }
        r.add("GET", "/v1/datasets") { _, _ in api.datasetList() }
        r.add("POST", "/v1/datasets") { request, _ in api.uploadDataset(request) }
        r.add("GET", "/v1/datasets/{name}") { _, p in api.dataset(named: p["name"] ?? "") }
        r.add("POST", "/v1/view") { request, _ in api.view(request) }
        return r
    }
}

/// The state behind the routes and their handlers (one file per route family, as extensions).
final class GenUIAPI: Sendable {
    let pipeline: DashboardPipeline
    let options: GenUIApplication.Options
    let metrics = MetricsRegistry()
    let gate: GenerationGate
    let check: SurfaceCheck
    let renderer = HTMLRenderer()
    let started = Date()
    let server = WeakServer()

    /// The server, once attached, for `/metrics` (weak: the server owns the application's handler).
    final class WeakServer: @unchecked Sendable {
        weak var value: HTTPServer?
    }

    init(pipeline: DashboardPipeline, options: GenUIApplication.Options) throws {
        self.pipeline = pipeline
        self.options = options
        self.gate = GenerationGate(maxWaiting: options.maxQueuedGenerations)
        self.check = try SurfaceCheck()
        Self.describeMetrics(metrics)
    }

    private static func describeMetrics(_ m: MetricsRegistry) {
        m.describeCounter("genui_http_requests_total", "HTTP requests by route, method and status.")
        m.describeHistogram("genui_http_request_duration_seconds", "Time to answer a request (streams: until the last byte).",
                            buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300])
        m.describeCounter("genui_generations_total", "Generations by outcome (ok or an error code).")
        m.describeCounter("genui_generated_tokens_total", "Answer tokens, sampled and forced.")
        m.describeCounter("genui_forced_tokens_total", "Answer tokens appended without sampling (jump-forward).")
        m.describeGauge("genui_generation_tokens_per_second", "Decode speed of the last generation.")
        m.describeHistogram("genui_time_to_first_token_seconds", "Prompt evaluation until the first answer token.",
                            buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32])
        m.describeHistogram("genui_mask_duration_microseconds", "Time to compute one token mask.",
                            buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000])
        m.describeGauge("genui_generation_queue_length", "Generations waiting for the model.")
        m.describeGauge("genui_open_streams", "Streamed responses in flight.")
        m.describeGauge("genui_http_connections", "Open HTTP connections (idle, reading, waiting for a handler or streaming).")
        m.describeGauge("genui_handler_threads", "Threads running request handlers (started on demand, ended when idle).")
        m.describeGauge("genui_handler_queue_length", "Requests waiting for a handler thread (503 overloaded beyond the limit).")
        m.describeGauge("genui_uptime_seconds", "Seconds since the server started.")
    }

    /// Records one finished generation in the metrics.
    func record(outcome: String, metrics m: GenerationMetrics?) {
        metrics.increment("genui_generations_total", labels: [("outcome", outcome)])
        guard let m else { return }
        metrics.increment("genui_generated_tokens_total", by: Double(m.tokens))
        metrics.increment("genui_forced_tokens_total", by: Double(m.forcedTokens))
        metrics.set("genui_generation_tokens_per_second", m.tokensPerSecond)
        metrics.observe("genui_time_to_first_token_seconds", m.timeToFirstTokenMs / 1000)
        metrics.observe("genui_mask_duration_microseconds", m.maskMicros)
    }

    func metricsText() -> String {
        metrics.set("genui_generation_queue_length", Double(gate.queueLength))
        metrics.set("genui_open_streams", Double(server.value?.activeStreamCount ?? 0))
        let load = server.value?.load ?? (connections: 0, handlerThreads: 0, queuedRequests: 0)
        metrics.set("genui_http_connections", Double(load.connections))
        metrics.set("genui_handler_threads", Double(load.handlerThreads))
        metrics.set("genui_handler_queue_length", Double(load.queuedRequests))
        metrics.set("genui_uptime_seconds", Date().timeIntervalSince(started).rounded())
        return metrics.exposition()
    }
}
