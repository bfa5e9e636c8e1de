/// Calendar-aware ticks for a UTC time axis (epoch seconds): whole seconds, minutes, hours,
/// days, Monday weeks, months, quarters, half-years and years, each with a fitting label.
enum TimeTicks {
    enum Unit: Sendable { case second, minute, hour, day, week, month, year }

    struct Interval: Sendable {
        var unit: Unit
        var step: Int
        var approxSeconds: Double { Double(step) * TimeTicks.seconds(unit) }
    }

    static func seconds(_ unit: Unit) -> Double {
        switch unit {
        case .second: return 1
        case .minute: return 60
        case .hour: return 3600
        case .day: return 86_400
        case .week: return 604_800
        case .month: return 2_629_746
        case .year: return 31_556_952
        }
    }

    static let intervals: [Interval] = [
        .init(unit: .second, step: 1), .init(unit: .second, step: 5), .init(unit: .second, step: 15), .init(unit: .second, step: 30),
        .init(unit: .minute, step: 1), .init(unit: .minute, step: 5), .init(unit: .minute, step: 15), .init(unit: .minute, step: 30),
        .init(unit: .hour, step: 1), .init(unit: .hour, step: 3), .init(unit: .hour, step: 6), .init(unit: .hour, step: 12),
        .init(unit: .day, step: 1), .init(unit: .day, step: 2), .init(unit: .week, step: 1), .init(unit: .week, step: 2),
        .init(unit: .month, step: 1), .init(unit: .month, step: 3), .init(unit: .month, step: 6),
        .init(unit: .year, step: 1), .init(unit: .year, step: 2), .init(unit: .year, step: 5), .init(unit: .year, step: 10),
        .init(unit: .year, step: 20), .init(unit: .year, step: 50), .init(unit: .year, step: 100),
    ]

    /// The finest interval giving at most `count` ticks over `[t0, t1]`.
    static func interval(t0: Double, t1: Double, count: Int) -> Interval {
        let span = max(t1 - t0, 1)
        for interval in intervals where span / interval.approxSeconds <= Double(max(count, 1)) { return interval }
        let years = Int((span / seconds(.year) / Double(max(count, 1))).rounded(.up))
        let step = Int(NiceTicks.step(lo: 0, hi: Double(years * max(count, 1)), count: max(count, 1)))
        return Interval(unit: .year, step: max(step, 100))
    }

    /// Tick instants inside `[t0, t1]` aligned to the calendar.
    static func values(t0: Double, t1: Double, interval: Interval) -> [Double] {
        var out: [Double] = []
        let start = CivilDate(epochSeconds: t0)
        switch interval.unit {
        case .second, .minute, .hour, .day:
            let size = Double(interval.step) * seconds(interval.unit)
            // Align within the day for sub-day units so ticks land on :00, :15, 03:00 …
            let dayStart = Double(CivilDate.days(year: start.year, month: start.month, day: start.day)) * 86_400
            var t = interval.unit == .day
                ? (t0 / size).rounded(.up) * size
                : dayStart + ((t0 - dayStart) / size).rounded(.up) * size
            while t <= t1 + 1e-6 && out.count < 1000 { out.append(t); t += size }
        case .week:
            let days = CivilDate.days(year: start.year, month: start.month, day: start.day)
            let weekday = ((days % 7) + 7 + 3) % 7  // 0 = Monday (1970-01-01 was a Thursday)
            var day = days - weekday
            while Double(day) * 86_400 < t0 - 1e-6 { day += 7 }
            while Double(day) * 86_400 <= t1 + 1e-6 && out.count < 1000 { out.append(Double(day) * 86_400); day += 7 * interval.step }
        case .month:
            var year = start.year, month = start.month
            month = ((month - 1) / interval.step) * interval.step + 1
            while out.count < 1000 {
                let t = CivilDate(year: year, month: month, day: 1).epochSeconds
                if t > t1 + 1e-6 { break }
                if t >= t0 - 1e-6 { out.append(t) }
                month += interval.step
                while month > 12 { month -= 12; year += 1 }
            }
        case .year:
            var year = Int((Double(start.year) / Double(interval.step)).rounded(.down)) * interval.step
            while out.count < 1000 {
                let t = CivilDate(year: year, month: 1, day: 1).epochSeconds
                if t > t1 + 1e-6 { break }
                if t >= t0 - 1e-6 { out.append(t) }
                year += interval.step
            }
        }
        return out
    }

    /// A label for `t` at this interval; `isFirst` adds context (the year) to the first tick.
    static func label(_ t: Double, interval: Interval, isFirst: Bool) -> String {
        let c = CivilDate(epochSeconds: t)
        let month = CivilDate.monthAbbreviations[c.month - 1]
        let hm = ValueFormatter.twoDigits(c.hour) + ":" + ValueFormatter.twoDigits(c.minute)
        switch interval.unit {
        case .year: return String(c.year)
        case .month: return (c.month == 1 || isFirst) ? "\(month) \(c.year)" : month
        case .week, .day: return (isFirst || (c.month == 1 && c.day == 1)) ? "\(month) \(c.day), \(c.year)" : "\(month) \(c.day)"
        case .hour, .minute:
            return (c.hour == 0 && c.minute == 0) || isFirst ? "\(month) \(c.day) \(hm)" : hm
        case .second:
            return hm + ":" + ValueFormatter.twoDigits(Int(c.second))
        }
    }
}
