import JSONSchema

/// One message of a conversation, in the roles chat models know (`system`, `user`, `assistant`).
public struct ChatMessage: Sendable, Hashable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// How the next token is picked among the ones the grammar allows.
public struct SamplingParameters: Sendable, Hashable {
    /// 0 picks the most likely allowed token (greedy); higher values flatten the distribution.
    public var temperature: Double
    /// Nucleus sampling: keep the smallest set of allowed tokens whose probability reaches `topP`.
    public var topP: Double
    /// Seed of the sampler's random generator: the same seed, prompt and model give the same output.
    public var seed: UInt64
    /// Divides the logits of tokens sampled in the last 64 steps (1 = off). Forced tokens do not count.
    public var repetitionPenalty: Double

    public init(temperature: Double = 0.6, topP: Double = 0.9, seed: UInt64 = 42, repetitionPenalty: Double = 1) {
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
        self.repetitionPenalty = repetitionPenalty
    }
}

/// Bounds on one generation. Reaching one is an error, never a silently truncated answer.
public struct GenerationLimits: Sendable, Hashable {
    /// Tokens the model may produce (forced tokens included).
    public var maxTokens: Int
    /// Prompt tokens accepted (the rest of the context is left for the answer).
    public var maxPromptTokens: Int
    /// Wall-clock budget in seconds.
    public var timeoutSeconds: Double

    public init(maxTokens: Int = 3000, maxPromptTokens: Int = 6000, timeoutSeconds: Double = 300) {
        self.maxTokens = maxTokens
        self.maxPromptTokens = maxPromptTokens
        self.timeoutSeconds = timeoutSeconds
    }
}

/// What one generation cost, for the response and for `/metrics`.
public struct GenerationMetrics: Sendable, Hashable {
    public var promptTokens = 0
    /// Prompt tokens whose evaluation was reused from the previous request (shared prefix).
    public var reusedPromptTokens = 0
    /// Tokens in the answer: sampled plus forced.
    public var tokens = 0
    /// Tokens appended without sampling because the grammar allowed only one continuation.
    public var forcedTokens = 0
    /// Prompt evaluation until the first answer token is known, in milliseconds.
    public var timeToFirstTokenMs = 0.0
    public var totalMs = 0.0
    /// Time spent evaluating forced (jump-forward) batches, in milliseconds.
    public var forcedMs = 0.0
    /// Time spent computing token masks, one sample per mask, in microseconds.
    public var maskMicros: [Double] = []

    public init() {}

    public var tokensPerSecond: Double {
        let decodeMs = totalMs - timeToFirstTokenMs
        return decodeMs > 0 ? Double(tokens) / (decodeMs / 1000) : 0
    }
    public var forcedShare: Double { tokens > 0 ? Double(forcedTokens) / Double(tokens) : 0 }
    /// Sampled tokens per second of the steps that sampled (mask, sample, evaluate one token).
    public var sampledTokensPerSecond: Double {
        let ms = totalMs - timeToFirstTokenMs - forcedMs
        return ms > 0 ? Double(tokens - forcedTokens) / (ms / 1000) : 0
    }
    /// The share of decode time spent computing masks.
    public var maskShare: Double {
        let ms = totalMs - timeToFirstTokenMs
        return ms > 0 ? maskMicros.reduce(0, +) / 1000 / ms : 0
    }
    public var maskMeanMicros: Double { maskMicros.isEmpty ? 0 : maskMicros.reduce(0, +) / Double(maskMicros.count) }
    public func maskPercentileMicros(_ q: Double) -> Double {
        guard !maskMicros.isEmpty else { return 0 }
        let sorted = maskMicros.sorted()
        return sorted[min(sorted.count - 1, Int((q / 100 * Double(sorted.count - 1)).rounded()))]
    }

    /// The timings object of the `done` event and of `genui generate --json`.
    public var json: JSONValue {
        func r(_ x: Double, _ digits: Double = 1000) -> JSONValue { .double((x * digits).rounded() / digits) }
        return .object(JSONObject([
            ("prompt_tokens", .int(promptTokens)), ("reused_prompt_tokens", .int(reusedPromptTokens)), ("tokens", .int(tokens)),
            ("forced_tokens", .int(forcedTokens)), ("forced_share", r(forcedShare)),
            ("ttft_ms", r(timeToFirstTokenMs, 10)), ("total_ms", r(totalMs, 10)), ("tokens_per_s", r(tokensPerSecond, 10)),
            ("mask_us_mean", r(maskMeanMicros, 10)), ("mask_us_p50", r(maskPercentileMicros(50), 10)),
            ("mask_us_p99", r(maskPercentileMicros(99), 10)),
        ]))
    }
}

/// Why a generation stopped without a complete answer.
public enum GenerationError: Error, CustomStringConvertible, Sendable {
    case modelNotFound(String)
    case modelLoad(String)
    case promptTooLong(tokens: Int, limit: Int)
    case maxTokens(Int)
    case timeout(Double)
    case cancelled
    /// The grammar allowed no token: a bug in the core, reported instead of emitting garbage.
    case deadEnd(offset: Int)
    /// A remote model sent bytes the grammar refuses (`offset` counts bytes of the answer).
    case drift(offset: Int, message: String)
    case backend(String)
    case unsupportedSchema(pointer: String, message: String)

    /// A stable code for API errors.
    public var code: String {
        switch self {
        case .modelNotFound: return "model_not_found"
        case .modelLoad: return "model_load"
        case .promptTooLong: return "prompt_too_long"
        case .maxTokens: return "max_tokens"
        case .timeout: return "timeout"
        case .cancelled: return "cancelled"
        case .deadEnd: return "dead_end"
        case .drift: return "model_drift"
        case .backend: return "backend"
        case .unsupportedSchema: return "unsupported_schema"
        }
    }

    public var description: String {
        switch self {
        case .modelNotFound(let s): return "model not found: \(s)"
        case .modelLoad(let s): return "cannot load the model: \(s)"
        case .promptTooLong(let n, let limit): return "the prompt is \(n) tokens; the limit is \(limit)"
        case .maxTokens(let n): return "the answer reached the limit of \(n) tokens before the document was complete"
        case .timeout(let s): return "the answer took longer than \(Int(s)) s"
        case .cancelled: return "cancelled"
        case .deadEnd(let offset): return "the grammar allowed no token at byte \(offset) (internal error)"
        case .drift(let offset, let message): return "the model's output left the schema at byte \(offset): \(message)"
        case .backend(let s): return s
        case .unsupportedSchema(let pointer, let message): return "\(pointer.isEmpty ? "/" : pointer): \(message)"
        }
    }
}

/// A source of constrained text: it produces bytes that the grammar accepts, ending in an accepting state.
public protocol LanguageModel: AnyObject, Sendable {
    /// A short name for logs, `/healthz` and responses.
    var name: String { get }
    /// Generates an answer to `messages` whose bytes the `constraint` accepts (free text when nil). `onBytes` receives the
    /// answer as it grows (each call appends). Returns the complete answer and its metrics.
    func generate(
        messages: [ChatMessage], constraint: GenerationConstraint?, sampling: SamplingParameters, limits: GenerationLimits,
        isCancelled: @escaping @Sendable () -> Bool, onBytes: ([UInt8]) -> Void
    ) throws -> (bytes: [UInt8], metrics: GenerationMetrics)

    /// Does ahead of the first request what would otherwise delay it.
    func prepare(constraint: GenerationConstraint) throws
}

extension LanguageModel {
    /// Does ahead of the first request what would otherwise delay it (compiling the constraint for the
    /// model's vocabulary). The default does nothing.
    public func prepare(constraint: GenerationConstraint) throws {}
}
