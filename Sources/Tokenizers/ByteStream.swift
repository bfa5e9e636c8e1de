import Foundation

/// A forward-only little-endian reader over a file or an in-memory buffer, with bounds checks on
/// every read. Files are read in chunks through `FileHandle`, so only the bytes actually parsed are
/// ever loaded (a 5 GB model file costs a few megabytes to inspect).
struct ByteStream {
    private enum Source {
        case file(FileHandle)
        case memory([UInt8])
    }

    private let source: Source
    /// Total size of the underlying data in bytes.
    let size: Int
    /// Bytes loaded so far, starting at file offset `bufferStart`.
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    /// Read position inside `buffer`.
    private var cursor = 0
    /// Reads stop with a limit error beyond this absolute offset.
    let readLimit: Int
    private static let chunkSize = 1 << 20

    /// The absolute offset of the next byte to read.
    var offset: Int { bufferStart + cursor }
    /// Bytes left before the end of the data.
    var remaining: Int { size - offset }

    init(path: String, readLimit: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TokenizerError(.unreadable, "cannot open the file for reading", file: path)
        }
        let end: UInt64
        do { end = try handle.seekToEnd(); try handle.seek(toOffset: 0) } catch {
            throw TokenizerError(.unreadable, "cannot determine the file size: \(error)", file: path)
        }
        self.source = .file(handle)
        self.size = Int(clamping: end)
        self.readLimit = readLimit
    }

    init(bytes: [UInt8], readLimit: Int = .max) {
        self.source = .memory(bytes)
        self.buffer = bytes
        self.size = bytes.count
        self.readLimit = readLimit
    }

    func close() {
        if case .file(let h) = source { try? h.close() }
    }

    /// Makes sure `n` bytes are available at the cursor.
    @inline(__always)
    private mutating func ensure(_ n: Int, _ what: @autoclosure () -> String) throws {
        if cursor + n <= buffer.count { return }
        try fill(n, what())
    }

    private mutating func fill(_ n: Int, _ what: String) throws {
        guard n >= 0, n <= remaining else {
            throw TokenizerError(.truncated, "the data ends before \(what) (\(n) bytes needed, \(max(remaining, 0)) left)", offset: offset)
        }
        guard offset + n <= readLimit else {
            throw TokenizerError(.limitExceeded, "reading \(what) would go past the \(readLimit)-byte header limit", offset: offset)
        }
        switch source {
        case .memory:
            // The whole buffer is loaded up front, so the size check above already failed.
            throw TokenizerError(.truncated, "the data ends before \(what)", offset: offset)
        case .file(let handle):
            // Keep the unread tail, then append at least `n` more bytes (a full chunk when possible).
            let tail = Array(buffer[cursor...])
            bufferStart += cursor
            cursor = 0
            // Never buffer past the header limit, so every read beyond it comes through this check.
            let loadedEnd = bufferStart + tail.count
            let want = min(max(n - tail.count, Self.chunkSize), size - loadedEnd, readLimit - loadedEnd)
            let data: Data?
            do { data = try handle.read(upToCount: want) } catch {
                throw TokenizerError(.unreadable, "read failed: \(error)", offset: offset)
            }
            buffer = tail
            if let data { buffer.append(contentsOf: data) }
            guard buffer.count >= n else {
                throw TokenizerError(.truncated, "the file ends before \(what)", offset: offset)
            }
        }
    }

    mutating func u8(_ what: @autoclosure () -> String) throws -> UInt8 {
        try ensure(1, what())
        defer { cursor += 1 }
        return buffer[cursor]
    }

    mutating func u16(_ what: @autoclosure () -> String) throws -> UInt16 {
        try ensure(2, what())
        defer { cursor += 2 }
        return UInt16(buffer[cursor]) | UInt16(buffer[cursor + 1]) << 8
    }

    mutating func u32(_ what: @autoclosure () -> String) throws -> UInt32 {
        try ensure(4, what())
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(buffer[cursor + k]) << (8 * UInt32(k)) }
        cursor += 4
        return v
    }

    mutating func u64(_ what: @autoclosure () -> String) throws -> UInt64 {
        try ensure(8, what())
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(buffer[cursor + k]) << (8 * UInt64(k)) }
        cursor += 8
        return v
    }

    /// Reads `n` raw bytes.
    mutating func bytes(_ n: Int, _ what: @autoclosure () -> String) throws -> ArraySlice<UInt8> {
        try ensure(n, what())
        defer { cursor += n }
        return buffer[cursor..<(cursor + n)]
    }
}
