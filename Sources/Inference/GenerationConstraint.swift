import Dispatch
import JSONSchema
import StructuredOutput
import Tokenizers

/// What the answer must be: a JSON Schema, compiled once per vocabulary through the shared
/// `GrammarCache` (schema text + vocabulary fingerprint), so a schema reused across requests costs
/// one compile.
public struct GenerationConstraint: Sendable {
    public let schema: JSONValue
    public let options: CompileOptions

    /// Checks that the schema compiles, so an unsupported keyword is reported before any decoding.
    public init(schema: JSONValue, options: CompileOptions = CompileOptions()) throws {
        self.schema = schema
        self.options = options
        do {
            _ = try SchemaCompiler(options: options).compile(schema)
        } catch let e as SchemaError {
            throw GenerationError.unsupportedSchema(pointer: e.pointer.description, message: e.message)
        }
    }

    /// The compiled grammar bound to `vocabulary`.
    public func grammar(for vocabulary: TokenVocabulary) throws -> CompiledGrammar {
        do {
            return try GrammarCache.shared.grammar(for: schema, vocabulary: vocabulary, options: options)
        } catch let e as SchemaError {
            throw GenerationError.unsupportedSchema(pointer: e.pointer.description, message: e.message)
        }
    }
}

/// The llama.cpp backend as a `LanguageModel`.
public final class LlamaLanguageModel: LanguageModel {
    public let model: LlamaModel
    public var name: String { model.name }

    public init(_ model: LlamaModel) { self.model = model }

    public func prepare(constraint: GenerationConstraint) throws {
        _ = try constraint.grammar(for: model.vocabulary)
    }

    public func generate(
        messages: [ChatMessage], constraint: GenerationConstraint?, sampling: SamplingParameters, limits: GenerationLimits,
        isCancelled: @escaping @Sendable () -> Bool, onBytes: ([UInt8]) -> Void
    ) throws -> (bytes: [UInt8], metrics: GenerationMetrics) {
        let grammar = try constraint?.grammar(for: model.vocabulary)
        let prompt = model.tokenize(try model.formatChat(messages), addBOS: false, special: true)
        let decoder = ConstrainedDecoder(
            vocabulary: model.vocabulary, tokenize: { [model] in model.tokenize($0, special: false) }, limits: limits)
        return try model.withSession { session in
            try decoder.run(session: &session, prompt: prompt, grammar: grammar, sampling: sampling,
                                   isCancelled: isCancelled, onBytes: onBytes)
        }
    }
}

extension LlamaLanguageModel {
    /// Evaluates `answer` after `messages` the way unconstrained sampling would produce it: one step
    /// per token, each with a full-vocabulary sample and a one-token evaluation, no mask and no
    /// jump-forward. The baseline for `genui bench generate`. Returns the answer's token count and the
    /// milliseconds the steps took (prompt evaluation excluded).
    public func replayUnconstrained(messages: [ChatMessage], answer: [UInt8], sampling: SamplingParameters) throws -> (tokens: Int, ms: Double) {
        let prompt = model.tokenize(try model.formatChat(messages), addBOS: false, special: true)
        let tokens = model.tokenize(String(decoding: answer, as: UTF8.self), special: false)
        let width = model.vocabulary.logitsSize
        let all = [UInt32](repeating: .max, count: (width + 31) / 32)
        var sampler = MaskedSampler(sampling)
        return try model.withSession { session in
            try session.feedPrompt(prompt)
            let t0 = DispatchTime.now().uptimeNanoseconds
            for id in tokens {
                _ = sampler.sample(logits: session.logits(), mask: all)
                sampler.note(id)
                try session.feed([id])
            }
            return (tokens.count, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
    }
}
