import Foundation

/// The threads request handlers run on, so libmicrohttpd's event loop never waits for one.
///
/// Threads are started on demand up to `maxThreads` and end after `idleSeconds` without work. Work
/// beyond what the threads take waits in a FIFO of at most `maxQueued` items; past that `submit`
/// refuses, and the caller answers 503 instead of queueing without bound.
final class WorkerPool: @unchecked Sendable {
    let maxThreads: Int
    let maxQueued: Int
    private let idleSeconds: Double
    private let stackSize: Int
    private let condition = NSCondition()
    private var queue: [() -> Void] = []
    private var head = 0
    private var threads = 0
    private var idle = 0
    /// Threads started for work they have not picked up yet.
    private var starting = 0

    init(maxThreads: Int, maxQueued: Int, idleSeconds: Double = 30, stackSize: Int = 16 << 20) {
        self.maxThreads = max(1, maxThreads)
        self.maxQueued = max(0, maxQueued)
        self.idleSeconds = idleSeconds
        self.stackSize = stackSize
    }

    /// Runs `work` on a pool thread; false when the queue is full.
    func submit(_ work: @escaping () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        // Work no idle thread will take: it gets a new thread, or waits in the queue if there is room.
        let unclaimed = queue.count - head - idle - starting
        if unclaimed >= 0 && threads < maxThreads {
            threads += 1
            starting += 1
            let thread = Thread { [self] in run() }
            thread.stackSize = stackSize
            thread.start()
        } else if unclaimed >= maxQueued {
            return false
        }
        queue.append(work)
        condition.signal()
        return true
    }

    /// Threads alive, and work waiting for one (for `/metrics` and tests).
    var counts: (threads: Int, queued: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (threads, queue.count - head)
    }

    private func run() {
        var started = false
        while let work = next(started: &started) { work() }
    }

    /// The next work to run. A new thread stops counting as `starting` under the same lock hold
    /// in which it takes its first work: released earlier, the work it was started for counted
    /// as unclaimed for a moment, and a request arriving then was refused with the queue not full.
    private func next(started: inout Bool) -> (() -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        if !started { starting -= 1; started = true }
        while head == queue.count {
            idle += 1
            let signalled = condition.wait(until: Date(timeIntervalSinceNow: idleSeconds))
            idle -= 1
            if !signalled && head == queue.count {
                threads -= 1
                return nil
            }
        }
        let work = queue[head]
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 {
            queue.removeFirst(head)
            head = 0
        }
        return work
    }
}
