import XCTest

@testable import Rendering

final class ScaleTests: XCTestCase {
    func testNiceStepsUseOneTwoTwoPointFiveFive() {
        XCTAssertEqual(NiceTicks.step(lo: 0, hi: 100, count: 5), 20)
        XCTAssertEqual(NiceTicks.step(lo: 0, hi: 1, count: 5), 0.2)
        XCTAssertEqual(NiceTicks.step(lo: 0, hi: 10, count: 4), 2.5)
        XCTAssertEqual(NiceTicks.step(lo: 0, hi: 1000, count: 10), 100)
        XCTAssertEqual(NiceTicks.step(lo: 0, hi: 0.05, count: 5), 0.01)
        XCTAssertEqual(NiceTicks.step(lo: 0, hi: 7e6, count: 7), 1e6)
    }

    func testTickValuesAreCleanMultiples() {
        XCTAssertEqual(NiceTicks.values(lo: 0, hi: 1, step: 0.1), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        XCTAssertEqual(NiceTicks.values(lo: -0.35, hi: 0.35, step: 0.25), [-0.25, 0, 0.25])
    }

    func testNiceDomainCoversDataAndNegativeValues() {
        let (lo, hi) = NiceTicks.niceDomain(lo: -37, hi: 112, count: 5)
        XCTAssertLessThanOrEqual(lo, -37)
        XCTAssertGreaterThanOrEqual(hi, 112)
        XCTAssertEqual(lo, -50)
        XCTAssertEqual(hi, 150)
        let flat = NiceTicks.niceDomain(lo: 5, hi: 5, count: 5)
        XCTAssertLessThan(flat.0, 5)
        XCTAssertGreaterThan(flat.1, 5)
    }

    func testLinearScaleIncludesZeroAndMapsRange() {
        let s = ContinuousScale.linear(lo: 12, hi: 87, includeZero: true, nice: true, range: (300, 0), tickCount: 5)
        XCTAssertEqual(s.domain.0, 0)
        XCTAssertEqual(s.domain.1, 100)
        XCTAssertEqual(s(50), 150)
        XCTAssertEqual(s.tickValues(count: 5), [0, 20, 40, 60, 80, 100])
    }

    func testLogScaleTicks() {
        let s = ContinuousScale.log(lo: 1.5, hi: 45_000, range: (0, 100))
        XCTAssertEqual(s.domain.0, 1)
        XCTAssertEqual(s.domain.1, 50_000)
        XCTAssertEqual(ContinuousScale.log(lo: 9_000, hi: 70_000, range: (0, 1)).domain.0, 5_000)
        XCTAssertEqual(ContinuousScale.log(lo: 9_000, hi: 70_000, range: (0, 1)).domain.1, 100_000)
        let decades = ContinuousScale(kind: .log, domain: (1, 100_000), range: (0, 100))
        XCTAssertEqual(decades(1000), 60, accuracy: 1e-9)
        XCTAssertEqual(decades.tickValues(count: 6), [1, 10, 100, 1000, 10_000, 100_000])
        XCTAssertEqual(ContinuousScale.logTicks(lo: 1, hi: 100, count: 8), [1, 2, 5, 10, 20, 50, 100])
        let wide = ContinuousScale.logTicks(lo: 1e-6, hi: 1e12, count: 6)
        XCTAssertLessThanOrEqual(wide.count, 7)
    }

    func testBandScale() {
        let b = BandScale(domain: ["a", "b", "c", "d"], range: (0, 400), paddingInner: 0.2, paddingOuter: 0.1)
        XCTAssertEqual(b.step, 400 / 4.0, accuracy: 1e-9)
        XCTAssertEqual(b.bandwidth, 80, accuracy: 1e-9)
        XCTAssertEqual(b.start("a") ?? -1, 10, accuracy: 1e-9)
        XCTAssertNil(b.start("zzz"))
    }

    private func epoch(_ s: String) -> Double { ISO8601.parse(s)?.epochSeconds ?? .nan }

    func testTimeTicksMonthsAndQuarters() {
        let t0 = epoch("2024-01-01"), t1 = epoch("2025-06-01")
        let monthly = TimeTicks.interval(t0: t0, t1: t1, count: 20)
        XCTAssertEqual(monthly.unit, .month)
        XCTAssertEqual(monthly.step, 1)
        let quarterly = TimeTicks.interval(t0: t0, t1: t1, count: 7)
        XCTAssertEqual(quarterly.unit, .month)
        XCTAssertEqual(quarterly.step, 3)
        let values = TimeTicks.values(t0: t0, t1: t1, interval: quarterly)
        let labels = values.enumerated().map { TimeTicks.label($1, interval: quarterly, isFirst: $0 == 0) }
        XCTAssertEqual(labels, ["Jan 2024", "Apr", "Jul", "Oct", "Jan 2025", "Apr"])
    }

    func testTimeTicksDaysWeeksYearsHours() {
        let weekly = TimeTicks.Interval(unit: .week, step: 1)
        let weeks = TimeTicks.values(t0: epoch("2025-01-01"), t1: epoch("2025-01-31"), interval: weekly)
        XCTAssertEqual(weeks.map { TimeTicks.label($0, interval: weekly, isFirst: false) }, ["Jan 6", "Jan 13", "Jan 20", "Jan 27"])
        let yearly = TimeTicks.interval(t0: epoch("1990-06-01"), t1: epoch("2024-01-01"), count: 8)
        XCTAssertEqual(yearly.unit, .year)
        XCTAssertEqual(yearly.step, 5)
        XCTAssertEqual(TimeTicks.values(t0: epoch("1990-06-01"), t1: epoch("2024-01-01"), interval: yearly).map { CivilDate(epochSeconds: $0).year },
                       [1995, 2000, 2005, 2010, 2015, 2020])
        let hours = TimeTicks.Interval(unit: .hour, step: 6)
        let hv = TimeTicks.values(t0: epoch("2024-03-01T01:30Z"), t1: epoch("2024-03-02T01:00Z"), interval: hours)
        XCTAssertEqual(hv.map { TimeTicks.label($0, interval: hours, isFirst: false) }, ["06:00", "12:00", "18:00", "Mar 2 00:00"])
        // Leap day is a real day.
        let days = TimeTicks.values(t0: epoch("2024-02-27"), t1: epoch("2024-03-01"), interval: .init(unit: .day, step: 1))
        XCTAssertEqual(days.count, 4)
    }

    func testTickLabelsKeepOnePrecisionPerAxis() {
        XCTAssertEqual(TickFormat.labels([0, 0.5, 1, 1.5], step: 0.5, token: .auto, currency: nil), ["0.0", "0.5", "1.0", "1.5"])
        XCTAssertEqual(TickFormat.labels([0, 0.025, 0.05], step: 0.025, token: .percent0, currency: nil), ["0.0%", "2.5%", "5.0%"])
        XCTAssertEqual(TickFormat.labels([0, 50_000, 100_000], step: 50_000, token: .auto, currency: nil), ["0", "50K", "100K"])
        XCTAssertEqual(TickFormat.labels([0, 1e6, 2e6], step: 1e6, token: .currency0, currency: "USD"), ["$0", "$1M", "$2M"])
        let ticks = Axes.ticks(ContinuousScale(kind: .linear, domain: (0, 3 * 1024 * 1024 * 1024 * 1024.0), range: (0, 1)), count: 3, token: .bytes, currency: nil)
        XCTAssertEqual(ticks.map(\.label), ["0 B", "1 TB", "2 TB", "3 TB"])
        let minutes = Axes.ticks(ContinuousScale(kind: .linear, domain: (0, 400), range: (0, 1)), count: 4, token: .duration, currency: nil)
        XCTAssertEqual(minutes.map(\.label), ["0s", "2m", "4m", "6m"])
    }

    func testTextMetricsAndTruncation() {
        XCTAssertEqual(TextMetrics.width("0", fontSize: 10), 5.56, accuracy: 1e-9)
        XCTAssertEqual(TextMetrics.width("iiii", fontSize: 10), 8.88, accuracy: 1e-9)
        XCTAssertGreaterThan(TextMetrics.width("WWWW", fontSize: 10), TextMetrics.width("iiii", fontSize: 10))
        let cut = TextMetrics.truncate("A very long category label indeed", fontSize: 11, maxWidth: 80)
        XCTAssertTrue(cut.hasSuffix("…"))
        XCTAssertLessThanOrEqual(TextMetrics.width(cut, fontSize: 11), 80)
        XCTAssertEqual(TextMetrics.truncate("short", fontSize: 11, maxWidth: 80), "short")
    }

    func testThinningRemovesOverlappingLabels() {
        let ticks = (0..<30).map { Tick(value: Double($0), position: Double($0) * 12, label: "Label \($0)") }
        let kept = Axes.thinHorizontal(ticks, fontSize: 11)
        XCTAssertLessThan(kept.count, ticks.count)
        for pair in zip(kept, kept.dropFirst()) {
            let need = (TextMetrics.width(pair.0.label, fontSize: 11) + TextMetrics.width(pair.1.label, fontSize: 11)) / 2
            XCTAssertGreaterThanOrEqual(pair.1.position - pair.0.position, need)
        }
    }

    func testHistogramBinsOnNiceEdges() {
        let bins = HistogramMark.bins([1, 2, 2, 3, 9.5, 10], target: 5)
        XCTAssertEqual(bins.first?.lower, 0)
        XCTAssertEqual(bins.map(\.count).reduce(0, +), 6)
        XCTAssertGreaterThan(bins.last?.upper ?? 0, 10 - 1e-9)
        XCTAssertEqual(bins.map { $0.upper - $0.lower }.first, 2)
        XCTAssertEqual(HistogramMark.bins([5, 5, 5], target: 10), [HistogramMark.Bin(lower: 4.5, upper: 5.5, count: 3)])
        XCTAssertTrue(HistogramMark.bins([], target: 10).isEmpty)
    }
}
