import Foundation

/// A bounded byte pipe between a response producer (any thread) and the connection that sends it.
///
/// The producer blocks when more than `capacity` bytes wait to be sent, so a slow client cannot make
/// the server buffer without bound. The connection side never blocks: it polls, and when nothing is
/// pending it parks itself (the server suspends the connection) until the producer writes, finishes
/// or is cancelled, or a heartbeat falls due. When the client goes away or the server shuts down the
/// stream is cancelled: writes return `false` and the producer should stop.
public final class ResponseStream: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var readOffset = 0
    private var finished = false
    private var cancelled = false
    private var stopRequested = false
    private let capacity: Int
    /// Set while the reader is parked; `wake` un-parks it (called once, under the lock).
    private var wake: (() -> Void)?
    private var parkedSince: UInt64?
    private var heartbeatDue = false

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
        unparkReader()
        condition.unlock()
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
        unparkReader()
        return true
    }

    @discardableResult
    public func send(_ event: ServerSentEvent) -> Bool { write(event.bytes) }

    /// Marks the end of the body; bytes already written are still delivered.
    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        unparkReader()
        condition.unlock()
    }

    /// Stops the stream: pending writes fail and the producer is told through `isCancelled`.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        unparkReader()
        condition.unlock()
    }

    enum PollResult: Equatable {
        case bytes(Int)
        /// Nothing was pending and the reader parked itself; it is woken when that changes.
        case parked
        /// The reader was woken because nothing was sent for a while: send a heartbeat.
        case heartbeat
        case end
    }

    /// Copies up to `max` pending bytes into `destination` without waiting. When nothing is pending
    /// it calls `park` (under the stream's lock, so no wake-up can come before it) and keeps `wake`
    /// to call exactly once when bytes arrive, the stream ends or `wakeIfSilent` finds a heartbeat due.
    func poll(into destination: UnsafeMutableRawPointer, max: Int, park: () -> Void, wake: @escaping () -> Void) -> PollResult {
        condition.lock()
        defer { condition.unlock() }
        let pending = buffer.count - readOffset
        if pending == 0 {
            if finished || cancelled { return .end }
            if heartbeatDue {
                heartbeatDue = false
                return .heartbeat
            }
            park()
            self.wake = wake
            parkedSince = DispatchTime.now().uptimeNanoseconds
            return .parked
        }
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

    /// Wakes a reader parked for at least `seconds`, telling it to send a heartbeat.
    func wakeIfSilent(for seconds: Double, now: UInt64 = DispatchTime.now().uptimeNanoseconds) {
        condition.lock()
        defer { condition.unlock() }
        guard let since = parkedSince, now >= since, Double(now - since) >= seconds * 1e9 else { return }
        heartbeatDue = true
        unparkReader()
    }

    private func unparkReader() {
        guard let wake else { return }
        self.wake = nil
        parkedSince = nil
        wake()
    }
}
