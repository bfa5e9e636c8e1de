import Foundation

/// A process-wide, thread-safe memo table for pure functions (DFA constructions, mask entries), so work
/// repeated across compilations — the same `format`, pattern or length bound in schema after schema,
/// as in a server compiling per-request schemas — is done once. Bounded: the table is cleared when it
/// would grow past `capacity`. Values are computed outside the lock; a race computes twice, keeps one.
final class SharedCache<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private var table: [Key: Value] = [:]
    private let lock = NSLock()
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(_ key: Key, make: () throws -> Value) rethrows -> Value {
        lock.lock()
        if let hit = table[key] { lock.unlock(); return hit }
        lock.unlock()
        let made = try make()
        lock.lock()
        defer { lock.unlock() }
        if let hit = table[key] { return hit }
        if table.count >= capacity { table.removeAll() }
        table[key] = made
        return made
    }

    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return table.count
    }
}
