import Foundation

/// Compiled `pattern` and `format` DFAs by a descriptive key (`regex:…`, `format:…`) and the automata
/// limits they were built under, shared by the merger, the compiler and the serializer and, being
/// pure, by every compilation in the process: schemas repeat the same complex patterns and formats
/// many times, and compiling one can cost milliseconds. Errors are cached too.
enum DFACache {
    private struct Key: Hashable, Sendable {
        var text: String
        var limits: AutomataLimits
    }
    private static let shared = SharedCache<Key, Result<ByteDFA, AutomataError>>(capacity: 512)

    /// The cached DFA for `key` under `limits`, computed by `make` on first use.
    static func dfa(_ key: String, limits: AutomataLimits, _ make: () throws -> ByteDFA) throws -> ByteDFA {
        try shared.value(Key(text: key, limits: limits)) {
            do { return .success(try make()) } catch let error as AutomataError { return .failure(error) }
        }.get()
    }
}
