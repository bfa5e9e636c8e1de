import Foundation

/// One generation at a time on the local model (it has one context and two cores to share), with a
/// bounded queue: beyond `maxWaiting` callers the answer is an immediate 503, not an unbounded wait.
public final class GenerationGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = false
    private var waiting = 0
    public let maxWaiting: Int

    public init(maxWaiting: Int = 8) { self.maxWaiting = maxWaiting }

    public enum Outcome { case acquired, queueFull, cancelled }

    /// Waits for the model; gives up when `isCancelled` turns true (checked every 100 ms).
    public func acquire(isCancelled: () -> Bool) -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        if !running { running = true; return .acquired }
        guard waiting < maxWaiting else { return .queueFull }
        waiting += 1
        defer { waiting -= 1 }
        while running {
            if isCancelled() { return .cancelled }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
        running = true
        return .acquired
    }

    public func release() {
        condition.lock()
        running = false
        condition.signal()
        condition.unlock()
    }

    /// Generations waiting for the model.
    public var queueLength: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting
    }
}
