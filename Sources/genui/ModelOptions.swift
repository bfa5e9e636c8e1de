import ArgumentParser
import Foundation
import Inference

/// Which language model answers: the embedded llama.cpp model or an OpenAI-compatible endpoint.
struct ModelOptions: ParsableArguments {
    enum Backend: String, ExpressibleByArgument, CaseIterable { case local, openai }

    @Option(help: "Local model: default (SmolLM2-135M), qwen0.5b, or a path to a .gguf file.")
    var model = "default"

    @Option(help: "local (llama.cpp in-process) or openai (any OpenAI-compatible endpoint).")
    var backend: Backend = .local

    @Option(help: "Base URL of the OpenAI-compatible API, e.g. https://api.openai.com/v1 (key from $OPENAI_API_KEY).")
    var openaiBaseURL: String?

    @Option(help: "Model name for the OpenAI-compatible API.")
    var openaiModel: String?

    @Option(help: "Threads for the local model (default: all cores but one).")
    var threads: Int?

    /// What will answer, for the start-up line.
    var summary: String {
        switch backend {
        case .local: return ModelCatalog.entries.first { $0.name == model }?.summary ?? model
        case .openai: return "\(openaiModel ?? "?") at \(openaiBaseURL ?? "?")"
        }
    }

    /// Loads or connects the model; errors are user-facing (missing file, bad URL).
    func makeModel() throws -> any LanguageModel {
        switch backend {
        case .local:
            return LlamaLanguageModel(try LlamaModel(path: try ModelCatalog.resolve(model), threads: threads))
        case .openai:
            guard let base = openaiBaseURL, let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--backend openai needs --openai-base-url http(s)://…")
            }
            guard let name = openaiModel else { throw ValidationError("--backend openai needs --openai-model NAME") }
            return OpenAICompatibleModel(.init(baseURL: url, model: name))
        }
    }
}
