import Foundation
import JSONSchema
import Tokenizers

/// Compiled grammars shared across requests and threads, keyed by the schema's text, the compile
/// options and the vocabulary's fingerprint. A schema specialised per request compiles once; the
/// same schema under another tokenizer compiles again. Least recently used entries are evicted
/// beyond `capacity`. Compile errors are not cached (they are cheap to reproduce and carry context).
public final class GrammarCache: @unchecked Sendable {
    private struct Key: Hashable {
        var schema: String
        var options: CompileOptions
        var vocabulary: UInt64
    }

    private var entries: [Key: (grammar: CompiledGrammar, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    private let lock = NSLock()
    public let capacity: Int
    /// Lookups answered from the cache, and compilations, since creation.
    public private(set) var hits = 0, misses = 0

    public init(capacity: Int = 64) { self.capacity = max(1, capacity) }

    /// The process-wide cache.
    public static let shared = GrammarCache()

    /// The compiled grammar for `schema` under `vocabulary`, compiled on first use.
    public func grammar(for schema: JSONValue, vocabulary: TokenVocabulary, options: CompileOptions = CompileOptions(),
                        limits: MatcherLimits = .default) throws -> CompiledGrammar {
        let key = Key(schema: JSONWriter().string(schema), options: options, vocabulary: vocabulary.fingerprint)
        lock.lock()
        clock += 1
        if let hit = entries[key] {
            entries[key] = (hit.grammar, clock)
            hits += 1
            lock.unlock()
            return hit.grammar
        }
        misses += 1
        lock.unlock()
        // Compile outside the lock: other schemas stay served while a large one compiles.
        let compiled = try SchemaCompiler(options: options).compile(schema)
        let grammar = try CompiledGrammar(grammar: compiled.grammar, tokenizer: TokenizerIndex.shared(for: vocabulary), limits: limits)
        lock.lock()
        defer { lock.unlock() }
        clock += 1
        entries[key] = (grammar, clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
            entries.removeValue(forKey: oldest)
        }
        return grammar
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
