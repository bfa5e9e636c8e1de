import Components
import Foundation
import JSONSchema
import Rendering
import XCTest

@testable import Datasets

/// Queries over a small dataset, checked against values computed here by hand from the same
/// rows, and the ways a model's query can go wrong.
final class QueryTests: XCTestCase {
    /// 12 rows: region (category), month (date), units (integer), revenue (number), and a column
    /// whose name is SQL.
    static let csv = """
    region,month,units,revenue,"a""; DROP TABLE data; --"
    north,2024-01-01,10,100.5,x
    north,2024-02-01,12,130.25,x
    north,2024-03-01,9,,y
    south,2024-01-01,4,40,y
    south,2024-02-01,6,61.5,y
    south,2024-03-01,7,70,x
    east,2024-01-01,20,210,x
    east,2024-02-01,18,190,y
    east,2024-03-01,25,260.75,x
    west,2024-01-01,1,9.99,y
    west,2024-02-01,3,31,x
    west,2024-03-01,2,20,y
    """

    static func registry() throws -> DatasetRegistry {
        let r = DatasetRegistry()
        try r.importCSV(Array(csv.utf8), name: "sales", origin: "unit test", asOf: "2024-04-01", persist: false)
        return r
    }

    private func rows(_ ref: DataRef, _ fields: [(String, Encoding.Aggregate?)]) throws -> DataQuery.Result {
        let d = try XCTUnwrap(try Self.registry().dataset("sales"))
        return try DataQuery().rows(ref, fields: fields.map { DataQuery.Field(name: $0.0, aggregate: $0.1, pointer: .root / $0.0) }, in: d, at: .root / "data")
    }

    private func numbers(_ r: DataQuery.Result, column: Int) -> [Double?] { r.rows.map { $0[column].number } }

    func testCoarseDatesOnDateAndDatetimeColumnsNameWholePeriods() throws {
        let r = DatasetRegistry()
        try r.importCSV(Array("""
        at,day,n
        2024-03-01T09:00:00,2024-03-01,1
        2024-03-01T18:30:00,2024-03-01,2
        2024-03-02T00:00:00,2024-03-02,4
        2024-04-10T12:00:00,2024-04-10,8
        2025-01-01T00:00:00,2025-01-01,16
        """.utf8), name: "events", origin: "unit test", asOf: "2025-02-01", persist: false)
        let d = try XCTUnwrap(r.dataset("events"))
        func total(_ field: String, _ op: FilterClause.Op, _ value: FilterValue) throws -> Double? {
            try DataQuery().measure(MeasureRef(dataset: "events", filter: [FilterClause(field: field, op: op, value: value)],
                                               aggregate: .sum, field: "n"), in: d, at: .root).value
        }
        // A day on a datetime column: its later hours are inside (18:30 was excluded by "<=" before).
        XCTAssertEqual(try total("at", .lte, .string("2024-03-01")), 3)
        XCTAssertEqual(try total("at", .eq, .string("2024-03-01")), 3)
        XCTAssertEqual(try total("at", .gt, .string("2024-03-01")), 28)
        XCTAssertEqual(try total("at", .lt, .string("2024-03-02")), 3)
        XCTAssertEqual(try total("at", .gte, .string("2024-03-02")), 28)
        XCTAssertEqual(try total("at", .ne, .string("2024-03-01")), 28)
        // A full time is compared as it is.
        XCTAssertEqual(try total("at", .lte, .string("2024-03-01T09:00:00")), 1)
        // A month and a year, on both kinds of column.
        XCTAssertEqual(try total("at", .eq, .string("2024-03")), 7)
        XCTAssertEqual(try total("day", .eq, .string("2024-03")), 7)
        XCTAssertEqual(try total("day", .lte, .string("2024-04")), 15)
        XCTAssertEqual(try total("day", .eq, .number(2024)), 15)
        XCTAssertEqual(try total("day", .gt, .number(2024)), 16)
        // A full date on a date column is exact.
        XCTAssertEqual(try total("day", .lte, .string("2024-03-01")), 3)
    }

    func testGroupedAggregatesMatchHandComputedValues() throws {
        let sum = try rows(DataRef(dataset: "sales", groupBy: ["region"], aggregate: .sum), [("region", nil), ("units", nil)])
        XCTAssertEqual(sum.rows.map { $0[0] }, [.text("east"), .text("north"), .text("south"), .text("west")])
        XCTAssertEqual(numbers(sum, column: 1), [63, 31, 17, 6])
        XCTAssertEqual(sum.columns.map(\.type), [.category, .integer])

        let mean = try rows(DataRef(dataset: "sales", groupBy: ["region"], aggregate: .mean), [("region", nil), ("revenue", nil)])
        // north's March revenue is missing: the mean is over the two known months.
        let east: Double = (210 + 190 + 260.75) / 3, north: Double = (100.5 + 130.25) / 2
        let south: Double = (40 + 61.5 + 70) / 3, west: Double = (9.99 + 31 + 20) / 3
        XCTAssertEqual(numbers(mean, column: 1), [east, north, south, west])

        let median = try rows(DataRef(dataset: "sales", groupBy: ["region"], aggregate: .median), [("region", nil), ("units", nil)])
        XCTAssertEqual(numbers(median, column: 1), [20, 10, 6, 2])

        // An encoding's own aggregate overrides the reference's; count counts rows.
        let mixed = try rows(DataRef(dataset: "sales", groupBy: ["region"], aggregate: .sum), [("region", nil), ("units", .max), ("revenue", .count)])
        XCTAssertEqual(numbers(mixed, column: 1), [25, 12, 7, 3])
        XCTAssertEqual(numbers(mixed, column: 2), [3, 3, 3, 3])
    }

    func testFiltersSortAndLimit() throws {
        let ref = DataRef(dataset: "sales", filter: [FilterClause(field: "month", op: .gte, value: .string("2024-02-01")),
                                                      FilterClause(field: "region", op: .in, value: .list([.string("east"), .string("west")]))],
                          groupBy: ["region"], aggregate: .sum, sort: SortSpec(field: "revenue", order: .desc), limit: 1)
        let r = try rows(ref, [("region", nil), ("revenue", nil)])
        XCTAssertEqual(r.rows.count, 1)
        XCTAssertEqual(r.rows[0][0], .text("east"))
        XCTAssertEqual(r.rows[0][1].number, 190 + 260.75)
        XCTAssertEqual(r.matchedRows, 4)
        XCTAssertTrue(r.sql.contains("\"month\" >= ?") && r.sql.contains("IN (?, ?)"), r.sql)

        // Without groupBy: the rows themselves, in the order asked for.
        let raw = try rows(DataRef(dataset: "sales", filter: [FilterClause(field: "units", op: .lt, value: .number(5))],
                                   sort: SortSpec(field: "units", order: .asc)), [("region", nil), ("units", nil)])
        XCTAssertEqual(numbers(raw, column: 1), [1, 2, 3, 4])
    }

    func testKPIMeasure() throws {
        let d = try XCTUnwrap(try Self.registry().dataset("sales"))
        let q = DataQuery()
        XCTAssertEqual(try q.measure(MeasureRef(dataset: "sales", aggregate: .sum, field: "units"), in: d, at: .root).value, 117)
        XCTAssertEqual(try q.measure(MeasureRef(dataset: "sales", filter: [FilterClause(field: "region", op: .eq, value: .string("north"))],
                                                aggregate: .count, field: nil), in: d, at: .root).value, 3)
        XCTAssertEqual(try q.measure(MeasureRef(dataset: "sales", aggregate: .count, field: "revenue"), in: d, at: .root).value, 11)
        XCTAssertNil(try q.measure(MeasureRef(dataset: "sales", filter: [FilterClause(field: "region", op: .eq, value: .string("nowhere"))],
                                              aggregate: .mean, field: "units"), in: d, at: .root).value)
    }

    func testInjectionThroughValuesMatchesNothingAndChangesNothing() throws {
        let registry = try Self.registry()
        let d = try XCTUnwrap(registry.dataset("sales"))
        for payload in ["x' OR '1'='1", "north'; DROP TABLE data; --", "\" OR 1=1 --", "north\u{0}"] {
            let r = try DataQuery().measure(MeasureRef(dataset: "sales", filter: [FilterClause(field: "region", op: .eq, value: .string(payload))],
                                                       aggregate: .count, field: nil), in: d, at: .root)
            XCTAssertEqual(r.value, 0, payload)
        }
        XCTAssertEqual(try DataQuery().measure(MeasureRef(dataset: "sales", aggregate: .count, field: nil), in: d, at: .root).value, 12)
    }

    func testAColumnNamedLikeSQLIsJustAColumn() throws {
        let name = "a\"; DROP TABLE data; --"
        let r = try rows(DataRef(dataset: "sales", groupBy: [name], aggregate: .sum), [(name, nil), ("units", nil)])
        XCTAssertEqual(r.rows.map { $0[0] }, [.text("x"), .text("y")])
        let x: Double = 10 + 12 + 7 + 20 + 25 + 3, y: Double = 9 + 4 + 6 + 18 + 1 + 2
        XCTAssertEqual(numbers(r, column: 1), [x, y])
    }

    func testModelMistakesAreErrorsAtTheirPointers() throws {
        func error(_ ref: DataRef, _ fields: [(String, Encoding.Aggregate?)]) -> ResolutionError? {
            do { _ = try rows(ref, fields); return nil } catch { return error as? ResolutionError }
        }
        let unknown = error(DataRef(dataset: "sales"), [("profit", nil)])
        XCTAssertEqual(unknown?.pointer, .root / "profit")
        XCTAssertTrue(unknown?.message.contains("no column \"profit\"") == true)
        XCTAssertEqual(error(DataRef(dataset: "sales", filter: [FilterClause(field: "units", op: .gt, value: .string("many"))]), [("units", nil)])?.pointer,
                       .root / "data" / "filter" / 0 / "value")
        XCTAssertEqual(error(DataRef(dataset: "sales", groupBy: ["nope"], aggregate: .sum), [("units", nil)])?.pointer, .root / "data" / "groupBy" / 0)
        // Summing a category is not a number anyone asked for.
        XCTAssertTrue(error(DataRef(dataset: "sales", groupBy: ["month"], aggregate: .sum), [("month", nil), ("region", nil)])?.message
            .contains("cannot be summed") == true)
        XCTAssertEqual(error(DataRef(dataset: "sales", groupBy: ["region"], aggregate: .sum, sort: SortSpec(field: "month")), [("region", nil), ("units", nil)])?.pointer,
                       .root / "data" / "sort" / "field")
        XCTAssertEqual(error(DataRef(dataset: "sales", filter: [FilterClause(field: "units", op: .eq, value: .list([.number(1)]))]), [("units", nil)])?.pointer,
                       .root / "data" / "filter" / 0 / "value")
    }

    // MARK: Resolution and rendering

    static let tree = #"""
    {"version":"1","title":"Sales","answer":"East sells most.","root":{"type":"Dashboard","id":"d","title":"Sales","subtitle":null,"asOf":null,"children":[
      {"type":"KPI","id":"units","span":null,"label":"Units","value":{"dataset":"sales","filter":[],"aggregate":"sum","field":"units"},"format":"integer","currency":null,"unit":null,"delta":null,"comparison":null,"sparkline":null,"footnote":null},
      {"type":"Chart","id":"by-region","span":null,"mark":"bar","title":"Revenue by region","description":"East leads.",
       "data":{"dataset":"sales","filter":[],"groupBy":["region"],"aggregate":"sum","sort":{"field":"revenue","order":"desc"},"limit":null},
       "x":{"field":"region","type":"nominal","title":null,"format":null,"aggregate":null,"scale":null},
       "y":{"field":"revenue","type":"quantitative","title":null,"format":null,"aggregate":null,"scale":null},
       "color":null,"size":null,"theta":null,"stack":"none","orientation":"vertical","innerRadius":null,"bins":null,"annotations":[],"legend":"auto","height":"md"},
      {"type":"Table","id":"months","span":null,"caption":"Units by month","columns":[{"field":"month","label":"Month","type":"string","format":null,"align":null},{"field":"units","label":"Units","type":"string","format":null,"align":null}],
       "rows":{"dataset":"sales","filter":[],"groupBy":["month"],"aggregate":"sum","sort":null,"limit":null},"totals":[]}
    ]}}
    """#

    func testResolvedTreeRendersComputedNumbersWithTheirSource() throws {
        let checked = try SurfaceCheck().check(JSONParser.parse(Self.tree))
        XCTAssertEqual(checked.errors, [])
        let surface = try XCTUnwrap(checked.surface)
        XCTAssertEqual(DataReferences.count(in: surface), 3)

        // Unresolved: the renderer says so instead of drawing nothing or zeros.
        let unresolved = HTMLRenderer().renderFragment(surface)
        XCTAssertTrue(unresolved.contains("computed from dataset “sales”, which is not available here"))

        let (resolved, errors) = DataResolver(registry: try Self.registry()).resolve(surface)
        XCTAssertEqual(errors, [])
        XCTAssertEqual(try SurfaceCheck().checkSemantics(resolved).errors, [])
        let html = HTMLRenderer().renderFragment(resolved)
        XCTAssertTrue(html.contains(">117<"), "KPI value")
        XCTAssertTrue(html.contains("Source: <strong>sales</strong>"))
        XCTAssertFalse(html.contains("Estimated"))
        // The chart's data table lists the computed sums, largest first.
        let east = try XCTUnwrap(html.range(of: ">east<")), north = try XCTUnwrap(html.range(of: ">north<"))
        XCTAssertLessThan(east.lowerBound, north.lowerBound)
        XCTAssertTrue(html.contains(">660.75<"), "east revenue 210 + 190 + 260.75")
        // The table's column types follow the data, not the model's guess.
        if case .table(let t) = resolved.root.children[2] {
            XCTAssertEqual(t.columns.map(\.type), [.date, .integer])
            XCTAssertEqual(t.rows.first, [.string("2024-01-01"), .number(35)])
        } else { XCTFail("table") }
        // The tree still serialises with its queries, not the computed rows.
        XCTAssertEqual(resolved.encode()["root"]?["children"]?.arrayValue?.map { $0["value"] ?? $0["data"] ?? $0["rows"] },
                       surface.encode()["root"]?["children"]?.arrayValue?.map { $0["value"] ?? $0["data"] ?? $0["rows"] })
    }

    func testUnknownDatasetIsAnErrorAtItsPointer() throws {
        let surface = try XCTUnwrap(SurfaceCheck().check(JSONParser.parse(Self.tree.replacingOccurrences(of: "\"dataset\":\"sales\",\"filter\":[],\"groupBy\":[\"region\"]",
                                                                                                       with: "\"dataset\":\"salez\",\"filter\":[],\"groupBy\":[\"region\"]"))).surface)
        let (_, errors) = DataResolver(registry: try Self.registry()).resolve(surface)
        XCTAssertEqual(errors.map(\.pointer.description), ["/root/children/1/data/dataset"])
        XCTAssertTrue(errors[0].message.contains("registered: sales"))
    }

    func testInlineDataIsMarkedEstimated() throws {
        let surface = try XCTUnwrap(SurfaceCheck().check(JSONParser.parse(#"""
        {"version":"1","title":"t","answer":null,"root":{"type":"Dashboard","id":"d","title":"t","subtitle":null,"asOf":null,"children":[
          {"type":"KPI","id":"k","span":null,"label":"Users","value":42,"format":"integer","currency":null,"unit":null,"delta":null,"comparison":null,"sparkline":null,"footnote":null}]}}
        """#)).surface)
        XCTAssertTrue(HTMLRenderer().renderFragment(surface).contains("data-note estimated"))
    }
}
