import CMicroHTTPD
import Foundation

/// Limits and timeouts of one server. The defaults suit a single-user deployment on a laptop.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (see `HTTPServer.port`).
    public var port: UInt16 = 8080
    /// Request bodies above this size are refused with 413.
    public var maxBodyBytes = 4 << 20
    /// Memory per connection for the request line and headers; larger headers are refused by libmicrohttpd.
    public var connectionMemoryBytes = 32 << 10
    /// Concurrent connections. They cost a socket and a little memory each (one event loop serves
    /// them all), so this can be large; it is lowered to what the process's file limit allows.
    public var maxConnections: UInt32 = 4096
    /// Concurrent connections per client address (0 = no per-address limit), so one client cannot
    /// take every connection.
    public var maxConnectionsPerAddress: UInt32 = 256
    /// Idle time after which a connection is closed (slow or silent clients).
    public var idleTimeoutSeconds: UInt32 = 30
    /// Threads that run request handlers (started on demand).
    public var handlerThreads = 64
    /// Requests that may wait for a handler thread; beyond that the answer is 503.
    public var maxQueuedRequests = 1024
    /// Silence on a streamed response after which a heartbeat goes out.
    public var heartbeatSeconds = 10.0
    /// How long `shutdown` waits for streamed responses to end.
    public var shutdownGraceSeconds = 10.0

    public init() {}
}

public enum HTTPServerError: Error, CustomStringConvertible {
    case invalidHost(String)
    case cannotStart(host: String, port: UInt16)

    public var description: String {
        switch self {
        case .invalidHost(let h): return "cannot listen on '\(h)': give an IPv4 or IPv6 address, or localhost"
        case .cannotStart(let h, let p): return "cannot listen on \(h):\(p) (in use, or not permitted)"
        }
    }
}

/// A thin, safe layer over libmicrohttpd: it reads whole requests (bounded), calls one handler with
/// a Swift `HTTPRequest` and sends its `HTTPResponse`, streaming bodies from their producer thread.
///
/// One event loop (epoll) owns every connection, so idle or slow clients cost a socket and a little
/// memory, not a thread. Handlers run on a `WorkerPool`; while one works, its connection is
/// suspended and the loop serves everyone else. A streamed response whose producer has nothing to
/// send parks its connection the same way until the producer writes. libmicrohttpd enforces the
/// connection, per-address, header and idle limits.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public let configuration: ServerConfiguration
    private let handler: Handler
    private let workers: WorkerPool
    private var daemon: OpaquePointer?
    private let lock = NSLock()
    private var activeStreams: [ObjectIdentifier: StreamSource] = [:]
    private var working: [ObjectIdentifier: Exchange] = [:]
    private var heartbeatTimer: DispatchSourceTimer?
    private var stopping = false
    public private(set) var port: UInt16 = 0
    /// The connection limit in force (the configured one, lowered to fit the file limit).
    public private(set) var connectionLimit: UInt32 = 0

    public init(configuration: ServerConfiguration, handler: @escaping Handler) {
        self.configuration = configuration
        self.handler = handler
        workers = WorkerPool(maxThreads: configuration.handlerThreads, maxQueued: configuration.maxQueuedRequests)
    }

    deinit { stopDaemon() }

    /// Binds and starts serving on background threads.
    public func start() throws {
        var storage = sockaddr_storage()
        try Self.socketAddress(host: configuration.host, port: configuration.port, into: &storage)
        let flags = UInt32(MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue)
        connectionLimit = Self.fitConnectionLimit(configuration.maxConnections)
        let me = Unmanaged.passUnretained(self).toOpaque()
        let started = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                genui_mhd_start(
                    flags, address, accessHandler, me, requestCompleted, me,
                    connectionLimit, configuration.maxConnectionsPerAddress, configuration.idleTimeoutSeconds,
                    configuration.connectionMemoryBytes, 1024)
            }
        }
        guard let started else { throw HTTPServerError.cannotStart(host: configuration.host, port: configuration.port) }
        daemon = started
        port = genui_mhd_bound_port(started)
        startHeartbeats()
    }

    /// Raises the soft limit on open files towards what `wanted` connections need (each is a
    /// socket; the process keeps a margin for models, datasets and pipes) and returns the number of
    /// connections that fits.
    private static func fitConnectionLimit(_ wanted: UInt32) -> UInt32 {
        let margin: rlim_t = 256
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return wanted }
        let needed = rlim_t(wanted) + margin
        if limit.rlim_cur != rlim_t.max && limit.rlim_cur < needed {
            var raised = limit
            raised.rlim_cur = limit.rlim_max == rlim_t.max ? needed : min(needed, limit.rlim_max)
            if setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        if limit.rlim_cur == rlim_t.max || limit.rlim_cur >= needed { return wanted }
        return UInt32(max(16, Int(limit.rlim_cur) - Int(margin)))
    }

    /// Wakes streams whose producers have been silent for `heartbeatSeconds`, so a heartbeat keeps
    /// proxies and the idle timeout from closing them.
    private func startHeartbeats() {
        let every = max(0.02, min(1.0, configuration.heartbeatSeconds / 4))
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + every, repeating: every)
        let silence = configuration.heartbeatSeconds
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            let streams = self.activeStreams.values.filter { $0.heartbeat != nil }.map(\.stream)
            self.lock.unlock()
            for stream in streams { stream.wakeIfSilent(for: silence) }
        }
        timer.resume()
        heartbeatTimer = timer
    }

    /// Graceful stop: no new connections, streamed responses are asked to wind up (their producers
    /// see `isCancelled` and send a last event), requests in progress may finish, then the daemon
    /// stops after at most the grace period.
    public func shutdown() {
        lock.lock()
        guard let daemon, !stopping else { lock.unlock(); return }
        stopping = true
        let streams = activeStreams.values.map(\.stream)
        lock.unlock()
        _ = MHD_quiesce_daemon(daemon)
        for stream in streams { stream.requestStop() }
        let deadline = Date(timeIntervalSinceNow: configuration.shutdownGraceSeconds)
        while Date() < deadline {
            lock.lock()
            let remaining = activeStreams.count + working.count
            lock.unlock()
            if remaining == 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stopDaemon()
    }

    /// libmicrohttpd must not stop with suspended connections: every parked stream and every
    /// request still in a handler is woken first (the handler's late answer is dropped).
    private func stopDaemon() {
        lock.lock()
        let d = daemon
        daemon = nil
        stopping = true
        let streams = activeStreams.values.map(\.stream)
        let exchanges = Array(working.values)
        let timer = heartbeatTimer
        heartbeatTimer = nil
        lock.unlock()
        timer?.cancel()
        for stream in streams { stream.cancel() }
        for exchange in exchanges { exchange.abandon() }
        if let d { MHD_stop_daemon(d) }
    }

    /// Streamed responses in flight (for tests and `/metrics`).
    public var activeStreamCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return activeStreams.count
    }

    /// Open connections, handler threads alive, and requests waiting for one (for `/metrics`).
    public var load: (connections: Int, handlerThreads: Int, queuedRequests: Int) {
        lock.lock()
        let connections = daemon.map { Int(genui_mhd_connection_count($0)) } ?? 0
        lock.unlock()
        let pool = workers.counts
        return (connections, pool.threads, pool.queued)
    }

    /// Requests whose handler is running or waiting for a thread (for tests and `/metrics`).
    public var requestsInProgress: Int {
        lock.lock()
        defer { lock.unlock() }
        return working.count
    }

    private static func socketAddress(host: String, port: UInt16, into storage: inout sockaddr_storage) throws {
        let name = host == "localhost" ? "127.0.0.1" : host
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, name, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            withUnsafeBytes(of: v4) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
            return
        }
        var v6 = sockaddr_in6()
        let bare = name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
        if inet_pton(AF_INET6, bare, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            withUnsafeBytes(of: v6) { raw in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: raw) } }
            return
        }
        throw HTTPServerError.invalidHost(host)
    }

    // MARK: - Request life cycle (called from libmicrohttpd's event loop, which must never block)

    /// What one request accumulates between the calls libmicrohttpd makes for it, and the hand-over
    /// of its response from the handler's thread back to the event loop.
    final class Exchange: @unchecked Sendable {
        var body: [UInt8] = []
        var tooLarge = false
        private let lock = NSLock()
        private var started = false
        private var response: HTTPResponse?
        private var abandoned = false
        /// Set while the connection is suspended waiting for the handler.
        private var suspended: OpaquePointer?

        enum State { case fresh, working, answered(HTTPResponse), abandoned }

        /// Where the request stands; `fresh` marks it started, so it is returned once.
        func begin() -> State {
            lock.lock()
            defer { lock.unlock() }
            if let response { return .answered(response) }
            if abandoned { return .abandoned }
            if started { return .working }
            started = true
            return .fresh
        }

        /// Suspends the connection until `complete` or `abandon`, unless the handler already answered.
        func suspend(_ connection: OpaquePointer) -> HTTPResponse? {
            lock.lock()
            defer { lock.unlock() }
            if let response { return response }
            MHD_suspend_connection(connection)
            suspended = connection
            return nil
        }

        func complete(_ answer: HTTPResponse) {
            lock.lock()
            defer { lock.unlock() }
            guard !abandoned else { return }
            response = answer
            resume()
        }

        func abandon() {
            lock.lock()
            defer { lock.unlock() }
            abandoned = true
            resume()
        }

        private func resume() {
            guard let connection = suspended else { return }
            suspended = nil
            MHD_resume_connection(connection)
        }
    }

    fileprivate func handle(
        connection: OpaquePointer, url: String, method: String, upload: UnsafePointer<CChar>?,
        uploadSize: UnsafeMutablePointer<Int>, context: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        // First call: headers are in. Refuse an announced oversized body before reading it.
        guard let raw = context.pointee else {
            let exchange = Exchange()
            context.pointee = Unmanaged.passRetained(exchange).toOpaque()
            if let length = lookup(connection, .HEADER_KIND, "Content-Length"), let n = Int(length), n > configuration.maxBodyBytes {
                return queue(connection, tooLargeResponse())
            }
            return .YES
        }
        let exchange = Unmanaged<Exchange>.fromOpaque(raw).takeUnretainedValue()
        if uploadSize.pointee > 0 {
            if let upload, !exchange.tooLarge {
                if exchange.body.count + uploadSize.pointee > configuration.maxBodyBytes {
                    exchange.tooLarge = true
                    exchange.body = []
                } else {
                    upload.withMemoryRebound(to: UInt8.self, capacity: uploadSize.pointee) { p in
                        exchange.body.append(contentsOf: UnsafeBufferPointer(start: p, count: uploadSize.pointee))
                    }
                }
            }
            uploadSize.pointee = 0
            return .YES
        }
        if exchange.tooLarge { return queue(connection, tooLargeResponse()) }
        switch exchange.begin() {
        case .answered(let response):
            return queue(connection, response)
        case .abandoned:
            return queue(connection, shuttingDownResponse())
        case .working:
            return .YES
        case .fresh:
            break
        }
        let request = HTTPRequest(
            method: method, path: url, query: values(connection, .GET_ARGUMENT_KIND, lowercased: false),
            headers: values(connection, .HEADER_KIND, lowercased: true), body: exchange.body)
        exchange.body = []
        let key = ObjectIdentifier(exchange)
        lock.lock()
        let refuse = stopping
        if !refuse { working[key] = exchange }
        lock.unlock()
        if refuse { return queue(connection, shuttingDownResponse()) }
        let accepted = workers.submit { [self] in
            exchange.complete(handler(request))
            lock.lock()
            working[key] = nil
            lock.unlock()
        }
        guard accepted else {
            lock.lock()
            working[key] = nil
            lock.unlock()
            var overloaded = HTTPResponse.text(
                "{\"error\":{\"code\":\"overloaded\",\"message\":\"\(workers.maxQueued) requests are already waiting; retry later\"}}\n",
                status: 503, contentType: "application/json")
            overloaded.headers.append(("Retry-After", "1"))
            return queue(connection, overloaded)
        }
        if let early = exchange.suspend(connection) { return queue(connection, early) }
        return .YES
    }

    private func shuttingDownResponse() -> HTTPResponse {
        .text("{\"error\":{\"code\":\"shutting_down\",\"message\":\"the server is shutting down\"}}\n",
              status: 503, contentType: "application/json")
    }

    private func tooLargeResponse() -> HTTPResponse {
        .text("{\"error\":{\"code\":\"body_too_large\",\"message\":\"the request body exceeds \(configuration.maxBodyBytes) bytes\"}}\n",
              status: 413, contentType: "application/json")
    }

    private func queue(_ connection: OpaquePointer, _ response: HTTPResponse) -> MHD_Result {
        let mhdResponse: OpaquePointer?
        switch response.body {
        case .bytes(let bytes):
            mhdResponse = bytes.withUnsafeBytes { raw in
                MHD_create_response_from_buffer(raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), .RESPMEM_MUST_COPY)
            }
        case .stream(let heartbeat, let producer):
            let stream = ResponseStream()
            let source = StreamSource(stream: stream, heartbeat: heartbeat, connection: connection, server: self)
            lock.lock()
            let refuse = stopping
            if !refuse { activeStreams[ObjectIdentifier(stream)] = source }
            lock.unlock()
            if refuse { return queue(connection, shuttingDownResponse()) }
            mhdResponse = MHD_create_response_from_callback(
                UInt64.max, 16 << 10, streamReader, Unmanaged.passRetained(source).toOpaque(), streamFree)
            let thread = Thread {
                producer(stream)
                stream.finish()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        guard let mhdResponse else { return .NO }
        for (name, value) in response.headers { _ = MHD_add_response_header(mhdResponse, name, value) }
        let result = MHD_queue_response(connection, UInt32(response.status), mhdResponse)
        MHD_destroy_response(mhdResponse)
        return result
    }

    fileprivate func streamEnded(_ stream: ResponseStream) {
        stream.cancel()
        lock.lock()
        activeStreams[ObjectIdentifier(stream)] = nil
        lock.unlock()
    }

    private func lookup(_ connection: OpaquePointer, _ kind: MHD_ValueKind, _ key: String) -> String? {
        MHD_lookup_connection_value(connection, kind, key).map { String(cString: $0) }
    }

    private func values(_ connection: OpaquePointer, _ kind: MHD_ValueKind, lowercased: Bool) -> [String: String] {
        final class Box { var values: [String: String] = [:]; var lowercased = false }
        let box = Box()
        box.lowercased = lowercased
        let iterator: MHD_KeyValueIterator = { cls, _, key, value in
            guard let cls, let key else { return .YES }
            let box = Unmanaged<Box>.fromOpaque(cls).takeUnretainedValue()
            let name = String(cString: key)
            box.values[box.lowercased ? name.lowercased() : name] = value.map { String(cString: $0) } ?? ""
            return .YES
        }
        _ = MHD_get_connection_values(connection, kind, iterator, Unmanaged.passUnretained(box).toOpaque())
        return box.values
    }
}

/// The state behind one streamed response, owned by libmicrohttpd until its free callback.
private final class StreamSource: @unchecked Sendable {
    let stream: ResponseStream
    let heartbeat: [UInt8]?
    /// Valid until the free callback: a parked connection cannot close before it is resumed, and
    /// the server resumes every parked stream before it stops.
    let connection: OpaquePointer
    unowned let server: HTTPServer

    init(stream: ResponseStream, heartbeat: [UInt8]?, connection: OpaquePointer, server: HTTPServer) {
        self.stream = stream
        self.heartbeat = heartbeat
        self.connection = connection
        self.server = server
    }
}

private let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, _, upload, uploadSize, context in
    guard let cls, let connection, let url, let method, let uploadSize, let context else { return .NO }
    let server = Unmanaged<HTTPServer>.fromOpaque(cls).takeUnretainedValue()
    return server.handle(connection: connection, url: String(cString: url), method: String(cString: method),
                         upload: upload, uploadSize: uploadSize, context: context)
}

private let requestCompleted: MHD_RequestCompletedCallback = { _, _, context, _ in
    guard let context, let raw = context.pointee else { return }
    Unmanaged<HTTPServer.Exchange>.fromOpaque(raw).release()
    context.pointee = nil
}

private let streamReader: MHD_ContentReaderCallback = { cls, _, buffer, max in
    guard let cls, let buffer else { return -2 }
    let source = Unmanaged<StreamSource>.fromOpaque(cls).takeUnretainedValue()
    let connection = source.connection
    let result = source.stream.poll(
        into: UnsafeMutableRawPointer(buffer), max: max,
        park: { MHD_suspend_connection(connection) },
        wake: { MHD_resume_connection(connection) })
    switch result {
    case .bytes(let n): return n
    case .end: return -1
    case .parked: return 0
    case .heartbeat:
        guard let heartbeat = source.heartbeat, heartbeat.count <= max else { return 0 }
        heartbeat.withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress!, byteCount: heartbeat.count) }
        return heartbeat.count
    }
}

private let streamFree: MHD_ContentReaderFreeCallback = { cls in
    guard let cls else { return }
    let source = Unmanaged<StreamSource>.fromOpaque(cls).takeRetainedValue()
    source.server.streamEnded(source.stream)
}
