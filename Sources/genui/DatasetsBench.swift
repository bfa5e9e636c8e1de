import ArgumentParser
import Components
import Datasets
import Foundation
import JSONSchema
import Rendering
import Server
import StructuredOutput

/// `genui bench datasets`: what grounding costs. Aggregating a large table for one chart, and
/// specialising the catalog to a dataset plus compiling it for a vocabulary (what every grounded
/// chat request would pay without the cache).
struct DatasetsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Time a chart's aggregation over a large table and per-request schema specialisation + compile.",
        discussion: """
        Builds a deterministic table of --rows rows (date, region, product, units, revenue) in
        SQLite, then times the query of a monthly revenue-by-region chart (--iterations runs). Then,
        for each --tokenizer, times specialising the catalog to that table and compiling it to a
        first token mask. Prints one JSON object with --json.
        """
    )

    @Option(help: "Rows of the generated table.")
    var rows = 1_000_000

    @Option(help: "Timed query runs.")
    var iterations = 10

    @Option(help: "Tokenizer files to compile the specialised catalog for (tokenizer.json, tiktoken or GGUF).")
    var tokenizer: [String] = []

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        // A deterministic table: 4 years of days × 8 regions × 12 products, cycling.
        let header = ["date", "region", "product", "units", "revenue"]
        let regions = ["north", "south", "east", "west", "central", "coast", "mountain", "islands"]
        var random = SeededRandom(seed: 0x5EED)
        func next() -> Double { random.next() }
        var csv = header.joined(separator: ",") + "\n"
        csv.reserveCapacity(rows * 40)
        let start = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: TimeZone(identifier: "UTC"), year: 2021, month: 1, day: 1))!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let days = (0..<1461).map { formatter.string(from: start.addingTimeInterval(Double($0) * 86_400)) }
        for i in 0..<rows {
            let units = Int(next() * 50) + 1
            csv += "\(days[i % days.count]),\(regions[i % regions.count]),p\(i % 12),\(units),\(String(format: "%.2f", Double(units) * (5 + next() * 20)))\n"
        }
        var t = DispatchTime.now().uptimeNanoseconds
        let registry = DatasetRegistry()
        registry.maxImportBytes = 1 << 30
        let dataset: Dataset
        do {
            dataset = try registry.importCSV(Array(csv.utf8), name: "bench", origin: "genui bench", asOf: nil, persist: false)
        } catch {
            printError("error: \(error)")
            throw Exit.invalid
        }
        let importMs = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6

        let ref = DataRef(dataset: "bench", filter: [FilterClause(field: "date", op: .gte, value: .string("2022-01-01"))],
                          groupBy: ["region"], aggregate: .sum, sort: SortSpec(field: "revenue", order: .desc))
        let fields = [DataQuery.Field(name: "region", pointer: .root), DataQuery.Field(name: "revenue", pointer: .root)]
        var query = DataQuery()
        query.timeout = 120
        var timings = Timings()
        var resultRows = 0
        for _ in 0..<max(1, iterations) {
            var failure: ResolutionError?
            timings.measure {
                do throws(ResolutionError) { resultRows = try query.rows(ref, fields: fields, in: dataset, at: .root).rows.count } catch { failure = error }
            }
            if let failure { printError("error: \(failure.message)"); throw Exit.invalid }
        }

        var fields2: [(String, JSONValue)] = [
            ("rows", .int(rows)), ("import_ms", .double(importMs.rounded())), ("query_result_rows", .int(resultRows)),
            ("query_ms_p50", .double((timings.percentile(50) * 100).rounded() / 100)), ("query_ms_min", .double((timings.fastest * 100).rounded() / 100)),
        ]
        let catalog = try JSONParser.parse(EmbeddedCatalog.text)
        for path in tokenizer {
            let tok = try CommandTokenizer.load(path)
            var specialise = Timings(), compile = Timings()
            for round in 0..<6 {
                t = DispatchTime.now().uptimeNanoseconds
                let schema = GenerationProfile.bounded(try SchemaSpecializer.specialize(catalog, for: [dataset]))
                let specialiseMs = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
                t = DispatchTime.now().uptimeNanoseconds
                let compiled = try SchemaCompiler().compile(schema)
                let grammar = try CompiledGrammar(grammar: compiled.grammar, tokenizer: tok.index)
                var mask = [UInt32](repeating: 0, count: tok.index.maskWordCount)
                GrammarMatcher(grammar).fillNextTokenBitmask(&mask)
                let compileMs = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
                if round > 0 { specialise.samples.append(specialiseMs); compile.samples.append(compileMs) }  // the first is cold
            }
            let name = URL(fileURLWithPath: path).lastPathComponent
            fields2.append(("specialise_ms_p50 \(name)", .double((specialise.percentile(50) * 100).rounded() / 100)))
            fields2.append(("compile_to_first_mask_ms_p50 \(name)", .double((compile.percentile(50) * 100).rounded() / 100)))
        }
        if json {
            print(JSONWriter().string(.object(JSONObject(fields2))))
        } else {
            for (k, v) in fields2 { print(k.padding(toLength: 48, withPad: " ", startingAt: 0), JSONWriter().string(v)) }
        }
    }
}
