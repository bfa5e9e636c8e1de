import Components
import Foundation
import Inference
import JSONSchema
import Rendering

/// Question → constrained generation → streamed subtrees → validated, rendered dashboard. Shared by
/// `genui generate` and the server's `/v1/generate`.
public struct DashboardPipeline: Sendable {
    /// A subtree that closed while the answer streamed in, rendered on its own.
    public struct NodeEvent: Sendable {
        public var path: String
        public var id: String
        public var type: String
        public var html: String
    }

    public struct Answer: Sendable {
        public var tree: JSONValue
        /// The rendered fragment, or nil for a custom schema whose answer is not a dashboard.
        public var html: String?
        public var warnings: [Diagnostic]
        public var metrics: GenerationMetrics
    }

    /// The pipeline's own failure: the answer is complete JSON but fails the semantic checks.
    public struct InvalidAnswer: Error, CustomStringConvertible {
        public var errors: [Diagnostic]
        public var description: String { errors.map(\.cliLine).joined(separator: "; ") }
    }

    public let model: any LanguageModel
    public let catalog: GenerationConstraint
    public let prompt: PromptBuilder
    public let check: SurfaceCheck
    public var sampling = SamplingParameters()
    public var limits = GenerationLimits()

    public init(model: any LanguageModel) throws {
        let schema = try JSONParser.parse(EmbeddedCatalog.text)
        self.model = model
        self.catalog = try GenerationConstraint(schema: schema)
        self.prompt = PromptBuilder(catalog: schema, example: CatalogPromptExample.text)
        self.check = try SurfaceCheck()
    }

    /// Runs one turn. `onNode` sees each finished component, `onProgress` the answer's byte count.
    public func answer(
        question: String, history: [ChatMessage] = [], schema: JSONValue? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        onNode: (NodeEvent) -> Void = { _ in }, onProgress: (Int) -> Void = { _ in }
    ) throws -> Answer {
        let constraint = try schema.map { try GenerationConstraint(schema: $0) } ?? catalog
        var tracker = StreamingJSONTracker()
        var text: [UInt8] = []
        let renderer = HTMLRenderer()
        let messages = prompt.messages(question: question, history: history)
        let (bytes, metrics) = try model.generate(
            messages: messages, constraint: constraint, sampling: sampling, limits: limits, isCancelled: isCancelled
        ) { piece in
            text += piece
            onProgress(text.count)
            guard schema == nil else { return }
            for closed in tracker.feed(piece) where closed.isObject {
                let tokens = closed.pointer.tokens
                guard tokens.count >= 2, tokens[tokens.count - 2] == "children",
                      let json = try? JSONParser().parse(Array(text[closed.range])),
                      let node = try? Node(json: json, at: closed.pointer) else { continue }
                onNode(NodeEvent(path: closed.pointer.description, id: json["id"]?.stringValue ?? "",
                                 type: json["type"]?.stringValue ?? "", html: renderer.renderNode(node, path: closed.pointer)))
            }
        }
        let tree: JSONValue
        do { tree = try JSONParser().parse(bytes) } catch {
            throw GenerationError.backend("the finished answer is not JSON (\(error)); this is a bug in the grammar")
        }
        if schema != nil {
            let surface = check.check(tree).surface
            return Answer(tree: tree, html: surface.map { renderer.renderFragment($0) }, warnings: [], metrics: metrics)
        }
        let result = check.check(tree)
        guard let surface = result.surface else { throw InvalidAnswer(errors: result.errors) }
        return Answer(tree: tree, html: renderer.renderFragment(surface), warnings: result.warnings, metrics: metrics)
    }
}
