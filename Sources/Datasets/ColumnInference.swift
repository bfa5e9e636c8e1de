import Foundation

/// The type of a dataset column, inferred from its values.
public enum ColumnType: String, Sendable, CaseIterable, Codable {
    case integer, number, date, datetime, boolean, category, string

    /// Whether values are numbers (they can be summed and averaged).
    public var isNumeric: Bool { self == .integer || self == .number }
    /// Whether values are ISO dates or date-times.
    public var isTemporal: Bool { self == .date || self == .datetime }
}

/// Summary statistics of one column, for listings and the model's prompt.
public struct ColumnStats: Sendable, Codable, Equatable {
    public var count: Int
    public var missing: Int
    public var distinct: Int
    /// Smallest and largest value (numbers as numbers, dates and text as text), when any.
    public var min: String?
    public var max: String?
    public var mean: Double?
    /// The most frequent values of a category column, most frequent first (at most 8).
    public var top: [String]
}

/// One column: name, inferred type and statistics.
public struct DatasetColumn: Sendable, Codable, Equatable {
    public var name: String
    public var type: ColumnType
    public var stats: ColumnStats
}

/// Turns text cells (from CSV or JSON records) into typed columns.
///
/// Missing values are empty cells and `NA`, `N/A`, `null`, `NULL`, `NaN`. A column is `boolean`
/// when every value is true/false, `integer` when every value is a whole number, `number` when
/// every value is a number, `date` when every value is a date (`2012-01-31`, `2012/01/31`,
/// `Jan 31 2012`) and `datetime` when every value is a date or an ISO date-time; dates are stored as
/// ISO text. Otherwise it is text: `category` when few distinct values repeat, else `string`. A
/// column whose values are nearly all numbers (or dates) but not quite is an error naming the first
/// stray cell: silently reading it as text would turn a numeric column into labels.
public enum ColumnInference {
    public static let missingTokens: Set<String> = ["", "NA", "N/A", "null", "NULL", "NaN", "nan", "None"]

    /// A typed cell as stored.
    public enum Value: Sendable, Hashable {
        case null, integer(Int64), real(Double), text(String), bool(Bool)

        var sql: SQLValue {
            switch self {
            case .null: return .null
            case .integer(let i): return .integer(i)
            case .real(let d): return .real(d)
            case .text(let s): return .text(s)
            case .bool(let b): return .integer(b ? 1 : 0)
            }
        }
    }

    /// Typed columns and rows from a header and text records; `lines` locate records for errors.
    public static func infer(header: [String], records: [[String]], lines: [Int]? = nil) throws(ImportError) -> (columns: [DatasetColumn], rows: [[Value]]) {
        try checkHeader(header)
        var columns: [DatasetColumn] = []
        var typed: [[Value]] = []
        for c in header.indices {
            let cells = records.map { $0[c] }
            let (type, values) = try column(named: header[c], index: c, cells: cells, lines: lines)
            columns.append(DatasetColumn(name: header[c], type: type, stats: stats(values, type: type)))
            typed.append(values)
        }
        let rows = records.indices.map { r in typed.map { $0[r] } }
        return (columns, rows)
    }

    /// Names must be present, unique, printable and at most 64 characters. Any other text is a
    /// fine name (`select`, `a"; drop table x`): names only ever reach SQL quoted, after being
    /// matched against this list.
    static func checkHeader(_ header: [String]) throws(ImportError) {
        guard !header.isEmpty else { throw ImportError("no columns", line: 1) }
        var seen = Set<String>()
        for (i, name) in header.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw ImportError("column \(i + 1) has no name", line: 1, column: i + 1) }
            guard trimmed.count <= 64 else { throw ImportError("column name \"\(trimmed.prefix(20))…\" is longer than 64 characters", line: 1, column: i + 1) }
            guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw ImportError("column name \"\(trimmed)\" has control characters", line: 1, column: i + 1)
            }
            guard seen.insert(trimmed).inserted else { throw ImportError("column name \"\(trimmed)\" is repeated", line: 1, column: i + 1) }
        }
    }

    private enum Kind { case missing, bool, integer, number, date, datetime, text }

    private static func column(named name: String, index: Int, cells: [String], lines: [Int]?) throws(ImportError) -> (ColumnType, [Value]) {
        var kinds: [Kind] = []
        kinds.reserveCapacity(cells.count)
        var counts: [Kind: Int] = [:]
        for cell in cells {
            let k = kind(of: cell)
            kinds.append(k)
            counts[k, default: 0] += 1
        }
        let present = cells.count - (counts[.missing] ?? 0)
        func only(_ allowed: Set<Kind>) -> Bool { counts.keys.allSatisfy { $0 == .missing || allowed.contains($0) } }
        let type: ColumnType
        if present == 0 {
            type = .string
        } else if only([.bool]) {
            type = .boolean
        } else if only([.integer]) {
            type = .integer
        } else if only([.integer, .number]) {
            type = .number
        } else if only([.date]) {
            type = .date
        } else if only([.date, .datetime]) {
            type = .datetime
        } else {
            // Mostly numbers or mostly dates, with strays: an error at the first stray cell.
            let numeric = (counts[.integer] ?? 0) + (counts[.number] ?? 0)
            let temporal = (counts[.date] ?? 0) + (counts[.datetime] ?? 0)
            for (what, n, good) in [("a number", numeric, Set<Kind>([.integer, .number])), ("a date", temporal, Set<Kind>([.date, .datetime]))]
            where n >= 10 && Double(n) >= 0.9 * Double(present) {
                let r = kinds.firstIndex { $0 != .missing && !good.contains($0) }!
                throw ImportError("column \"\(name)\": \"\(cells[r].prefix(40))\" is not \(what), but \(n) of its \(present) values are; fix the value or leave the cell empty",
                                  line: lines?[r], column: index + 1)
            }
            let distinct = Set(cells).count
            type = distinct <= max(2, min(50, present / 2)) ? .category : .string
        }
        let values = zip(cells, kinds).map { cell, k in value(cell, kind: k, as: type) }
        return (type, values)
    }

    /// `s` without surrounding spaces and tabs (most cells have none: no copy then).
    @inline(__always)
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    private static func kind(of raw: String) -> Kind {
        let s = trimmed(raw)
        if missingTokens.contains(s) { return .missing }
        if s.utf8.count == 4 || s.utf8.count == 5 {
            let lower = s.lowercased()
            if lower == "true" || lower == "false" { return .bool }
        }
        if isInteger(s) { return Int64(s) != nil ? .integer : .number }
        if isDecimal(s), Double(s)?.isFinite == true { return .number }
        if normalizedDate(s) != nil { return .date }
        if normalizedDateTime(s) != nil { return .datetime }
        return .text
    }

    private static func value(_ raw: String, kind: Kind, as type: ColumnType) -> Value {
        let s = trimmed(raw)
        if kind == .missing { return .null }
        switch type {
        case .boolean: return .bool(s.lowercased() == "true")
        case .integer: return Int64(s).map(Value.integer) ?? .null
        case .number: return Double(s).map(Value.real) ?? .null
        case .date: return normalizedDate(s).map(Value.text) ?? .null
        case .datetime: return (normalizedDateTime(s) ?? normalizedDate(s).map { $0 + "T00:00:00" }).map(Value.text) ?? .null
        case .category, .string: return .text(raw)
        }
    }

    private static func isInteger(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if u.first == UInt8(ascii: "-") || u.first == UInt8(ascii: "+") { u = u.dropFirst() }
        return !u.isEmpty && u.count <= 19 && u.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `-12.5`, `3.`, `.5`, `1e6`: digits with an optional point and exponent (no `inf`, no hex).
    private static func isDecimal(_ s: String) -> Bool {
        var digit = false
        for b in s.utf8 {
            switch b {
            case 0x30...0x39: digit = true
            case 0x2E, 0x65, 0x45, 0x2B, 0x2D: continue  // . e E + -
            default: return false
            }
        }
        return digit
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `YYYY-MM-DD`, `YYYY/MM/DD` or `Mon D YYYY` as `YYYY-MM-DD`, if it is a real calendar date.
    static func normalizedDate(_ s: String) -> String? {
        var y = 0, m = 0, d = 0
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        if parts.count == 3, parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
           let yy = Int(parts[0]), let mm = Int(parts[1]), let dd = Int(parts[2]) {
            (y, m, d) = (yy, mm, dd)
        } else {
            let words = s.split(separator: " ")
            guard words.count == 3, let mi = months.firstIndex(of: words[0].prefix(3).lowercased()), words[0].count <= 9,
                  let dd = Int(words[1].trimmingCharacters(in: CharacterSet(charactersIn: ","))), let yy = Int(words[2]), words[2].count == 4 else { return nil }
            (y, m, d) = (yy, mi + 1, dd)
        }
        guard (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y), (0...9999).contains(y) else { return nil }
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// An ISO date-time (`T` or a space between date and time, optional seconds, fraction and
    /// offset), returned with `T` and seconds: `2012-01-31T08:30:00` (offset kept).
    static func normalizedDateTime(_ s: String) -> String? {
        guard s.count >= 16, s.count <= 35 else { return nil }
        let chars = Array(s)
        guard chars[10] == "T" || chars[10] == " ", let date = normalizedDate(String(chars[0..<10])) else { return nil }
        var rest = String(chars[11...])
        var offset = ""
        if rest.hasSuffix("Z") { offset = "Z"; rest.removeLast() }
        else if let r = rest.range(of: "[+-][0-9]{2}:?[0-9]{2}$", options: .regularExpression) { offset = String(rest[r]); rest.removeSubrange(r) }
        let hms = rest.split(separator: ":")
        guard hms.count == 2 || hms.count == 3, let h = Int(hms[0]), let mi = Int(hms[1]), h < 24, mi < 60,
              hms[0].count == 2, hms[1].count == 2 else { return nil }
        var sec = "00"
        if hms.count == 3 {
            let sPart = hms[2]
            guard let secs = Double(sPart), secs < 61, sPart.first?.isNumber == true else { return nil }
            sec = String(sPart)
        }
        return "\(date)T\(hms[0]):\(hms[1]):\(sec)\(offset)"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func stats(_ values: [Value], type: ColumnType) -> ColumnStats {
        var missing = 0
        var numbers: [Double] = []
        var distinctNumbers = Set<Double>()
        var texts: [String] = []
        var frequency: [String: Int] = [:]
        for v in values {
            switch v {
            case .null: missing += 1
            case .integer(let i): numbers.append(Double(i)); distinctNumbers.insert(Double(i))
            case .real(let d): numbers.append(d); distinctNumbers.insert(d)
            case .bool(let b): frequency[b ? "true" : "false", default: 0] += 1
            case .text(let s): texts.append(s); frequency[s, default: 0] += 1
            }
        }
        var stats = ColumnStats(count: values.count - missing, missing: missing, distinct: frequency.count + distinctNumbers.count,
                                min: nil, max: nil, mean: nil, top: [])
        if type.isNumeric, let lo = numbers.min(), let hi = numbers.max() {
            stats.min = Self.number(lo); stats.max = Self.number(hi)
            stats.mean = numbers.reduce(0, +) / Double(numbers.count)
        } else if type.isTemporal || type == .string || type == .category {
            stats.min = texts.min(); stats.max = texts.max()
        }
        if type == .category || type == .boolean {
            stats.top = frequency.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8).map(\.key)
        }
        return stats
    }

    /// Shortest round-tripping spelling of a number (`12`, `0.5`).
    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}
