import Foundation

/// A bounded byte pipe between a response producer (any thread) and the connection that sends it.
///
/// The producer blocks when more than `capacity` bytes wait to be sent, so a slow client cannot make
/// the server buffer without bound. When the client goes away or the server shuts down the stream is
/// cancelled: writes return `false` and the producer should stop.
public final class ResponseStream: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var readOffset = 0
    private var finished = false
    private var cancelled = false
    private var stopRequested = false
    private let capacity: Int

    public init(capacity: Int = 1 << 20) {
        self.capacity = capacity
    }

    /// True once the client disconnected or the server began shutting down: the producer should
    /// wind up (it may still write a final event, which is delivered unless the client is gone).
    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled || stopRequested
    }

    /// True when the server asked the producer to stop (shutdown), as opposed to the client leaving.
    public var isStopRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopRequested
    }

    /// Asks the producer to end early (graceful shutdown); its last writes still go out.
    public func requestStop() {
        condition.lock()
        stopRequested = true
        condition.broadcast()
        condition.unlock()
    }

    /// True once `finish()` was called.
    var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    /// Queues bytes for sending. Returns false (and drops them) when the stream is cancelled.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && buffer.count - readOffset > capacity {
            condition.wait()
        }
        guard !cancelled, !finished else { return false }
        buffer += bytes
        condition.broadcast()
        return true
    }

    @discardableResult
    public func send(_ event: ServerSentEvent) -> Bool { write(event.bytes) }

    /// Marks the end of the body; bytes already written are still delivered.
    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the stream: pending writes fail and the producer is told through `isCancelled`.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    enum ReadResult: Equatable {
        case bytes(Int)
        /// Nothing arrived within the wait; the caller may send a heartbeat.
        case idle
        case end
    }

    /// Copies up to `max` pending bytes into `destination`, waiting up to `wait` seconds for some.
    func read(into destination: UnsafeMutableRawPointer, max: Int, wait: Double) -> ReadResult {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: wait)
        while buffer.count == readOffset && !finished && !cancelled {
            if !condition.wait(until: deadline) { return .idle }
        }
        let pending = buffer.count - readOffset
        if pending == 0 { return .end }
        let n = min(pending, max)
        buffer.withUnsafeBytes { raw in
            destination.copyMemory(from: raw.baseAddress! + readOffset, byteCount: n)
        }
        readOffset += n
        if readOffset == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readOffset = 0
        } else if readOffset > capacity {
            buffer.removeFirst(readOffset)
            readOffset = 0
        }
        condition.broadcast()
        return .bytes(n)
    }
}
