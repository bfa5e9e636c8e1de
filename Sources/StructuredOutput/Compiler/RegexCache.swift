import Foundation

/// Compiled `pattern` DFAs by pattern text (and other derived key-set DFAs by a descriptive key),
/// shared by the merger, the compiler and the serializer of one schema: schemas repeat the same
/// complex patterns many times, and compiling one can cost milliseconds.
final class DFACache: @unchecked Sendable {
    private var entries: [String: Result<ByteDFA, AutomataError>] = [:]
    private let lock = NSLock()

    /// The cached DFA for `key`, computed by `make` on first use (errors are cached too).
    func dfa(_ key: String, _ make: () throws -> ByteDFA) throws -> ByteDFA {
        lock.lock()
        let cached = entries[key]
        lock.unlock()
        if let cached { return try cached.get() }
        let result: Result<ByteDFA, AutomataError>
        do { result = .success(try make()) } catch let error as AutomataError { result = .failure(error) }
        lock.lock()
        entries[key] = result
        lock.unlock()
        return try result.get()
    }
}
