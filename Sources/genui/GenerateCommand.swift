import ArgumentParser
import Components
import Datasets
import Foundation
import Inference
import JSONSchema
import Rendering
import Server

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Answer a question with a dashboard, generated under the catalog's grammar.",
        discussion: """
        Runs the local model (llama.cpp) with GenUI's token masks, so the answer matches the catalog
        schema by construction; then the semantic checks run and the dashboard is rendered. With
        --dataset, the grammar allows only that dataset's columns and every number is computed
        from it (charts, tables and KPIs are queries).
        Progress goes to stderr. Exit status: 0 on a valid dashboard, 1 when the answer fails
        (limit reached, invalid tree), 2 when the model cannot be loaded.
        """
    )

    @Argument(help: "The question.")
    var prompt: String

    @Option(name: .shortAndLong, help: "Write the result here instead of stdout.")
    var output: String?

    @Flag(help: "Write the tree as JSON (plus timings on stderr) instead of the HTML page.")
    var json = false

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Answer from this registered dataset: its columns constrain the grammar and GenUI computes every number.")
    var dataset: [String] = []

    @OptionGroup var datasets: DatasetOptions

    @Option(help: "Sampling temperature (0 = greedy).")
    var temperature = 0.6

    @Option(help: "Sampling seed.")
    var seed: UInt64 = 42

    @Option(help: "Maximum answer tokens.")
    var maxTokens = 3000

    func run() throws {
        let model: any LanguageModel
        do {
            model = try modelOptions.makeModel()
        } catch {
            printError("error: \(error)")
            throw Exit.io
        }
        var grounding: Grounding?
        if !dataset.isEmpty {
            let registry = datasets.load()
            var chosen: [Dataset] = []
            for name in dataset {
                guard let d = registry.dataset(name) else {
                    printError("error: no dataset \"\(name)\" in \(datasets.path) (registered: \(registry.all.map(\.name).joined(separator: ", ")))")
                    throw Exit.invalid
                }
                chosen.append(d)
            }
            let started = Date()
            grounding = try Grounding.make(datasets: chosen, registry: registry, catalog: JSONParser.parse(EmbeddedCatalog.text))
            printError(String(format: "grammar specialised to %@ in %.0f ms", dataset.joined(separator: ", "), Date().timeIntervalSince(started) * 1000))
        }
        var pipeline = try DashboardPipeline(model: model)
        pipeline.sampling = SamplingParameters(temperature: temperature, seed: seed, repetitionPenalty: DashboardPipeline.repetitionPenalty)
        pipeline.limits.maxTokens = maxTokens
        printError("generating with \(model.name)…")
        let answer: DashboardPipeline.Answer
        do {
            var lastReport = 0
            answer = try pipeline.answer(question: prompt, grounding: grounding, onNode: { node in
                printError("  \(node.type) \(node.id) at \(node.path)")
            }, onProgress: { bytes in
                if bytes < lastReport { lastReport = 0 }
                if bytes - lastReport >= 400 { printError("  … \(bytes) bytes"); lastReport = bytes }
            }, onRetry: { attempt, errors in
                printError("  the answer failed its checks (\(errors.first?.cliLine ?? "?")); attempt \(attempt)")
            })
        } catch let invalid as DashboardPipeline.InvalidAnswer {
            for e in invalid.errors { printError(e.cliLine) }
            throw Exit.invalid
        } catch {
            printError("error: \(error)")
            throw Exit.invalid
        }
        for w in answer.warnings { printError("warning: " + w.cliLine) }
        let m = answer.metrics
        printError(String(format: "done: %d tokens (%.0f%% forced), %.1f tok/s, first token %.0f ms, mask mean %.0f µs p99 %.0f µs",
                          m.tokens, m.forcedShare * 100, m.tokensPerSecond, m.timeToFirstTokenMs, m.maskMeanMicros, m.maskPercentileMicros(99)))
        let text: String
        if json {
            text = JSONWriter(pretty: true).string(answer.tree) + "\n"
        } else {
            guard let surface = answer.surface else { throw Exit.invalid }
            text = HTMLRenderer().renderPage(surface)
        }
        if let output { try writeFile(output, text) } else { print(text, terminator: "") }
    }
}
