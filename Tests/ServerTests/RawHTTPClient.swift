import Foundation
import XCTest
@testable import Server
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a POSIX socket, so tests control every byte on the wire
/// (malformed requests, partial sends, early disconnects) and read streamed bodies as they come.
/// Each instance is used by one thread at a time (tests hand whole connections to threads).
final class RawHTTPClient: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []
    /// Why the last read stopped: 0 at end of stream, else the errno (EAGAIN: the receive timeout).
    private(set) var lastReadError: Int32 = 0

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    /// Connects to 127.0.0.1:`port`, from the loopback address `source` when given (127.0.0.2, …:
    /// another client address for per-address limits).
    init(port: UInt16, timeoutSeconds: Int = 30, from source: String? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { close(fd); throw POSIXError(.EADDRNOTAVAIL) }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    /// The local port of this connection (to find it in `ss` output).
    var localPort: UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let rc = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return rc == 0 ? UInt16(bigEndian: address.sin_port) : 0
    }

    /// True when the server closed the connection (end of stream) without sending anything;
    /// false when it is open and silent. Does not wait beyond `seconds`.
    func isClosedByPeer(within seconds: Double = 0) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n == 0 || (n < 0 && errno != EAGAIN)
    }

    func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends a request with a body and Content-Length.
    func request(_ method: String, _ path: String, body: [UInt8] = [], headers: [String: String] = [:]) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        send(Array((head + "\r\n").utf8) + body)
    }

    /// Reads more bytes; false at end of stream or timeout.
    @discardableResult
    func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { lastReadError = n == 0 ? 0 : errno; return false }
        buffer += chunk[..<n]
        return true
    }

    /// Reads the status line and headers.
    func readHead() -> (status: Int, headers: [String: String])? {
        let separator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = firstRange(of: separator) {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
                var headers: [String: String] = [:]
                for line in lines {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                return (status, headers)
            }
            if !fill() { return nil }
        }
    }

    /// Reads a whole response (Content-Length, chunked, or until close).
    func readResponse() -> Response? {
        guard let (status, headers) = readHead() else { return nil }
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            while let chunk = readChunk() { body += chunk }
        } else if let length = headers["content-length"].flatMap(Int.init) {
            while buffer.count < length { if !fill() { break } }
            body = Array(buffer.prefix(length))
            buffer.removeFirst(min(length, buffer.count))
        } else {
            while fill() {}
            body = buffer
            buffer = []
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// The next chunk of a chunked body; nil at the last chunk or end of stream.
    func readChunk() -> [UInt8]? {
        while true {
            if let lineEnd = firstRange(of: [13, 10]) {
                let sizeText = String(decoding: buffer[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
                if size == 0 { return nil }
                while buffer.count < lineEnd + 2 + size + 2 { if !fill() { return nil } }
                let chunk = Array(buffer[(lineEnd + 2)..<(lineEnd + 2 + size)])
                buffer.removeFirst(lineEnd + 2 + size + 2)
                return chunk
            }
            if !fill() { return nil }
        }
    }

    private func firstRange(of needle: [UInt8]) -> Int? {
        guard buffer.count >= needle.count else { return nil }
        for i in 0...(buffer.count - needle.count) where buffer[i] == needle[0] {
            if Array(buffer[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}

/// Server-sent events parsed from a streamed body, in arrival order.
struct SSEParser {
    private var text = ""

    mutating func feed(_ bytes: [UInt8]) -> [(event: String, data: String)] {
        text += String(decoding: bytes, as: UTF8.self)
        var events: [(String, String)] = []
        while let range = text.range(of: "\n\n") {
            let block = text[..<range.lowerBound]
            text = String(text[range.upperBound...])
            var name = "message"
            var data: [Substring] = []
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                else if line.hasPrefix("data: ") { data.append(line.dropFirst(6)) }
            }
            if !data.isEmpty { events.append((name, data.joined(separator: "\n"))) }
        }
        return events
    }
}

extension HTTPServer {
    /// A server on 127.0.0.1 and a free port, configured by `configure`, already serving.
    static func startedOnAFreePort(_ configure: (inout ServerConfiguration) -> Void = { _ in },
                                   handler: @escaping Handler) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        XCTAssertGreaterThan(server.port, 0)
        return server
    }
}
