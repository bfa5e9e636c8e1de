import Foundation
import JSONSchema

/// A registered table GenUI computes numbers from: its columns (typed, with statistics), where it
/// came from, and the SQLite table holding its rows.
public final class Dataset: @unchecked Sendable {
    /// Names are lowercase letters, digits, `-` and `_`, starting with a letter (at most 48).
    public static let namePattern = "^[a-z][a-z0-9_-]{0,47}$"

    public let name: String
    public let origin: String
    public let asOf: String?
    public let columns: [DatasetColumn]
    public let rowCount: Int
    let database: SQLiteDatabase
    let table: String

    init(name: String, origin: String, asOf: String?, columns: [DatasetColumn], rowCount: Int, database: SQLiteDatabase, table: String) {
        self.name = name; self.origin = origin; self.asOf = asOf; self.columns = columns; self.rowCount = rowCount
        self.database = database; self.table = table
    }

    public func column(_ name: String) -> DatasetColumn? { columns.first { $0.name == name } }

    public static func isValidName(_ name: String) -> Bool {
        name.range(of: namePattern, options: .regularExpression) != nil
    }

    /// A dataset name derived from a file name (`Seattle Weather.csv` → `seattle-weather`).
    public static func name(fromFile path: String) -> String {
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.lowercased()
        var out = ""
        for c in base.unicodeScalars {
            if CharacterSet.alphanumerics.contains(c) && c.isASCII { out.unicodeScalars.append(c) }
            else if c == "_" { out.append("_") }
            else if !out.hasSuffix("-") { out.append("-") }
        }
        out = out.trimmingCharacters(in: CharacterSet(charactersIn: "-_"))
        if out.first?.isLetter != true { out = "d-" + out }
        return String(out.prefix(48))
    }

    // MARK: Import

    /// Imports typed rows into a new SQLite table `data` (in memory unless `path` is given) with
    /// the dataset's description in `genui_meta`, so a file written here loads without re-inference.
    static func create(name: String, origin: String, asOf: String?, columns: [DatasetColumn], rows: [[ColumnInference.Value]],
                       path: String = ":memory:") throws(SQLiteError) -> Dataset {
        let db = try SQLiteDatabase(path: path)
        let defs = columns.map { c -> String in
            let affinity: String
            switch c.type {
            case .integer, .boolean: affinity = "INTEGER"
            case .number: affinity = "REAL"
            default: affinity = "TEXT"
            }
            return SQLiteDatabase.quote(c.name) + " " + affinity
        }
        try db.execute("DROP TABLE IF EXISTS data; DROP TABLE IF EXISTS genui_meta; CREATE TABLE data (" + defs.joined(separator: ", ") + ")")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.insert("INSERT INTO data VALUES (\(placeholders))", rows: rows.map { $0.map(\.sql) })
        let meta = Meta(origin: origin, asOf: asOf, columns: columns, rowCount: rows.count)
        try db.execute("CREATE TABLE genui_meta (json TEXT NOT NULL)")
        try db.insert("INSERT INTO genui_meta VALUES (?)", rows: [[.text(meta.encoded())]])
        return Dataset(name: name, origin: origin, asOf: asOf, columns: columns, rowCount: rows.count, database: db, table: "data")
    }

    /// Opens a SQLite file written by `create` (read-only).
    static func open(name: String, path: String) throws(ImportError) -> Dataset {
        let db: SQLiteDatabase
        var stored: String?
        do {
            db = try SQLiteDatabase(path: path, readOnly: true)
            if case .text(let text)? = try db.query("SELECT json FROM genui_meta LIMIT 1").first?.first { stored = text }
        } catch {
            throw ImportError("\(path): \(error.message) (add SQLite files with `genui datasets add`)")
        }
        guard let metaJSON = stored else { throw ImportError("\(path): no dataset description in genui_meta") }
        guard let meta = Meta.decode(metaJSON) else { throw ImportError("\(path): unreadable genui_meta") }
        return Dataset(name: name, origin: meta.origin, asOf: meta.asOf, columns: meta.columns, rowCount: meta.rowCount, database: db, table: "data")
    }

    /// What `genui_meta` holds.
    struct Meta: Codable {
        var origin: String
        var asOf: String?
        var columns: [DatasetColumn]
        var rowCount: Int

        func encoded() -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        }

        static func decode(_ text: String) -> Meta? { try? JSONDecoder().decode(Meta.self, from: Data(text.utf8)) }
    }

    // MARK: Description

    /// The dataset as JSON (for `GET /v1/datasets` and `genui datasets list --json`).
    public var json: JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        o["origin"] = .string(origin)
        o["asOf"] = asOf.map { .string($0) } ?? .null
        o["rows"] = .int(rowCount)
        o["columns"] = .array(columns.map { c in
            var col = JSONObject()
            col["name"] = .string(c.name)
            col["type"] = .string(c.type.rawValue)
            col["missing"] = .int(c.stats.missing)
            col["distinct"] = .int(c.stats.distinct)
            col["min"] = c.stats.min.map { .string($0) } ?? .null
            col["max"] = c.stats.max.map { .string($0) } ?? .null
            col["top"] = .array(c.stats.top.map { .string($0) })
            return .object(col)
        })
        return .object(o)
    }

    /// A compact description for the model's prompt: columns with types and ranges, and a few rows.
    public func promptSummary(sampleRows: Int = 3) -> String {
        var lines = ["Dataset \"\(name)\" (\(rowCount) rows; \(origin)\(asOf.map { ", as of \($0)" } ?? "")). Columns:"]
        for c in columns {
            var line = "- \(c.name): \(c.type.rawValue)"
            if c.type == .category || c.type == .boolean, !c.stats.top.isEmpty {
                line += ", values " + c.stats.top.prefix(6).joined(separator: ", ") + (c.stats.distinct > 6 ? ", …" : "")
            } else if let lo = c.stats.min, let hi = c.stats.max {
                line += ", \(lo) to \(hi)"
            }
            if c.stats.missing > 0 { line += ", \(c.stats.missing) missing" }
            lines.append(line)
        }
        let quoted = columns.map { SQLiteDatabase.quote($0.name) }.joined(separator: ", ")
        if let rows = try? database.query("SELECT \(quoted) FROM \(SQLiteDatabase.quote(table)) LIMIT \(sampleRows)"), !rows.isEmpty {
            lines.append("First rows:")
            for row in rows {
                lines.append("  " + row.map { v -> String in
                    switch v {
                    case .null: return "null"
                    case .integer(let i): return String(i)
                    case .real(let d): return ColumnInference.number(d)
                    case .text(let s): return s.count > 30 ? String(s.prefix(30)) + "…" : s
                    }
                }.joined(separator: " | "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
