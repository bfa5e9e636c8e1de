import Foundation
import XCTest
import Components
import JSONSchema

@testable import Datasets

/// CSV reading and column inference: what becomes a dataset, and the errors bad files get.
final class ImportTests: XCTestCase {
    private func read(_ text: String) throws -> CSVReader.Table { try CSVReader().read(Array(text.utf8)) }

    func testQuotedFieldsCRLFAndByteOrderMark() throws {
        let t = try read("\u{FEFF}name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\"\r\nLee,\"two\nlines\"\r\n")
        XCTAssertEqual(t.header, ["name", "note"])
        XCTAssertEqual(t.records, [["Smith, J", "said \"hi\""], ["Lee", "two\nlines"]])
        XCTAssertEqual(t.lines, [2, 3])
    }

    func testRaggedRowNamesItsLine() {
        XCTAssertThrowsError(try read("a,b\n1,2\n3\n4,5\n")) { error in
            XCTAssertEqual(error as? ImportError, ImportError("expected 2 fields as in the header, found 1", line: 3))
        }
    }

    func testUnclosedQuoteAndStrayQuoteAreLocated() {
        XCTAssertThrowsError(try read("a,b\n1,\"open\n")) { XCTAssertEqual(($0 as? ImportError)?.line, 2); XCTAssertEqual(($0 as? ImportError)?.column, 3) }
        XCTAssertThrowsError(try read("a,b\n1,x\"y\n")) { XCTAssertEqual(($0 as? ImportError)?.line, 2); XCTAssertEqual(($0 as? ImportError)?.column, 4) }
        XCTAssertThrowsError(try read("")) { XCTAssertTrue(String(describing: $0).contains("header")) }
    }

    func testOversizedFileIsRefusedBeforeParsing() {
        var reader = CSVReader()
        reader.maxBytes = 10
        XCTAssertThrowsError(try reader.read(Array("a,b\n1,2\n3,4\n".utf8))) { XCTAssertTrue(String(describing: $0).contains("limit is 10")) }
    }

    func testTypesAreInferredAndDatesNormalised() throws {
        let t = try read("""
        id,price,when,stamp,flag,kind,text
        1,1.5,2012/01/31,2012-01-31 08:30,true,a,alpha
        2,2,Jan 3 2000,2012-02-01T09:00:00Z,false,b,beta
        3,NA,2001-03-04,,TRUE,a,gamma
        4,4e2,2001-03-05,2012-02-03T10:00,false,a,delta
        """)
        let (columns, rows) = try ColumnInference.infer(header: t.header, records: t.records, lines: t.lines)
        XCTAssertEqual(columns.map(\.type), [.integer, .number, .date, .datetime, .boolean, .category, .string])
        XCTAssertEqual(rows[1][2], .text("2000-01-03"))
        XCTAssertEqual(rows[0][3], .text("2012-01-31T08:30:00"))
        XCTAssertEqual(rows[2][1], .null)
        XCTAssertEqual(columns[1].stats.missing, 1)
        XCTAssertEqual(columns[1].stats.max, "400")
        XCTAssertEqual(columns[5].stats.top.first, "a")
    }

    func testMixedColumnIsAnErrorAtTheStrayCell() throws {
        var text = "x,y\n"
        for i in 0..<20 { text += "\(i),\(i * 2)\n" }
        text += "20,lots\n"
        let t = try read(text)
        XCTAssertThrowsError(try ColumnInference.infer(header: t.header, records: t.records, lines: t.lines)) { error in
            let e = error as? ImportError
            XCTAssertEqual(e?.line, 22)
            XCTAssertEqual(e?.column, 2)
            XCTAssertTrue(e?.message.contains("\"lots\" is not a number") == true, "\(String(describing: e))")
        }
    }

    func testHeaderProblems() {
        XCTAssertThrowsError(try ColumnInference.checkHeader(["a", "a"])) { XCTAssertTrue(String(describing: $0).contains("repeated")) }
        XCTAssertThrowsError(try ColumnInference.checkHeader(["a", " "])) { XCTAssertEqual(($0 as? ImportError)?.column, 2) }
        XCTAssertNoThrow(try ColumnInference.checkHeader(["select", "a\"; DROP TABLE data; --", "from"]))
    }

    func testJSONRecordsBecomeColumns() throws {
        let (header, records) = try DatasetRegistry.readRecords(Array(#"[{"a":1,"b":"x"},{"b":"y","c":true},{"a":null}]"#.utf8))
        XCTAssertEqual(header, ["a", "b", "c"])
        XCTAssertEqual(records, [["1", "x", ""], ["", "y", "true"], ["", "", ""]])
        XCTAssertThrowsError(try DatasetRegistry.readRecords(Array(#"[{"a":{"nested":1}}]"#.utf8)))
        XCTAssertThrowsError(try DatasetRegistry.readRecords(Array(#"{"a":1}"#.utf8)))
    }

    func testDatasetNames() {
        XCTAssertEqual(Dataset.name(fromFile: "/x/Seattle Weather.csv"), "seattle-weather")
        XCTAssertEqual(Dataset.name(fromFile: "2020_sales.csv"), "d-2020_sales")
        XCTAssertTrue(Dataset.isValidName("cars"))
        XCTAssertFalse(Dataset.isValidName("Cars"))
        XCTAssertFalse(Dataset.isValidName("x; drop"))
    }

    func testRegistryPersistsAndReloads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-ds-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let registry = DatasetRegistry(directory: dir)
        try registry.importCSV(Array("k,v\na,1\nb,2\n".utf8), name: "tiny", origin: "test", asOf: "2024-05-01", persist: true)
        let (reloaded, warnings) = DatasetRegistry.load(directory: dir)
        XCTAssertEqual(warnings, [])
        let d = try XCTUnwrap(reloaded.dataset("tiny"))
        XCTAssertEqual(d.rowCount, 2)
        XCTAssertEqual(d.origin, "test")
        XCTAssertEqual(d.asOf, "2024-05-01")
        XCTAssertEqual(d.columns.map(\.type), [.category, .integer])
    }

    func testDroppedFilesAreImportedOnceAndAgainWhenTheyChange() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-ds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = dir + "/sales.csv"
        try "region,units\nnorth,10\nsouth,20\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let stamp = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: csv)
        let first = DatasetRegistry.load(directory: dir)
        XCTAssertEqual(first.warnings, [])
        XCTAssertEqual(try XCTUnwrap(first.registry.dataset("sales")).rowCount, 2)
        let cached = try FileManager.default.contentsOfDirectory(atPath: dir + "/.cache")
        XCTAssertEqual(cached.count, 1)
        XCTAssertTrue(cached[0].hasPrefix("sales.") && cached[0].hasSuffix(".sqlite"), "\(cached)")

        // Same size and time, other bytes: the stored import is used, so the file was not read.
        try "region,units\nwests,99\neasts,77\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: csv)
        let second = DatasetRegistry.load(directory: dir)
        let rows = try DataQuery().rows(DataRef(dataset: "sales"), fields: [DataQuery.Field(name: "region", aggregate: nil, pointer: .root)],
                                        in: try XCTUnwrap(second.registry.dataset("sales")), at: .root).rows
        XCTAssertEqual(rows.map { $0[0] }, [.text("north"), .text("south")])

        // A new modification time (or a new sidecar) imports again and replaces the stored copy.
        try FileManager.default.setAttributes([.modificationDate: stamp.addingTimeInterval(60)], ofItemAtPath: csv)
        let third = DatasetRegistry.load(directory: dir)
        let fresh = try DataQuery().rows(DataRef(dataset: "sales"), fields: [DataQuery.Field(name: "region", aggregate: nil, pointer: .root)],
                                         in: try XCTUnwrap(third.registry.dataset("sales")), at: .root).rows
        XCTAssertEqual(fresh.map { $0[0] }, [.text("wests"), .text("easts")])
        try #"{"origin": "the sales team"}"#.write(toFile: dir + "/sales.meta.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(DatasetRegistry.load(directory: dir).registry.dataset("sales")?.origin, "the sales team")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/.cache").count, 1, "stale copies are removed")
    }

    func testABadFileInTheDirectoryIsSkippedWithAWarning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("genui-ds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "a,b\n1,2\n".write(toFile: dir + "/good.csv", atomically: true, encoding: .utf8)
        try "a,b\n1\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let (registry, warnings) = DatasetRegistry.load(directory: dir)
        XCTAssertEqual(registry.all.map(\.name), ["good"])
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].hasPrefix("bad.csv: line 2"), warnings[0])
    }
}
