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
