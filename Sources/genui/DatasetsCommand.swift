import ArgumentParser
import Components
import Datasets
import Foundation
import JSONSchema

/// Where the dataset registry lives: `--datasets DIR`, else `$GENUI_DATASETS`, else `./datasets`.
struct DatasetOptions: ParsableArguments {
    @Option(name: .customLong("datasets"), help: "Dataset directory (default: $GENUI_DATASETS or ./datasets).")
    var directory: String?

    var path: String {
        directory ?? ProcessInfo.processInfo.environment["GENUI_DATASETS"].flatMap { $0.isEmpty ? nil : $0 } ?? "datasets"
    }

    /// The registry, with a warning on stderr for each file that could not be loaded.
    func load() -> DatasetRegistry {
        let (registry, warnings) = DatasetRegistry.load(directory: path)
        for w in warnings { printError("warning: dataset \(w)") }
        return registry
    }
}

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Register and list the datasets dashboards compute their numbers from.",
        subcommands: [DatasetsAdd.self, DatasetsList.self, DatasetsResolve.self]
    )
}

struct DatasetsAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Import a CSV, JSON-records or SQLite file as a dataset.",
        discussion: """
        Column types are inferred (integer, number, date, datetime, boolean, category, string) and
        the rows are stored as DIR/NAME.sqlite, loaded at every start. A bad file exits 1 with the
        line and column of the problem; an unreadable one exits 2.
        """
    )

    @Argument(help: "The file (.csv, .json array of records, .sqlite/.db).")
    var file: String

    @Option(help: "Dataset name (default: from the file name).")
    var name: String?

    @Option(help: "The table to import from a SQLite file with several.")
    var table: String?

    @Option(help: "Where the data came from (default: the file name).")
    var origin: String?

    @Option(help: "When the data was current, ISO 8601 (default: the file's modification date).")
    var asOf: String?

    @OptionGroup var datasets: DatasetOptions

    func run() throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            printError("error: cannot read \(file)")
            throw Exit.io
        }
        let registry = DatasetRegistry(directory: datasets.path)
        do {
            let d = try registry.importFile(file, name: name, table: table, origin: origin, asOf: asOf, persist: true)
            print("added \(d.name): \(d.rowCount) rows, \(d.columns.count) columns → \(datasets.path)/\(d.name).sqlite")
            for c in d.columns { print("  \(c.name): \(c.type.rawValue)") }
        } catch {
            printError("error: \(file): \(error)")
            throw Exit.invalid
        }
    }
}

struct DatasetsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered datasets with their columns.")

    @Flag(help: "Print one JSON array instead of a table.")
    var json = false

    @OptionGroup var datasets: DatasetOptions

    func run() throws {
        let all = datasets.load().all
        if json {
            print(JSONWriter(pretty: true).string(.array(all.map(\.json))))
            return
        }
        if all.isEmpty { print("no datasets in \(datasets.path)"); return }
        for d in all {
            print("\(d.name)  \(d.rowCount) rows  \(d.origin)\(d.asOf.map { "  as of \($0)" } ?? "")")
            for c in d.columns {
                var line = "  \(c.name): \(c.type.rawValue)"
                if let lo = c.stats.min, let hi = c.stats.max, c.type != .category { line += "  \(lo) … \(hi)" }
                if !c.stats.top.isEmpty { line += "  [" + c.stats.top.prefix(5).joined(separator: ", ") + (c.stats.distinct > 5 ? ", …" : "") + "]" }
                if c.stats.missing > 0 { line += "  (\(c.stats.missing) missing)" }
                print(line)
            }
        }
    }
}

struct DatasetsResolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Show the SQL and the rows behind each data reference of a tree.",
        discussion: """
        Prints one JSON array: for every chart, table and KPI whose data is a query, its pointer,
        the SQL run (values as ? with the parameters beside), the result columns and rows, and how
        many dataset rows passed the filter. Exit 1 when the tree or a query is invalid.
        """
    )

    @Argument(help: "The tree (JSON).")
    var tree: String

    @OptionGroup var datasets: DatasetOptions

    func run() throws {
        let result = try SurfaceCheck().check(bytes: readFile(tree))
        guard let surface = result.surface else {
            for e in result.errors { printError(e.cliLine) }
            throw Exit.invalid
        }
        let collected = Collected()
        var resolver = DataResolver(registry: datasets.load())
        resolver.observe = { pointer, r in collected.add(pointer, r) }
        let (_, errors) = resolver.resolve(surface)
        guard errors.isEmpty else {
            for e in errors { printError(e.cliLine) }
            throw Exit.invalid
        }
        print(JSONWriter(pretty: true).string(.array(collected.items)))
    }

    private final class Collected: @unchecked Sendable {
        var items: [JSONValue] = []
        private let lock = NSLock()

        func add(_ pointer: JSONPointer, _ r: DataQuery.Result) {
            func json(_ v: SQLValue) -> JSONValue {
                switch v {
                case .null: return .null
                case .integer(let i): return .int(Int(i))
                case .real(let d): return .number(JSONNumber(d))
                case .text(let s): return .string(s)
                }
            }
            var o = JSONObject()
            o["pointer"] = .string(pointer.description)
            o["sql"] = .string(r.sql)
            o["parameters"] = .array(r.parameters.map(json))
            o["columns"] = .array(r.columns.map { .string($0.name) })
            o["rows"] = .array(r.rows.map { .array($0.map(json)) })
            o["matchedRows"] = .int(r.matchedRows)
            lock.lock(); items.append(.object(o)); lock.unlock()
        }
    }
}
