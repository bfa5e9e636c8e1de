import Components
import Datasets
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
        /// Generations it took (retries after semantic errors included).
        public var attempts = 1
        /// The checked tree, with its data references resolved (nil for a custom schema).
        public var surface: Surface? = nil
    }

    /// The pipeline's own failure: the answer is complete JSON but fails the semantic checks.
    public struct InvalidAnswer: Error, CustomStringConvertible {
        public var errors: [Diagnostic]
        public var description: String { errors.map(\.cliLine).joined(separator: "; ") }
    }

    /// Dashboards are sampled with a mild repetition penalty: small models otherwise loop inside strings.
    public static let repetitionPenalty = 1.15

    public let model: any LanguageModel
    public let catalog: GenerationConstraint
    public let prompt: PromptBuilder
    public let check: SurfaceCheck
    public var sampling = SamplingParameters(repetitionPenalty: DashboardPipeline.repetitionPenalty)
    public var limits = GenerationLimits()

    public init(model: any LanguageModel) throws {
        let schema = try JSONParser.parse(EmbeddedCatalog.text)
        self.model = model
        self.catalog = try GenerationConstraint(schema: GenerationProfile.bounded(schema))
        self.prompt = PromptBuilder(catalog: schema, example: CatalogPromptExample.text)
        self.check = try SurfaceCheck()
    }

    /// Runs one turn. `onNode` sees each finished component, `onProgress` the answer's byte count.
    /// Runs one turn, retrying with the next seed (up to `attempts` in all) when the answer is
    /// well-formed but fails the semantic checks (a column a chart names does not exist, a row is
    /// short…): the grammar guarantees the shape, not the cross-references. `onRetry` tells the
    /// caller to discard the nodes it has shown.
    public func answer(
        question: String, history: [ChatMessage] = [], custom: GenerationConstraint? = nil, grounding: Grounding? = nil, attempts: Int = 3,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        onNode: (NodeEvent) -> Void = { _ in }, onProgress: (Int) -> Void = { _ in },
        onRetry: (_ attempt: Int, _ errors: [Diagnostic]) -> Void = { _, _ in }
    ) throws -> Answer {
        var attempt = 1
        var run = self
        while true {
            do {
                var answer = try run.answerOnce(question: question, history: history, custom: custom, grounding: grounding, isCancelled: isCancelled,
                                                onNode: onNode, onProgress: onProgress)
                answer.attempts = attempt
                return answer
            } catch let invalid as InvalidAnswer where attempt < attempts {
                attempt += 1
                run.sampling.seed &+= 1
                onRetry(attempt, invalid.errors)
            }
        }
    }

    private func answerOnce(
        question: String, history: [ChatMessage], custom: GenerationConstraint?, grounding: Grounding?,
        isCancelled: @escaping @Sendable () -> Bool, onNode: (NodeEvent) -> Void, onProgress: (Int) -> Void
    ) throws -> Answer {
        let constraint = custom ?? grounding?.constraint ?? catalog
        var tracker = StreamingJSONTracker()
        var text: [UInt8] = []
        let renderer = HTMLRenderer()
        let messages = prompt.messages(question: question, history: history, context: grounding?.context)
        let (bytes, metrics) = try model.generate(
            messages: messages, constraint: constraint, sampling: sampling, limits: limits, isCancelled: isCancelled
        ) { piece in
            text += piece
            onProgress(text.count)
            guard custom == nil else { return }
            for closed in tracker.feed(piece) where closed.isObject {
                let tokens = closed.pointer.tokens
                guard tokens.count >= 2, tokens[tokens.count - 2] == "children",
                      let json = try? JSONParser().parse(Array(text[closed.range])),
                      var node = try? Node(json: json, at: closed.pointer) else { continue }
                if let grounding {
                    // A component whose query fails is not shown: the finished answer's checks
                    // report it (and a retry replaces it).
                    let resolved = grounding.resolver.resolve(node, at: closed.pointer)
                    guard resolved.errors.isEmpty else { continue }
                    node = resolved.node
                }
                onNode(NodeEvent(path: closed.pointer.description, id: json["id"]?.stringValue ?? "",
                                 type: json["type"]?.stringValue ?? "", html: renderer.renderNode(node, path: closed.pointer)))
            }
        }
        let parsed: JSONValue
        do { parsed = try JSONParser().parse(bytes) } catch {
            throw GenerationError.backend("the finished answer is not JSON (\(error)); this is a bug in the grammar")
        }
        if custom != nil {
            let surface = check.check(parsed).surface
            return Answer(tree: parsed, html: surface.map { renderer.renderFragment($0) }, warnings: [], metrics: metrics)
        }
        var result = check.check(parsed)
        var tree = parsed
        var repairs: [Diagnostic] = []
        if !result.isValid, result.errors.allSatisfy({ TreeRepair.repairableCodes.contains($0.code) }) {
            (tree, repairs) = TreeRepair.renameDuplicateIDs(tree, errors: result.errors)
            result = check.check(tree)
        }
        guard var surface = result.surface else { throw InvalidAnswer(errors: result.errors) }
        var warnings = repairs + result.warnings
        if let grounding {
            // The numbers: computed from the data, then the checks again on the computed tree.
            let (resolved, errors) = grounding.resolver.resolve(surface)
            guard errors.isEmpty else { throw InvalidAnswer(errors: errors) }
            let semantic = check.checkSemantics(resolved)
            guard let checked = semantic.surface else { throw InvalidAnswer(errors: semantic.errors) }
            surface = checked
            warnings = repairs + semantic.warnings
        }
        var shown = renderer
        if let grounding {
            shown.filters = FilterControls.make(for: surface, tree: JSONWriter().string(tree), registry: grounding.resolver.registry)
        }
        return Answer(tree: tree, html: shown.renderFragment(surface), warnings: warnings, metrics: metrics, surface: surface)
    }
}
