/// Calendar arithmetic in the proleptic Gregorian calendar, UTC only, without Foundation's
/// calendars or the system time zone (so output never depends on the machine).
struct CivilDate: Hashable, Sendable {
    var year: Int
    var month: Int  // 1...12
    var day: Int  // 1...31
    var hour = 0
    var minute = 0
    var second = 0.0

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (`civil_from_days`).
    static func fromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Seconds since the Unix epoch.
    var epochSeconds: Double {
        Double(Self.days(year: year, month: month, day: day)) * 86_400 + Double(hour * 3600 + minute * 60) + second
    }

    /// The UTC civil time of `seconds` since the epoch.
    init(epochSeconds seconds: Double) {
        let days = Int((seconds / 86_400).rounded(.down))
        var rest = seconds - Double(days) * 86_400
        let (y, m, d) = Self.fromDays(days)
        year = y; month = m; day = d
        hour = Int(rest / 3600); rest -= Double(hour) * 3600
        minute = Int(rest / 60); rest -= Double(minute) * 60
        second = rest
        // Guard against 59.9999… from floating error.
        if second > 59.9995 { second = 0; minute += 1 }
        if minute == 60 { minute = 0; hour += 1 }
        if hour == 24 { self = CivilDate(epochSeconds: Double(days + 1) * 86_400) }
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// How much of a timestamp an ISO-8601 string spelled out.
enum TimePrecision: Int, Comparable, Sendable {
    case year, month, day, minute, second
    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A hand-written ISO-8601 parser: `YYYY`, `YYYY-MM`, `YYYY-Qn`, `YYYY-MM-DD`,
/// `YYYY-MM-DD[T ]hh:mm[:ss[.fff]][Z|±hh[:mm]]`. Offsets are folded into UTC.
enum ISO8601 {
    struct Parsed: Sendable {
        var epochSeconds: Double
        var precision: TimePrecision
        var hasOffset: Bool
    }

    static func parse(_ text: String) -> Parsed? {
        // Dates are parsed for every chart row, so this works on the UTF-8 buffer in place
        // (without a mutable copy of the string when its UTF-8 is contiguous, as it always is
        // for native strings).
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return parsed }
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// A read position in the bytes being parsed (a struct, not closures capturing a counter:
    /// those put the counter in a heap box on every call).
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        let count: Int
        var i = 0

        var atEnd: Bool { i == count }

        mutating func digits(_ n: Int) -> Int? {
            guard i + n <= count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let b = bytes[k]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            i += n
            return v
        }

        mutating func eat(_ c: UInt8) -> Bool {
            if i < count && bytes[i] == c { i += 1; return true }
            return false
        }

        var current: UInt8? { i < count ? bytes[i] : nil }
    }

    /// `YYYY-MM-DD` (the first 10 bytes), the common case of chart data, without the general
    /// cursor; nil for anything else (the general parser then decides).
    @inline(__always)
    private static func parseDay(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        var digits = true
        @inline(__always) func digit(_ k: Int) -> Int {
            let v = Int(b[k]) &- 0x30
            if v < 0 || v > 9 { digits = false }
            return v
        }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6), day = digit(8) * 10 + digit(9)
        guard digits, month >= 1, month <= 12, day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        return Parsed(epochSeconds: Double(CivilDate.days(year: year, month: month, day: day)) * 86_400, precision: .day, hasOffset: false)
    }

    /// `parse` for a column of timestamps (a time axis reads one per row). Chart data run
    /// through consecutive days, so most `YYYY-MM-DD` cells are in the month of the cell before:
    /// the reader remembers that month (its `YYYY-MM-` bytes, first day and length) and then
    /// checks only the day's two digits. Same results as `parse`; ~250 instructions a date less.
    struct ColumnReader {
        /// `YYYY-MM-` of the last day read, as one word; its month's first day (days since the
        /// epoch) and length, 0 until a day has been read.
        private var monthBytes: UInt64 = 0
        private var monthStart = 0
        private var monthLength = 0

        mutating func parse(_ text: String) -> Parsed? {
            if let parsed = text.utf8.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return parsed }
            return ISO8601.parse(text)
        }

        mutating func parse(bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
            guard bytes.count == 10, let base = bytes.baseAddress else { return ISO8601.parse(bytes: bytes) }
            let head = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
            let tens = Int(bytes[8]) &- 0x30, ones = Int(bytes[9]) &- 0x30
            if monthLength > 0, head == monthBytes, tens >= 0, tens <= 9, ones >= 0, ones <= 9 {
                let day = tens * 10 + ones
                if day >= 1, day <= monthLength {
                    return Parsed(epochSeconds: Double(monthStart + day - 1) * 86_400, precision: .day, hasOffset: false)
                }
            }
            guard let parsed = ISO8601.parse(bytes: bytes) else { return nil }
            if parsed.precision == .day {
                // Ten bytes read as a day are `YYYY-MM-DD`, all digits checked.
                func digits(_ k: Int, _ n: Int) -> Int { (k..<(k + n)).reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
                monthBytes = head
                monthStart = CivilDate.days(year: digits(0, 4), month: digits(5, 2), day: 1)
                monthLength = CivilDate.daysIn(month: digits(5, 2), year: digits(0, 4))
            }
            return parsed
        }
    }

    /// `parse` of UTF-8 bytes (a chart table's cell text, read in place).
    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var count = bytes.count
        while count > 0 && bytes[count - 1] == 0x20 { count -= 1 }
        guard count >= 4 && count <= 40 else { return nil }
        if count == 10, let day = parseDay(bytes) { return day }
        var c = Cursor(bytes: bytes, count: count)
        guard let year = c.digits(4) else { return nil }
        if c.atEnd { return Parsed(epochSeconds: CivilDate(year: year, month: 1, day: 1).epochSeconds, precision: .year, hasOffset: false) }
        guard c.eat(0x2D) else { return nil }
        if c.eat(0x51) || c.eat(0x71) {  // Q / q
            guard let q = c.digits(1), (1...4).contains(q), c.atEnd else { return nil }
            return Parsed(epochSeconds: CivilDate(year: year, month: (q - 1) * 3 + 1, day: 1).epochSeconds, precision: .month, hasOffset: false)
        }
        guard let month = c.digits(2), (1...12).contains(month) else { return nil }
        if c.atEnd { return Parsed(epochSeconds: CivilDate(year: year, month: month, day: 1).epochSeconds, precision: .month, hasOffset: false) }
        guard c.eat(0x2D), let day = c.digits(2), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        var civil = CivilDate(year: year, month: month, day: day)
        if c.atEnd { return Parsed(epochSeconds: civil.epochSeconds, precision: .day, hasOffset: false) }
        guard c.eat(0x54) || c.eat(0x74) || c.eat(0x20) else { return nil }
        guard let hour = c.digits(2), hour < 24, c.eat(0x3A), let minute = c.digits(2), minute < 60 else { return nil }
        civil.hour = hour; civil.minute = minute
        var precision = TimePrecision.minute
        if c.eat(0x3A) {
            guard let sec = c.digits(2), sec <= 60 else { return nil }
            var seconds = Double(sec)
            precision = .second
            if c.eat(0x2E) || c.eat(0x2C) {
                var scale = 0.1
                var any = false
                while let b = c.current, b >= 0x30, b <= 0x39 {
                    seconds += Double(b - 0x30) * scale
                    scale /= 10; c.i += 1; any = true
                }
                guard any else { return nil }
            }
            civil.second = seconds
        }
        var offset = 0.0
        var hasOffset = false
        if c.eat(0x5A) || c.eat(0x7A) {
            hasOffset = true
        } else if let b = c.current, b == 0x2B || b == 0x2D {
            let sign: Double = b == 0x2D ? -1 : 1
            c.i += 1
            guard let oh = c.digits(2), oh <= 18 else { return nil }
            var om = 0
            if c.eat(0x3A) { guard let m = c.digits(2), m < 60 else { return nil }; om = m } else if let m = c.digits(2) { om = m }
            offset = sign * Double(oh * 3600 + om * 60)
            hasOffset = true
        }
        guard c.atEnd else { return nil }
        return Parsed(epochSeconds: civil.epochSeconds - offset, precision: precision, hasOffset: hasOffset)
    }
}
