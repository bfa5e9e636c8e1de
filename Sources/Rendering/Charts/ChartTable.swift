import Components

/// A chart's data: a view of the catalog's own rows of cells, not a copy. Building typed
/// arrays from every cell first cost about 150 instructions a cell (30,000 cells on the
/// benchmark page) while each reader reads a cell only once or twice, so the data table, the time
/// axis and the marks read the catalog's `Cell`s in place (an array of arrays shares its
/// storage, so holding the rows costs one reference count).
public struct ChartTable: Sendable {
    /// The rows, as the catalog holds them (rows may differ in length).
    let cells: ArraySlice<[Cell]>

    /// Number of rows.
    public var rowCount: Int { cells.count }
    /// Cells per row: the widest row's (a short row reads as nulls at its end).
    let width: Int

    /// The table of the catalog's `rows` (rows may differ in length).
    init(_ rows: ArraySlice<[Cell]>) {
        cells = rows
        width = rows.reduce(0) { max($0, $1.count) }
    }

    /// The table of engine `rows` (tests, sparklines and other callers without a catalog node).
    public init(rows: [[ChartSpec.Value]]) {
        self.init(rows.map { $0.map(Cell.init) }[...])
    }

    /// Cell (`row`, `column`), null past the end of a short row.
    @inline(__always)
    func cell(_ row: Int, _ column: Int) -> Cell {
        let cells = self.cells[cells.startIndex + row]
        return column < cells.count ? cells[column] : .null
    }

    /// The data as rows of cells.
    public var rows: [[ChartSpec.Value]] {
        (0..<rowCount).map { r in (0..<width).map { value(row: r, column: $0) } }
    }

    /// Cell (`row`, `column`), null past the table's width.
    func value(row: Int, column: Int) -> ChartSpec.Value { ChartSpec.Value(cell(row, column)) }

    /// Each cell of `column` as a number (`ChartSpec.Value.number()`): number cells, numeric
    /// strings, and a non-finite value where the cell has no number, so readers test `isFinite`.
    func numbers(_ column: Int) -> [Double] {
        (0..<rowCount).map { r in
            switch cell(r, column) {
            case .number(let n): return n
            case .string(let s): return Double(s) ?? .nan
            case .bool, .null: return .nan
            }
        }
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
        var keys: [String] = []
        var index: [String: Int] = [:]
        // The id of the last key looked up: long-form data either repeats a key over a run of
        // rows (a week's products) or cycles through the keys in order (every product in each
        // week), so the last key, then the one after it, are tried before a search. A row's id
        // depends only on its key, so the order of the tries changes no id; equal strings
        // compare as equal words, and a string cell is its own key (no `ChartSpec.Value`).
        var last = -1
        for r in 0..<rowCount {
            let key: String
            switch cell(r, column) {
            case .null: continue
            case .string(let s): key = s
            case let other:
                guard let k = ChartSpec.Value(other).key else { continue }
                key = k
            }
            if last >= 0, keys[last] == key { ids[r] = last; continue }
            let next = last + 1 < keys.count ? last + 1 : 0
            if next < keys.count, keys[next] == key {
                ids[r] = next; last = next
                continue
            }
            // Few distinct keys (series, groups): comparing with each beats hashing the key.
            if let id = keys.count <= 16 ? keys.firstIndex(of: key) : index[key] {
                ids[r] = id; last = id
            } else {
                last = keys.count
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
