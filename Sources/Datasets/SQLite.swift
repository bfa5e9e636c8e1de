import CSQLite
import Foundation

/// A value read from or bound to SQLite.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        default: return nil
        }
    }
}

/// An error from SQLite, with its message and the statement that failed.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite error \(code): \(message)" }
}

/// One SQLite connection (libsqlite3, serialized mode). Statements are built by GenUI only from
/// validated identifiers, quoted with `quote(_:)`; every value is bound as a parameter.
public final class SQLiteDatabase: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()

    /// Opens `path` (`:memory:` for a private in-memory database).
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_FULLMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(message) (\(path))")
        }
        handle = db
        // Statements built from model output can never attach files or load extensions.
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        Self.registerMedian(db)
    }

    /// `genui_median(x)`: the median of the non-null values (SQLite has no median). The aggregate
    /// context holds a pointer to a Swift box of the values seen so far.
    private static func registerMedian(_ db: OpaquePointer) {
        sqlite3_create_function_v2(db, "genui_median", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, nil, { context, _, argv in
            guard let argv, let value = argv[0], sqlite3_value_type(value) != SQLITE_NULL,
                  let raw = sqlite3_aggregate_context(context, Int32(MemoryLayout<UnsafeMutableRawPointer?>.size)) else { return }
            let holder = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
            if holder.pointee == nil { holder.pointee = Unmanaged.passRetained(MedianValues()).toOpaque() }
            Unmanaged<MedianValues>.fromOpaque(holder.pointee!).takeUnretainedValue().items.append(sqlite3_value_double(value))
        }, { context in
            guard let raw = sqlite3_aggregate_context(context, 0),
                  let stored = raw.assumingMemoryBound(to: UnsafeMutableRawPointer?.self).pointee else {
                sqlite3_result_null(context)
                return
            }
            let values = Unmanaged<MedianValues>.fromOpaque(stored).takeRetainedValue().items.sorted()
            let mid = values.count / 2
            sqlite3_result_double(context, values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2)
        }, nil)
    }

    deinit { sqlite3_close_v2(handle) }

    /// `name` as a quoted SQL identifier (`"a""b"` for `a"b`).
    public static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Runs statements that return no rows (schema, transactions).
    public func execute(_ sql: String) throws(SQLiteError) {
        lock.lock(); defer { lock.unlock() }
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: message)
        }
    }

    /// Runs one query with bound parameters and returns every row. `deadline` bounds its run time.
    public func query(_ sql: String, _ parameters: [SQLValue] = [], deadline: Date? = nil) throws(SQLiteError) -> [[SQLValue]] {
        var rows: [[SQLValue]] = []
        try withStatement(sql, parameters, deadline: deadline) { (statement) throws(SQLiteError) in
            let columns = sqlite3_column_count(statement)
            while true {
                let rc = sqlite3_step(statement)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else { throw self.error(rc) }
                var row: [SQLValue] = []
                row.reserveCapacity(Int(columns))
                for i in 0..<columns { row.append(Self.column(statement, i)) }
                rows.append(row)
            }
        }
        return rows
    }

    /// Inserts many rows with one prepared statement inside one transaction.
    public func insert(_ sql: String, rows: [[SQLValue]]) throws(SQLiteError) {
        try execute("BEGIN")
        do {
            try withStatement(sql, [], deadline: nil) { (statement) throws(SQLiteError) in
                for row in rows {
                    sqlite3_reset(statement)
                    sqlite3_clear_bindings(statement)
                    try self.bind(row, to: statement)
                    let rc = sqlite3_step(statement)
                    guard rc == SQLITE_DONE else { throw self.error(rc) }
                }
            }
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func withStatement(_ sql: String, _ parameters: [SQLValue], deadline: Date?,
                               _ body: (OpaquePointer) throws(SQLiteError) -> Void) throws(SQLiteError) {
        lock.lock(); defer { lock.unlock() }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc) }
        defer { sqlite3_finalize(statement) }
        try bind(parameters, to: statement)
        if let deadline {
            // Checked every 10,000 virtual-machine steps; returning non-zero interrupts the query.
            let box = Unmanaged.passRetained(DeadlineBox(deadline))
            defer { sqlite3_progress_handler(handle, 0, nil, nil); box.release() }
            sqlite3_progress_handler(handle, 10_000, { context in
                guard let context else { return 0 }
                return Unmanaged<DeadlineBox>.fromOpaque(context).takeUnretainedValue().deadline < Date() ? 1 : 0
            }, box.toOpaque())
            try body(statement)
        } else {
            try body(statement)
        }
    }

    private func bind(_ values: [SQLValue], to statement: OpaquePointer) throws(SQLiteError) {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement, index)
            case .integer(let v): rc = sqlite3_bind_int64(statement, index, v)
            case .real(let v): rc = sqlite3_bind_double(statement, index, v)
            // With its byte length: a NUL inside the value must not end it early ("a\0b" is not "a").
            case .text(let v): rc = sqlite3_bind_text(statement, index, v, Int32(v.utf8.count), Self.transient)
            }
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    private static func column(_ statement: OpaquePointer, _ i: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, i))
        case SQLITE_TEXT: return .text(sqlite3_column_text(statement, i).map { String(cString: $0) } ?? "")
        default: return .null
        }
    }

    private func error(_ rc: Int32) -> SQLiteError {
        if rc == SQLITE_INTERRUPT { return SQLiteError(code: rc, message: "query took too long and was stopped") }
        return SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)))
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private final class DeadlineBox {
        let deadline: Date
        init(_ deadline: Date) { self.deadline = deadline }
    }
}

/// The values a `genui_median` aggregate has seen.
private final class MedianValues { var items: [Double] = [] }
