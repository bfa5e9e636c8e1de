import Foundation
import JSONSchema

/// The datasets GenUI can compute from, by name.
///
/// Backed by a directory (default `datasets/`): `NAME.sqlite` files written by `genui datasets add`
/// load as they are; `NAME.csv` and `NAME.json` (an array of records) dropped there are imported
/// at the first start and kept in `.cache/` beside them, so later starts open the stored table
/// until the file (its size or modification time) or its sidecar changes. A `NAME.meta.json`
/// beside a CSV or JSON file may give `origin` and `asOf`.
public final class DatasetRegistry: @unchecked Sendable {
    public let directory: String?
    /// Largest file accepted for import.
    public var maxImportBytes = 200 << 20
    private var byName: [String: Dataset] = [:]
    private let lock = NSLock()

    public init(directory: String? = nil) { self.directory = directory }

    /// Loads every dataset of `directory`. A file that cannot be loaded is skipped with a warning
    /// (one bad file must not keep the server from starting).
    public static func load(directory: String) -> (registry: DatasetRegistry, warnings: [String]) {
        let registry = DatasetRegistry(directory: directory)
        var warnings: [String] = []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        let stored = Set(files.filter { $0.hasSuffix(".sqlite") }.map { String($0.dropLast(7)) })
        for file in files {
            let path = directory + "/" + file
            let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            guard !file.hasSuffix(".meta.json") else { continue }
            do throws(ImportError) {
                switch ext {
                case "sqlite":
                    guard Dataset.isValidName(stem) else { throw ImportError("\"\(stem)\" is not a dataset name (\(Dataset.namePattern))") }
                    registry.insert(try Dataset.open(name: stem, path: path))
                case "csv", "json":
                    let name = Dataset.name(fromFile: file)
                    guard !stored.contains(name) else { continue }
                    try registry.loadCached(path, name: name, sidecar: directory + "/" + stem + ".meta.json")
                default:
                    continue
                }
            } catch {
                warnings.append("\(file): \(error)")
            }
        }
        return (registry, warnings)
    }

    /// Opens the stored import of a CSV or JSON file, or imports it and stores it for next time
    /// (in memory only when the cache cannot be written).
    private func loadCached(_ path: String, name: String, sidecar: String) throws(ImportError) {
        let meta = Sidecar.read(sidecar)
        guard let directory, let key = Self.cacheKey(files: [path, sidecar]) else {
            _ = try importFile(path, name: name, origin: meta?.origin, asOf: meta?.asOf, persist: false)
            return
        }
        let cacheDirectory = directory + "/.cache"
        let cached = "\(cacheDirectory)/\(name).\(key).sqlite"
        if FileManager.default.fileExists(atPath: cached), let dataset = try? Dataset.open(name: name, path: cached) {
            insert(dataset)
            return
        }
        // Earlier imports of this name are stale now.
        let stale = ((try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory)) ?? []).filter {
            $0.hasPrefix(name + ".") && $0.hasSuffix(".sqlite") && $0.split(separator: ".").count == 3
        }
        for file in stale { try? FileManager.default.removeItem(atPath: cacheDirectory + "/" + file) }
        try? FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        let partial = cached + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        let writable = FileManager.default.isWritableFile(atPath: cacheDirectory)
        _ = try importFile(path, name: name, origin: meta?.origin, asOf: meta?.asOf, storeAt: writable ? partial : nil)
        // Renamed only once complete, so a crash mid-import leaves no half table to be found.
        if writable, rename(partial, cached) != 0 { try? FileManager.default.removeItem(atPath: partial) }
    }

    /// Size and modification time of each file (0 when absent), folded into 16 hex digits.
    static func cacheKey(files: [String]) -> String? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a
        func mix(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash ^= (value >> UInt64(shift)) & 0xFF
                hash = hash &* 0x100_0000_01b3
            }
        }
        for (i, file) in files.enumerated() {
            var info = stat()
            guard stat(file, &info) == 0 else {
                if i == 0 { return nil }
                mix(0)
                continue
            }
            mix(UInt64(bitPattern: Int64(info.st_size)))
            mix(UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
            mix(UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public func dataset(_ name: String) -> Dataset? {
        lock.lock(); defer { lock.unlock() }
        return byName[name]
    }

    /// Every dataset, by name.
    public var all: [Dataset] {
        lock.lock(); defer { lock.unlock() }
        return byName.values.sorted { $0.name < $1.name }
    }

    private func insert(_ dataset: Dataset) {
        lock.lock(); defer { lock.unlock() }
        byName[dataset.name] = dataset
    }

    // MARK: Import

    /// Imports a CSV, JSON-records or SQLite file. With `persist`, it is written to the registry's
    /// directory as `NAME.sqlite` and found again at the next start.
    @discardableResult
    public func importFile(_ path: String, name: String? = nil, table: String? = nil, origin: String? = nil, asOf: String? = nil,
                           persist: Bool) throws(ImportError) -> Dataset {
        let name = name ?? Dataset.name(fromFile: path)
        return try importFile(path, name: name, table: table, origin: origin, asOf: asOf, storeAt: persist ? try storedPath(name) : nil)
    }

    /// Imports a file into a SQLite file at `store`, or into memory when it is nil.
    private func importFile(_ path: String, name: String, table: String? = nil, origin: String?, asOf: String?,
                            storeAt store: String?) throws(ImportError) -> Dataset {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int else { throw ImportError("cannot read \(path)") }
        guard size <= maxImportBytes else { throw ImportError("\(path) is \(size) bytes; the limit is \(maxImportBytes)") }
        let modified = (attributes?[.modificationDate] as? Date).map(Self.isoDate)
        let origin = origin ?? URL(fileURLWithPath: path).lastPathComponent
        let header: [String], records: [[String]], lines: [Int]?
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "sqlite", "db", "sqlite3":
            (header, records) = try Self.readSQLite(path, table: table)
            lines = nil
        case "json":
            guard let bytes = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(path)") }
            (header, records) = try Self.readRecords([UInt8](bytes))
            lines = nil
        default:
            guard let bytes = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(path)") }
            var reader = CSVReader()
            reader.maxBytes = maxImportBytes
            let csv = try reader.read([UInt8](bytes))
            (header, records, lines) = (csv.header, csv.records, csv.lines)
        }
        return try add(name: name, header: header, records: records, lines: lines, origin: origin, asOf: asOf ?? modified, storeAt: store)
    }

    /// Imports CSV text (an upload).
    @discardableResult
    public func importCSV(_ bytes: [UInt8], name: String, origin: String, asOf: String?, persist: Bool) throws(ImportError) -> Dataset {
        var reader = CSVReader()
        reader.maxBytes = maxImportBytes
        let csv = try reader.read(bytes)
        return try add(name: name, header: csv.header, records: csv.records, lines: csv.lines, origin: origin, asOf: asOf,
                       storeAt: persist ? try storedPath(name) : nil)
    }

    /// Where `genui datasets add` keeps a dataset: `NAME.sqlite` in the registry's directory.
    private func storedPath(_ name: String) throws(ImportError) -> String {
        guard let directory else { throw ImportError("no dataset directory to write to") }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/" + name + ".sqlite"
    }

    private func add(name: String, header: [String], records: [[String]], lines: [Int]?, origin: String, asOf: String?,
                     storeAt store: String?) throws(ImportError) -> Dataset {
        guard Dataset.isValidName(name) else {
            throw ImportError("\"\(name)\" is not a dataset name: lowercase letters, digits, - and _, starting with a letter, at most 48")
        }
        guard !records.isEmpty else { throw ImportError("no data rows under the header") }
        let header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let (columns, rows) = try ColumnInference.infer(header: header, records: records, lines: lines)
        var path = ":memory:"
        if let store {
            path = store
            try? FileManager.default.removeItem(atPath: path)
        }
        do {
            let dataset = try Dataset.create(name: name, origin: origin, asOf: asOf, columns: columns, rows: rows, path: path)
            insert(dataset)
            return dataset
        } catch {
            throw ImportError("cannot store the dataset: \(error.message)")
        }
    }

    /// A JSON array of flat records; keys in first-appearance order become the columns.
    static func readRecords(_ bytes: [UInt8]) throws(ImportError) -> ([String], [[String]]) {
        let json: JSONValue
        do { json = try JSONParser().parse(bytes) } catch { throw ImportError("malformed JSON: \(error)") }
        guard case .array(let items) = json else { throw ImportError("expected a JSON array of records, found \(json.typeName)") }
        var header: [String] = []
        var index: [String: Int] = [:]
        var objects: [JSONObject] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw ImportError("/\(i): expected a record (object), found \(item.typeName)") }
            for key in o.keys where index[key] == nil { index[key] = header.count; header.append(key) }
            objects.append(o)
        }
        var records: [[String]] = []
        for (i, o) in objects.enumerated() {
            var row = Array(repeating: "", count: header.count)
            for (key, value) in o {
                switch value {
                case .null: row[index[key]!] = ""
                case .string(let s): row[index[key]!] = s
                case .bool(let b): row[index[key]!] = b ? "true" : "false"
                case .number(let n): row[index[key]!] = n.text
                default: throw ImportError("/\(i)/\(key): nested \(value.typeName) values are not supported")
                }
            }
            records.append(row)
        }
        return (header, records)
    }

    /// Every row of one table of a SQLite file, as text cells.
    static func readSQLite(_ path: String, table: String?) throws(ImportError) -> ([String], [[String]]) {
        do {
            let db = try SQLiteDatabase(path: path, readOnly: true)
            let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'genui_meta' ORDER BY name")
                .compactMap { row -> String? in if case .text(let t)? = row.first { return t }; return nil }
            let chosen: String
            if let table {
                guard tables.contains(table) else { throw ImportError("no table \"\(table)\" in \(path) (tables: \(tables.joined(separator: ", ")))") }
                chosen = table
            } else {
                guard tables.count == 1, let only = tables.first else {
                    throw ImportError("\(path) has \(tables.count) tables (\(tables.joined(separator: ", "))); choose one with --table")
                }
                chosen = only
            }
            let columns = try db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(chosen)])
                .compactMap { row -> String? in if case .text(let t)? = row.first { return t }; return nil }
            let quoted = columns.map(SQLiteDatabase.quote).joined(separator: ", ")
            let rows = try db.query("SELECT \(quoted) FROM \(SQLiteDatabase.quote(chosen))").map { row in
                row.map { v -> String in
                    switch v {
                    case .null: return ""
                    case .integer(let i): return String(i)
                    case .real(let d): return String(d)
                    case .text(let s): return s
                    }
                }
            }
            return (columns, rows)
        } catch let error as ImportError {
            throw error
        } catch let error as SQLiteError {
            throw ImportError("\(path): \(error.message)")
        } catch {
            throw ImportError("\(path): \(error)")
        }
    }

    static func isoDate(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// `NAME.meta.json`: `{"origin": …, "asOf": …}`.
    struct Sidecar: Decodable {
        var origin: String?
        var asOf: String?
        static func read(_ path: String) -> Sidecar? {
            FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(Sidecar.self, from: $0) }
        }
    }
}
