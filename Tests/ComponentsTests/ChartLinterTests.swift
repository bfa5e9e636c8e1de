import JSONSchema
import XCTest
@testable import Components

/// One misleading tree per lint rule, checking the exact code and pointer of every warning.
final class ChartLinterTests: XCTestCase {
    func warnings(_ children: [Node]) -> [String] {
        let out = ChartLinter().lint(Fixture.surface(children))
        XCTAssertTrue(out.allSatisfy { $0.severity == .warning })
        return out.map { "\($0.code) \($0.pointer)" }
    }

    func testCleanFixtures() {
        XCTAssertEqual(warnings([.chart(Fixture.bar()), .chart(Fixture.pie([1, 2, 3, 4, 5, 6])), .chart(Fixture.lines(series: 8)), .kpi(Fixture.kpi())]), [])
    }

    func testPieWithTooManySlices() {
        XCTAssertEqual(warnings([.chart(Fixture.pie([5, 4, 3, 3, 2, 2, 1], donut: true))]), ["arc-too-many-slices /root/children/0/mark"])
    }

    func testPieWithNegativeValues() {
        XCTAssertEqual(warnings([.chart(Fixture.pie([5, -2, 3]))]), ["arc-negative /root/children/0/data/rows/1/1"])
    }

    func testLogScaleWithNonPositiveValues() {
        let log = Scale(type: .log)
        XCTAssertEqual(warnings([.chart(Fixture.lines(series: 1, yScale: log, values: [10, 0, -3]))]), ["log-nonpositive /root/children/0/data/rows/1/2"])
        XCTAssertEqual(warnings([.chart(Fixture.lines(series: 1, yScale: Scale(type: .log, domain: [0, 100])))]), ["log-nonpositive /root/children/0/y/scale/domain/0"])
        XCTAssertEqual(warnings([.chart(Fixture.lines(series: 1, yScale: log, values: [1, 10, 100]))]), [])
    }

    func testBarWithoutZeroBaseline() {
        XCTAssertEqual(warnings([.chart(Fixture.bar(yScale: Scale(zero: false)))]), ["bar-zero-baseline /root/children/0/y/scale/zero"])
        XCTAssertEqual(warnings([.chart(Fixture.bar(yScale: Scale(domain: [4, 14])))]), ["bar-zero-baseline /root/children/0/y/scale/domain"])
        XCTAssertEqual(warnings([.chart(Fixture.bar(yScale: Scale(type: .log)))]), ["bar-zero-baseline /root/children/0/y/scale/type"])
        XCTAssertEqual(warnings([.chart(Fixture.bar(yScale: Scale(zero: true, domain: [-5, 20])))]), [])
    }

    func testDatesTypedAsCategories() {
        XCTAssertEqual(warnings([.chart(Fixture.lines(series: 1, xType: .nominal))]), ["temporal-as-category /root/children/0/x/type"])
        XCTAssertEqual(warnings([.chart(Fixture.lines(series: 1, xType: .ordinal))]), ["temporal-as-category /root/children/0/x/type"])
        var years = Fixture.bar()
        years.data.rows = [[.string("2023"), .number(3)], [.string("2024"), .number(4)]]
        XCTAssertEqual(warnings([.chart(years)]), [], "bare years are fine as categories")
    }

    func testTooManyLineSeries() {
        XCTAssertEqual(warnings([.chart(Fixture.lines(series: 9))]), ["too-many-series /root/children/0/color"])
    }

    func testKPIDeltaContradictingLabel() {
        func kpi(_ v: Double, _ good: KPIDelta.GoodDirection, _ label: String?) -> Node {
            .kpi(Fixture.kpi(delta: KPIDelta(value: v, kind: .percent, goodDirection: good, label: label)))
        }
        XCTAssertEqual(warnings([kpi(-0.05, .up, "Improved vs last month")]), ["kpi-delta-direction /root/children/0/delta/value"])
        XCTAssertEqual(warnings([kpi(0.05, .down, "better than Q2")]), ["kpi-delta-direction /root/children/0/delta/value"])
        XCTAssertEqual(warnings([kpi(0.05, .up, "dropped vs last year")]), ["kpi-delta-direction /root/children/0/delta/value"])
        XCTAssertEqual(warnings([kpi(-0.05, .up, "vs last month"), kpi(-0.05, .down, "improved vs Q2"), kpi(-0.05, .none, "improved"),
                                 kpi(-0.05, .up, "declined after an improved Q2"), kpi(0, .up, "improved"), kpi(-0.05, .up, nil)]), [])
    }

    func testLintReachesKPIsInsideGroups() {
        let bad = Fixture.kpi("k2", delta: KPIDelta(value: -3, kind: .absolute, goodDirection: .up, label: "Gained ground"))
        let group = KPIGroup(id: "kpis", items: [Fixture.kpi("k1"), bad], columns: 2)
        let tabs = Tabs(id: "views", tabs: [Tab(id: "t1", label: "A", children: [.kpiGroup(group)])])
        XCTAssertEqual(warnings([.tabs(tabs)]), ["kpi-delta-direction /root/children/0/tabs/0/children/0/items/1/delta/value"])
    }
}
