import ArgumentParser
import Foundation
import Inference
import JSONSchema
import Server

/// `genui bench generate`: decode speed with the catalog grammar against unconstrained decoding of
/// the same answers, on the local model.
struct GenerateBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Constrained vs unconstrained decode speed, jump-forward and mask share on the local model.",
        discussion: """
        For each question: generate a dashboard under the catalog grammar (mask, sample, jump-forward),
        then replay the same answer unconstrained (one full-vocabulary sample and one evaluation per
        token). Prompt evaluation is excluded from both (the shared prefix is warmed first).
        """
    )

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Questions to answer (each once).")
    var runs = 5

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    static let questions = [
        "How did quarterly revenue develop over the last two years?", "Compare website traffic by channel this month.",
        "Show the support ticket backlog by priority.", "What are our top five products by sales?",
        "How many monthly active users did we have this year?", "Break down cloud costs by service.",
        "How is customer churn trending by region?", "Summarise hiring progress by department.",
    ]

    func run() throws {
        guard case .local = modelOptions.backend, let model = try modelOptions.makeModel() as? LlamaLanguageModel else {
            throw ValidationError("bench generate needs the local backend")
        }
        let pipeline = try DashboardPipeline(model: model)
        try model.prepare(constraint: pipeline.catalog)
        var limits = GenerationLimits()
        limits.maxTokens = 1500
        var rows: [[String: Double]] = []
        // Warm the shared prompt prefix once, so both sides time decoding only.
        _ = try? model.generate(messages: pipeline.prompt.messages(question: "warm-up"), constraint: nil,
                                sampling: SamplingParameters(seed: 1), limits: GenerationLimits(maxTokens: 1), isCancelled: { false }) { _ in }
        for (i, question) in Self.questions.prefix(max(1, runs)).enumerated() {
            let messages = pipeline.prompt.messages(question: question)
            let sampling = SamplingParameters(temperature: 0.6, seed: UInt64(100 + i), repetitionPenalty: DashboardPipeline.repetitionPenalty)
            let bytes: [UInt8], m: GenerationMetrics
            do {
                (bytes, m) = try model.generate(messages: messages, constraint: pipeline.catalog, sampling: sampling, limits: limits,
                                                isCancelled: { false }) { _ in }
            } catch {
                printError("  \(question): \(error) (skipped)")
                continue
            }
            let replay = try model.replayUnconstrained(messages: messages, answer: bytes, sampling: sampling)
            let decodeMs = m.totalMs - m.timeToFirstTokenMs
            let row: [String: Double] = [
                "tokens": Double(m.tokens), "forced_share": m.forcedShare, "decode_ms": decodeMs,
                "tokens_per_s": m.tokensPerSecond, "sampled_tokens_per_s": m.sampledTokensPerSecond,
                "mask_share": m.maskShare, "mask_us_mean": m.maskMeanMicros, "mask_us_p99": m.maskPercentileMicros(99),
                "unconstrained_tokens": Double(replay.tokens), "unconstrained_ms": replay.ms,
                "unconstrained_tokens_per_s": Double(replay.tokens) / (replay.ms / 1000),
            ]
            rows.append(row)
            printError(String(format: "  %2d. %4.0f tokens (%2.0f%% forced) %6.0f ms constrained, %6.0f ms unconstrained replay of %4.0f tokens; mask %.1f%% of decode",
                              i + 1, row["tokens"]!, 100 * m.forcedShare, decodeMs, replay.ms, row["unconstrained_tokens"]!, 100 * m.maskShare))
        }
        guard !rows.isEmpty else { throw Exit.invalid }
        func total(_ k: String) -> Double { rows.reduce(0) { $0 + $1[k]! } }
        func mean(_ k: String) -> Double { total(k) / Double(rows.count) }
        let sampledSteps = rows.reduce(0.0) { $0 + $1["tokens"]! * (1 - $1["forced_share"]!) }
        let sampledMs = rows.reduce(0.0) { $0 + $1["tokens"]! * (1 - $1["forced_share"]!) / max($1["sampled_tokens_per_s"]!, 1e-9) * 1000 }
        let unconstrainedRate = total("unconstrained_tokens") / (total("unconstrained_ms") / 1000)
        let summary: [(String, Double)] = [
            ("runs", Double(rows.count)), ("tokens", total("tokens")), ("forced_share", total("tokens") > 0 ? 1 - sampledSteps / total("tokens") : 0),
            ("constrained_sampled_tokens_per_s", sampledSteps / (sampledMs / 1000)),
            ("unconstrained_tokens_per_s", unconstrainedRate),
            ("step_rate_ratio", (sampledSteps / (sampledMs / 1000)) / unconstrainedRate),
            ("constrained_wall_ms", total("decode_ms")), ("unconstrained_wall_ms", total("unconstrained_ms")),
            ("wall_ratio", total("decode_ms") / total("unconstrained_ms")),
            ("mask_share", mean("mask_share")), ("mask_us_mean", mean("mask_us_mean")), ("mask_us_p99_max", rows.map { $0["mask_us_p99"]! }.max() ?? 0),
        ]
        if json {
            print(JSONWriter().string(.object(JSONObject(summary.map { ($0.0, .double(($0.1 * 1000).rounded() / 1000)) }))))
        } else {
            for (k, v) in summary { print(k.padding(toLength: 34, withPad: " ", startingAt: 0), String(format: "%.3f", v)) }
        }
    }
}
