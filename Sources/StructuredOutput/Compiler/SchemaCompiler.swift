import JSONSchema

/// Compiles a JSON Schema (draft 2020-12, 2019-09, draft-07/06/04) to a `Grammar` that accepts exactly
/// the compact (or boundedly-spaced) JSON texts of the instances the schema accepts, with object
/// members in schema order (`properties` order, then other members) — see `InstanceSerializer`.
///
/// Keywords that cannot be compiled exactly fail with a `SchemaError` naming the keyword and its
/// JSON Pointer; with `CompileOptions.lenient` they are ignored and reported as warnings instead.
/// A `format` no draft defines is an annotation: reported as a warning, never an error, and ignored.
public struct SchemaCompiler: Sendable {
    public var options: CompileOptions

    public init(options: CompileOptions = CompileOptions()) { self.options = options }

    /// Compiles a parsed schema document.
    public func compile(_ schema: JSONValue, baseURI: String = "") throws -> CompiledSchema {
        let resolver = try SchemaResolver(document: schema, baseURI: baseURI)
        let context = CompilerContext(options: options, resolver: resolver)
        let start = try context.rule(for: schema, at: .root, depth: 0)
        context.grammar.start = start
        let grammar = GrammarFinalizer.finalize(context.grammar)
        var states = 0, repetitions = 0
        for rule in grammar.rules {
            switch rule.body {
            case .automaton(let a): states += a.states.count
            case .repetition: repetitions += 1
            }
        }
        return CompiledSchema(
            grammar: grammar, warnings: context.warnings,
            stats: .init(rules: grammar.rules.count, automatonStates: states, repetitions: repetitions,
                         subschemasVisited: context.visited))
    }

    /// Parses and compiles a schema given as JSON text.
    public func compile(json text: String, baseURI: String = "") throws -> CompiledSchema {
        let schema: JSONValue
        do { schema = try JSONParser.parse(text) } catch {
            throw SchemaError(.root, "the schema is not valid JSON: \(error)")
        }
        return try compile(schema, baseURI: baseURI)
    }
}
