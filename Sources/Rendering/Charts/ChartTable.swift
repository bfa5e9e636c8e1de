/// A chart's data column by column: what each cell holds, its number and its text, in typed
/// arrays built once per chart. The data table and every mark read these instead of rows of
/// enums, so a 1,000-row chart costs no array per row, and a channel's categories are hashed
/// once (`categories`) instead of at every use.
public struct ChartTable: Sendable {
    /// What a cell holds.
    enum Kind: UInt8, Sendable { case null, number, string }

    struct Column: Sendable {
        var kinds: [Kind] = []
        /// Number cells as given; NaN for the other cells.
        var numbers: [Double] = []
        /// String cells as given and "" for the others; empty when the column has no string.
        var strings: [String] = []

        var hasStrings: Bool { !strings.isEmpty }

        mutating func append(_ value: ChartSpec.Value) {
            switch value {
            case .number(let n):
                kinds.append(.number); numbers.append(n)
                if hasStrings { strings.append("") }
            case .string(let s):
                if !hasStrings { strings = Array(repeating: "", count: kinds.count) }
                kinds.append(.string); numbers.append(.nan); strings.append(s)
            case .null:
                kinds.append(.null); numbers.append(.nan)
                if hasStrings { strings.append("") }
            }
        }

        func value(_ row: Int) -> ChartSpec.Value {
            switch kinds[row] {
            case .null: return .null
            case .number: return .number(numbers[row])
            case .string: return .string(strings[row])
            }
        }
    }

    /// Number of rows.
    public private(set) var rowCount = 0
    /// One entry per column the widest row has (a short row reads as nulls at its end).
    private(set) var columns: [Column] = []

    /// An empty table of `width` columns.
    init(width: Int) { columns = Array(repeating: Column(), count: width) }

    /// The table of `rows` (rows may differ in length).
    public init(rows: [[ChartSpec.Value]]) {
        self.init(width: rows.reduce(0) { max($0, $1.count) })
        for row in rows { append(row) }
    }

    /// Appends one row, reading each of the table's columns with `cell(column)`.
    mutating func appendRow(_ cell: (Int) -> ChartSpec.Value) {
        for c in columns.indices { columns[c].append(cell(c)) }
        rowCount += 1
    }

    mutating func append(_ row: [ChartSpec.Value]) {
        appendRow { $0 < row.count ? row[$0] : .null }
    }

    /// The data as rows of cells.
    public var rows: [[ChartSpec.Value]] {
        (0..<rowCount).map { r in columns.map { $0.value(r) } }
    }

    /// Cell (`row`, `column`), null past the table's width.
    func value(row: Int, column: Int) -> ChartSpec.Value {
        column < columns.count ? columns[column].value(row) : .null
    }

    /// Each cell of `column` as a number (`ChartSpec.Value.number()`): number cells, numeric
    /// strings, and a non-finite value where the cell has no number, so readers test `isFinite`.
    func numbers(_ column: Int) -> [Double] {
        guard column < columns.count else { return Array(repeating: .nan, count: rowCount) }
        let col = columns[column]
        guard col.hasStrings else { return col.numbers }
        var out = col.numbers
        for r in 0..<rowCount where col.kinds[r] == .string { out[r] = Double(col.strings[r]) ?? .nan }
        return out
    }

    /// The distinct category keys of a column and each row's index among them.
    struct Categories {
        /// Keys (`ChartSpec.Value.key`) in first-appearance order, or by time when temporal.
        var keys: [String]
        /// Each row's index in `keys`; nil where the cell is null.
        var ids: [Int?]
    }

    /// The categories of `column`: keys in first-appearance order; `temporal` sorts them by
    /// their ISO-8601 time (unparseable keys last, ties by key).
    func categories(_ column: Int, temporal: Bool) -> Categories {
        var ids = [Int?](repeating: nil, count: rowCount)
        guard column < columns.count else { return Categories(keys: [], ids: ids) }
        let col = columns[column]
        var keys: [String] = []
        var index: [String: Int] = [:]
        for r in 0..<rowCount {
            let key: String
            switch col.kinds[r] {
            case .null: continue
            case .number:
                // A run of equal cells (long-form data repeats its categories) is looked up once.
                if r > 0, col.kinds[r - 1] == .number, col.numbers[r - 1] == col.numbers[r] { ids[r] = ids[r - 1]; continue }
                key = ChartSpec.Value.number(col.numbers[r]).key ?? ""
            case .string:
                if r > 0, col.kinds[r - 1] == .string, col.strings[r - 1] == col.strings[r] { ids[r] = ids[r - 1]; continue }
                key = col.strings[r]
            }
            if let id = index[key] {
                ids[r] = id
            } else {
                ids[r] = keys.count
                index[key] = keys.count
                keys.append(key)
            }
        }
        guard temporal, keys.count > 1 else { return Categories(keys: keys, ids: ids) }
        let times = keys.map { ISO8601.parse($0)?.epochSeconds ?? .infinity }
        let order = keys.indices.sorted { (times[$0], keys[$0]) < (times[$1], keys[$1]) }
        var rank = [Int](repeating: 0, count: keys.count)
        for (position, old) in order.enumerated() { rank[old] = position }
        return Categories(keys: order.map { keys[$0] }, ids: ids.map { $0.map { rank[$0] } })
    }
}
