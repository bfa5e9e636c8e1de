import Foundation
import JSONSchema
import XCTest

/// `genui datasets add|list|resolve`, `render --datasets` and `generate --dataset` end to end; the
/// generated dashboard's numbers are checked against SQL run by the separate `sqlite3` program.
final class DatasetsCommandTests: XCTestCase {
    private func write(_ text: String, to url: URL) throws { try text.write(to: url, atomically: true, encoding: .utf8) }

    func testAddListAndBadFiles() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try GenUIBinary.temporaryDirectory("datasets")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path

        let good = dir.appendingPathComponent("Sales 2024.csv")
        try write("region,units\nnorth,3\nsouth,4\n", to: good)
        let added = try genui.run(["datasets", "add", good.path, "--datasets", store, "--as-of", "2024-06-30"])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertTrue(added.stdout.contains("added sales-2024: 2 rows, 2 columns"), added.stdout)

        let list = try genui.run(["datasets", "list", "--json", "--datasets", store])
        XCTAssertEqual(list.status, 0, list.stderr)
        let json = try JSONParser.parse(list.stdout)
        XCTAssertEqual(json.arrayValue?.first?["name"]?.stringValue, "sales-2024")
        XCTAssertEqual(json.arrayValue?.first?["asOf"]?.stringValue, "2024-06-30")

        let ragged = dir.appendingPathComponent("ragged.csv")
        try write("a,b\n1,2\n3\n", to: ragged)
        let bad = try genui.run(["datasets", "add", ragged.path, "--datasets", store])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("line 3: expected 2 fields as in the header, found 1"), bad.stderr)

        let missing = try genui.run(["datasets", "add", dir.appendingPathComponent("nope.csv").path, "--datasets", store])
        XCTAssertEqual(missing.status, 2)

        let badName = try genui.run(["datasets", "add", good.path, "--name", "Bad Name", "--datasets", store])
        XCTAssertEqual(badName.status, 1)
        XCTAssertTrue(badName.stderr.contains("not a dataset name"), badName.stderr)
    }

    func testRenderComputesDataReferencesAndReportsBadOnes() throws {
        let genui = try GenUIBinary(for: self)
        let dir = try GenUIBinary.temporaryDirectory("datasets-render")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path
        let csv = dir.appendingPathComponent("sales.csv")
        try write("region,units\nnorth,3\nnorth,5\nsouth,4\n", to: csv)
        XCTAssertEqual(try genui.run(["datasets", "add", csv.path, "--datasets", store]).status, 0)

        let tree = #"""
        {"version":"1","title":"Units","answer":null,"root":{"type":"Dashboard","id":"d","title":"Units","subtitle":null,"asOf":null,"children":[
          {"type":"KPI","id":"total","span":null,"label":"Units","value":{"dataset":"sales","filter":[{"field":"region","op":"eq","value":"north"}],"aggregate":"sum","field":"units"},"format":"integer","currency":null,"unit":null,"delta":null,"comparison":null,"sparkline":null,"footnote":null}]}}
        """#
        let file = dir.appendingPathComponent("tree.json")
        try write(tree, to: file)
        let page = try genui.run(["render", file.path, "--fragment", "--datasets", store])
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertTrue(page.stdout.contains(">8<"), "north: 3 + 5")
        XCTAssertTrue(page.stdout.contains("Source: <strong>sales</strong>"))

        try write(tree.replacingOccurrences(of: "\"field\":\"units\"", with: "\"field\":\"profit\""), to: file)
        let bad = try genui.run(["render", file.path, "--datasets", store])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("/root/children/0/value/field: no column \"profit\""), bad.stderr)
        XCTAssertEqual(bad.stdout, "")
    }

    /// The real default model answers from vega-datasets' cars; every number of the answer's
    /// components equals what `sqlite3` computes for the same query, written here independently.
    func testGeneratedDashboardNumbersEqualSQL() throws {
        let genui = try GenUIBinary(for: self)
        let required = ProcessInfo.processInfo.environment["GENUI_REQUIRE_ASSETS"] == "1"
        let cache = ProcessInfo.processInfo.environment["GENUI_CACHE"] ?? (NSHomeDirectory() + "/.cache/genui")
        let cars = cache + "/datasets/vega-datasets-0.9.0/cars.json"
        guard FileManager.default.fileExists(atPath: cars), FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            if required { XCTFail("run scripts/bootstrap.sh test (vega-datasets, sqlite3)") }
            throw XCTSkip("no vega-datasets cars.json or sqlite3")
        }
        let dir = try GenUIBinary.temporaryDirectory("datasets-generate")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path
        XCTAssertEqual(try genui.run(["datasets", "add", cars, "--datasets", store]).status, 0)

        let treeFile = dir.appendingPathComponent("tree.json").path
        let generated = try genui.run(["generate", "Compare fuel economy and horsepower of cars by origin", "--dataset", "cars",
                                       "--datasets", store, "--json", "-o", treeFile, "--temperature", "0.3"])
        if generated.stderr.contains("model not found") && !required { throw XCTSkip("no default model") }
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let tree = try JSONParser.parse(String(contentsOfFile: treeFile, encoding: .utf8))

        let resolved = try genui.run(["datasets", "resolve", treeFile, "--datasets", store])
        XCTAssertEqual(resolved.status, 0, resolved.stderr)
        let results = try XCTUnwrap(JSONParser.parse(resolved.stdout).arrayValue)
        XCTAssertFalse(results.isEmpty, "the answer computes nothing from the dataset: \(generated.stderr)")
        var checked = 0
        for result in results {
            let pointer = try XCTUnwrap(result["pointer"]?.stringValue)
            let node = try XCTUnwrap(XCTUnwrap(JSONPointer(parsing: pointer)).resolve(in: tree), pointer)
            guard let sql = try Self.independentSQL(for: node) else { continue }  // a median: sqlite3 has none
            let expected = try Self.sqlite3(store + "/cars.sqlite", sql)
            let actual = try XCTUnwrap(result["rows"]?.arrayValue)
            XCTAssertEqual(actual.count, expected.count, "\(pointer): \(sql)")
            for (a, e) in zip(actual, expected) {
                let a = try XCTUnwrap(a.arrayValue), e = try XCTUnwrap(e.arrayValue)
                XCTAssertEqual(a.count, e.count, pointer)
                for (x, y) in zip(a, e) {
                    if let dx = x.doubleValue, let dy = y.doubleValue {
                        XCTAssertEqual(dx, dy, accuracy: 1e-9 * max(1, abs(dy)), "\(pointer): \(sql)")
                    } else {
                        XCTAssertEqual(x, y, "\(pointer): \(sql)")
                    }
                }
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)

        let page = try genui.run(["render", treeFile, "--datasets", store])
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertTrue(page.stdout.contains("Source: <strong>cars</strong>"))
        XCTAssertFalse(page.stdout.contains("data-note estimated"), "no number of a grounded answer is model-written")
    }

    // MARK: An independent SQL writer for the test

    private static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    private static func literal(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        case .bool(let b): return b ? "1" : "0"
        case .number(let n): return n.text
        default: return "NULL"
        }
    }

    /// The SQL of a chart, table or KPI node's query, or nil when it uses a median.
    static func independentSQL(for node: JSONValue) throws -> String? {
        let type = node["type"]?.stringValue
        let ref = type == "Chart" ? node["data"] : type == "Table" ? node["rows"] : node["value"]
        guard let ref, case .object = ref else { return nil }
        var conditions: [String] = []
        for f in ref["filter"]?.arrayValue ?? [] {
            let field = quote(f["field"]?.stringValue ?? "")
            let op = ["eq": "=", "ne": "!=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="][f["op"]?.stringValue ?? ""]
            if let op { conditions.append("\(field) \(op) \(literal(f["value"] ?? .null))") } else {
                conditions.append("\(field) IN (\((f["value"]?.arrayValue ?? []).map(literal).joined(separator: ", ")))")
            }
        }
        let whereSQL = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        func aggregate(_ name: String, _ field: String) -> String? {
            switch name {
            case "sum": return "SUM(\(quote(field)))"
            case "mean": return "AVG(\(quote(field)))"
            case "min": return "MIN(\(quote(field)))"
            case "max": return "MAX(\(quote(field)))"
            case "count": return "COUNT(*)"
            default: return nil
            }
        }
        if type == "KPI" {
            let agg = ref["aggregate"]?.stringValue ?? ""
            guard let field = ref["field"]?.stringValue else { return "SELECT COUNT(*) FROM data" + whereSQL }
            guard let expr = agg == "count" ? "COUNT(\(quote(field)))" : aggregate(agg, field) else { return nil }
            return "SELECT \(expr) FROM data" + whereSQL
        }
        var fields: [(String, String?)] = []
        if type == "Chart" {
            for channel in ["x", "y", "color", "size", "theta"] {
                guard let e = node[channel], let f = e["field"]?.stringValue, !fields.contains(where: { $0.0 == f }) else { continue }
                fields.append((f, e["aggregate"]?.stringValue))
            }
        } else {
            for c in node["columns"]?.arrayValue ?? [] where !fields.contains(where: { $0.0 == c["field"]?.stringValue }) {
                fields.append((c["field"]?.stringValue ?? "", nil))
            }
        }
        let groupBy = (ref["groupBy"]?.arrayValue ?? []).compactMap(\.stringValue)
        let refAggregate = ref["aggregate"]?.stringValue
        var select: [String] = []
        var resultNames: [String] = []
        if groupBy.isEmpty && refAggregate == nil {
            select = fields.map { quote($0.0) }
            resultNames = fields.map(\.0)
        } else {
            for g in groupBy where !resultNames.contains(g) { select.append(quote(g)); resultNames.append(g) }
            for (f, own) in fields where !groupBy.contains(f) {
                guard let expr = aggregate(own ?? refAggregate ?? "sum", f) else { return nil }
                select.append("\(expr) AS \(quote(f))")
                resultNames.append(f)
            }
        }
        var sql = "SELECT " + select.joined(separator: ", ") + " FROM data" + whereSQL
        if !groupBy.isEmpty { sql += " GROUP BY " + groupBy.map(quote).joined(separator: ", ") }
        if let sort = ref["sort"], let field = sort["field"]?.stringValue {
            sql += " ORDER BY \(quote(field)) " + (sort["order"]?.stringValue == "desc" ? "DESC" : "ASC")
        } else if !groupBy.isEmpty {
            sql += " ORDER BY " + groupBy.map { quote($0) + " ASC" }.joined(separator: ", ")
        }
        sql += " LIMIT \(ref["limit"]?.doubleValue.map { Int($0) } ?? 5000)"
        return sql
    }

    /// Rows of `sql` as printed by the sqlite3 program (`-json`), as arrays in column order.
    static func sqlite3(_ database: String, _ sql: String) throws -> [JSONValue] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = ["-readonly", "-json", database, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        return try (JSONParser.parse(text).arrayValue ?? []).map { row in .array(row.objectValue.map { o in o.keys.map { o[$0] ?? .null } } ?? []) }
    }
}
