/// Turns numbers and ISO-8601 strings into display text for every `FormatToken`.
///
/// Deterministic: no system locale, no current date, no time zone other than UTC.
public enum ValueFormatter {
    /// Formats a number. `currency` is an ISO 4217 code (default `USD`).
    public static func format(_ value: Double, _ token: FormatToken, currency: String? = nil) -> String {
        switch token {
        case .auto: return auto(value)
        case .integer: return NumberText.fixed(value, decimals: 0)
        case .decimal1: return NumberText.fixed(value, decimals: 1)
        case .decimal2: return NumberText.fixed(value, decimals: 2)
        case .percent0: return NumberText.fixed(value * 100, decimals: 0) + "%"
        case .percent1: return NumberText.fixed(value * 100, decimals: 1) + "%"
        case .compact: return compact(value)
        case .currency0: return money(value, decimals: 0, code: currency)
        case .currency2: return money(value, decimals: 2, code: currency)
        case .bytes: return bytes(value)
        case .duration: return duration(value)
        case .year:
            // A bare integer year is the common case for numbers; otherwise treat as epoch seconds.
            if value == value.rounded(), abs(value) < 10_000 { return String(Int(value)) }
            return temporal(value, .year)
        case .date, .month, .datetime: return temporal(value, token)
        }
    }

    /// Formats a string value: temporal tokens parse ISO-8601; numeric tokens parse a number
    /// lexeme. Anything unparseable is returned unchanged (it is escaped later like all text).
    public static func format(_ text: String, _ token: FormatToken, currency: String? = nil) -> String {
        if token.isTemporal || token == .auto, let parsed = ISO8601.parse(text) {
            if token == .auto { return temporal(parsed.epochSeconds, autoToken(for: parsed.precision)) }
            return temporal(parsed.epochSeconds, token)
        }
        if !token.isTemporal, token != .auto, let number = Double(text), number.isFinite {
            return format(number, token, currency: currency)
        }
        return text
    }

    /// The natural token for a timestamp with a given precision.
    static func autoToken(for precision: TimePrecision) -> FormatToken {
        switch precision {
        case .year: return .year
        case .month: return .month
        case .day: return .date
        case .minute, .second: return .datetime
        }
    }

    /// `format(value, token)` appended to `out` as UTF-8, for the tokens whose text is made only
    /// of digits and the formatter's own symbols (see `spellsFromDigitsOnly`); other tokens append
    /// nothing. The data table writes thousands of cells this way, without a `String` per cell.
    static func append(_ value: Double, _ token: FormatToken, to out: inout ByteBuffer) {
        switch token {
        case .auto: appendAuto(value, to: &out)
        case .integer: NumberText.appendFixed(value, decimals: 0, to: &out)
        case .decimal1: NumberText.appendFixed(value, decimals: 1, to: &out)
        case .decimal2: NumberText.appendFixed(value, decimals: 2, to: &out)
        case .percent0: NumberText.appendFixed(value * 100, decimals: 0, to: &out); out.append(0x25)
        case .percent1: NumberText.appendFixed(value * 100, decimals: 1, to: &out); out.append(0x25)
        case .compact: appendCompact(value, to: &out)
        case .bytes: appendBytes(value, to: &out)
        default: break
        }
    }

    /// The tokens whose spelling is a fixed-point number (and a `%`), for loops that write
    /// thousands of values with one token (data-table columns): `write` spells most values of
    /// those tokens as `append` does, without the dispatch, and leaves the rest (non-finite
    /// values, `auto`'s compact and significant-digit ranges) to `append`.
    enum FixedSpelling {
        case fixed(decimals: Int, percent: Bool)
        case auto

        init?(_ token: FormatToken) {
            switch token {
            case .auto: self = .auto
            case .integer: self = .fixed(decimals: 0, percent: false)
            case .decimal1: self = .fixed(decimals: 1, percent: false)
            case .decimal2: self = .fixed(decimals: 2, percent: false)
            case .percent0: self = .fixed(decimals: 0, percent: true)
            case .percent1: self = .fixed(decimals: 1, percent: true)
            default: return nil
            }
        }

        /// Room `write` needs: a number and its `%`.
        static var room: Int { NumberText.fixedRoom + 1 }

        /// Writes `append(value, token)`'s spelling at `i` in `out` (`room` bytes of room) and
        /// returns its end, or nil, writing nothing, for a value left to `append`.
        @inline(__always)
        func write(_ value: Double, into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int? {
            switch self {
            case .fixed(let decimals, let percent):
                let value = percent ? value * 100 : value
                guard let end = Self.fixed(value, decimals: decimals, trim: false, into: out, at: i) else { return nil }
                if !percent { return end }
                out[end] = 0x25  // %
                return end + 1
            case .auto:
                // `appendAuto` below a million: whole numbers and magnitudes from 1,000 without
                // decimals, from 1 to 1,000 with up to two; smaller ones (and NaN) are left to it.
                let magnitude = abs(value)
                guard magnitude < 1_000_000 else { return nil }
                if value == NumberText.roundedHalfAway(value) || magnitude >= 1000 {
                    return Self.fixed(value, decimals: 0, trim: false, into: out, at: i)
                }
                guard magnitude >= 1 else { return nil }
                return Self.fixed(value, decimals: 2, trim: true, into: out, at: i)
            }
        }

        /// `NumberText.writeFixed` (grouped), with its below-1,000 path taken first here: inlined
        /// into the data table's loop, without the general path's checks and call.
        @inline(__always)
        private static func fixed(_ value: Double, decimals: Int, trim: Bool, into out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int? {
            NumberText.writeBelowThousand(value, decimals: decimals, trim: trim, into: out, at: i)
                ?? NumberText.writeFixed(value, decimals: decimals, grouping: true, trim: trim, into: out, at: i)
        }
    }

    /// Whether `append` spells `token` (its text then never contains input, such as a currency code).
    static func spellsFromDigitsOnly(_ token: FormatToken) -> Bool {
        switch token {
        case .auto, .integer, .decimal1, .decimal2, .percent0, .percent1, .compact, .bytes: return true
        default: return false
        }
    }

    /// A spelling built by one of the byte appenders.
    private static func spelled(_ body: (inout ByteBuffer) -> Void) -> String {
        var out = ByteBuffer(capacity: 32)
        body(&out)
        return out.string
    }

    /// Integers grouped, big magnitudes compact, fractions to at most 2 decimals (3 significant
    /// digits below 1).
    static func auto(_ value: Double) -> String { spelled { appendAuto(value, to: &$0) } }

    /// The fixed-point ranges as `FixedSpelling.auto` spells them; the rest here.
    private static func appendAuto(_ value: Double, to out: inout ByteBuffer) {
        var spelled = false
        out.write(upTo: FixedSpelling.room) { room in
            guard let end = FixedSpelling.auto.write(value, into: room, at: 0) else { return 0 }
            spelled = true
            return end
        }
        if spelled { return }
        if abs(value) >= 1_000_000 { return appendCompact(value, to: &out) }
        var text = NumberText.significant(value, digits: 3)  // below 1, and NaN
        text.withUTF8 { out.append($0) }
    }

    /// `950`, `1.2K`, `34M`, `5.6B`, `7.1T`.
    private static let compactSuffixes: [StaticString] = ["", "K", "M", "B", "T"]
    private static let currencySymbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹", "KRW": "₩",
                                          "CAD": "CA$", "AUD": "A$", "BRL": "R$", "MXN": "MX$", "CHF": "CHF\u{00A0}"]
    private static let byteUnits: [StaticString] = [" B", " KB", " MB", " GB", " TB", " PB"]

    static func compact(_ value: Double) -> String { spelled { appendCompact(value, to: &$0) } }

    private static func appendCompact(_ value: Double, to out: inout ByteBuffer) {
        let suffixes = compactSuffixes
        var scaled = abs(value)
        var index = 0
        while scaled >= 999.95 && index < suffixes.count - 1 { scaled /= 1000; index += 1 }
        if index == 0 {
            return NumberText.appendFixed(value, decimals: abs(value) < 10 ? 2 : 1, trim: true, to: &out)
        }
        let decimals = scaled < 100 ? 1 : 0
        let signed = value < 0 ? -scaled : scaled
        NumberText.appendFixed(signed, decimals: decimals, trim: true, to: &out)
        append(suffixes[index], to: &out)
    }

    private static func append(_ literal: StaticString, to out: inout ByteBuffer) {
        out.append(literal)
    }

    /// Currency symbol (or code) prefix; JPY/KRW have no minor unit.
    /// Spelled in one buffer; without a code (dollars) no code is looked up.
    static func money(_ value: Double, decimals: Int, code: String?) -> String {
        var prefix = "$", places = decimals
        if let code {
            let code = code.uppercased()
            if code == "JPY" || code == "KRW" { places = 0 }
            prefix = currencySymbols[code] ?? (code + "\u{00A0}")
        }
        // A minus only when the spelled amount is not zero (`-0.001` is `$0.00`); infinities
        // and amounts spelled in scientific notation are never zero.
        let negative = value < 0 && NumberText.roundedHalfAway(-value * NumberText.pow10(places)) != 0
        return spelled { out in
            if negative { out.append(0xE2); out.append(0x88); out.append(0x92) }  // U+2212
            prefix.withUTF8 { out.append($0) }
            NumberText.appendFixed(abs(value), decimals: places, to: &out)
        }
    }

    /// Binary multiples: `512 B`, `1.5 KB`, `20 MB`.
    static func bytes(_ value: Double) -> String { spelled { appendBytes(value, to: &$0) } }

    private static func appendBytes(_ value: Double, to out: inout ByteBuffer) {
        let units = byteUnits
        var scaled = abs(value)
        var index = 0
        while scaled >= 1023.95 && index < units.count - 1 { scaled /= 1024; index += 1 }
        let decimals = index == 0 ? 0 : (scaled < 100 ? 1 : 0)
        let signed = value < 0 ? -scaled : scaled
        NumberText.appendFixed(signed, decimals: decimals, trim: true, to: &out)
        append(units[index], to: &out)
    }

    /// Seconds as `250ms`, `4.5s`, `3m 20s`, `2h 5m`, `3d 4h`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return NumberText.fixed(seconds, decimals: 0) }
        let sign = seconds < 0 ? NumberText.minus : ""
        let s = abs(seconds)
        if s == 0 { return "0s" }
        if s < 1 { return sign + NumberText.fixed(s * 1000, decimals: 0) + "ms" }
        if s < 60 { return sign + NumberText.fixed(s, decimals: 1, trim: true) + "s" }
        let total = Int(s.rounded())
        let days = total / 86_400, hours = (total % 86_400) / 3600, minutes = (total % 3600) / 60, secs = total % 60
        if days > 0 { return sign + "\(days)d" + (hours > 0 ? " \(hours)h" : "") }
        if hours > 0 { return sign + "\(hours)h" + (minutes > 0 ? " \(minutes)m" : "") }
        return sign + "\(minutes)m" + (secs > 0 ? " \(secs)s" : "")
    }

    /// Epoch seconds (UTC) as `Mar 5, 2024`, `Mar 2024`, `2024`, `Mar 5, 2024, 14:30 UTC`.
    static func temporal(_ epochSeconds: Double, _ token: FormatToken) -> String {
        let c = CivilDate(epochSeconds: epochSeconds)
        let month = CivilDate.monthAbbreviations[c.month - 1]
        switch token {
        case .year: return String(c.year)
        case .month: return "\(month) \(c.year)"
        case .datetime: return "\(month) \(c.day), \(c.year), \(twoDigits(c.hour)):\(twoDigits(c.minute)) UTC"
        default: return "\(month) \(c.day), \(c.year)"
        }
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
