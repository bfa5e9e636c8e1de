/// A chart's data as typed arrays, built once per chart: what each cell holds, its number and
/// its text. The data table reads them row by row and every mark column by column, instead of
/// rows of enums: a 1,000-row chart costs no array per row, and a channel's categories are
/// hashed once (`categories`) instead of at every use.
public struct ChartTable: Sendable {
    /// What a cell holds.
    enum Kind: UInt8, Sendable { case null, number, string }

    /// Number of rows.
    public let rowCount: Int
    /// Cells per row: the widest row's (a short row reads as nulls at its end).
    let width: Int
    /// Every cell, row by row (`row * width + column`): what it holds,
    let kinds: [Kind]
    /// its number (NaN unless it is a number cell)
    let numbers: [Double]
    /// and its text as UTF-8, all cells' in one array: cell `k`'s bytes end at `textEnds[k]` and
    /// start where cell `k - 1`'s end (empty unless it is a string cell). Bytes rather than a
    /// `String` per cell: no array of strings to fill with "" and free string by string, and the
    /// data table, time axis and categories read a cell's text in place.
    let text: [UInt8]
    let textEnds: [Int]

    /// The table of `rows` (rows may differ in length).
    public init(rows: [[ChartSpec.Value]]) {
        self.init(rows[...], width: rows.reduce(0) { max($0, $1.count) }) { $0 }
    }

    /// A table of `width` cells per row from `rows` of any cell type. Inlined into each caller, so
    /// that `value` is too.
    @inline(__always)
    init<Cell>(_ rows: ArraySlice<[Cell]>, width: Int, value: (Cell) -> ChartSpec.Value) {
        // Filled in place: a null cell is already what it should be.
        var kinds = [Kind](repeating: .null, count: rows.count * width)
        var numbers = [Double](repeating: .nan, count: rows.count * width)
        var textEnds = [Int](repeating: 0, count: rows.count * width)
        // The text grows in the writer's buffer (inline copies of short strings), then moves to
        // an array in one copy.
        var text = ByteBuffer(capacity: rows.count * width * 8)
        var k = 0
        for row in rows {
            for c in 0..<width {
                if c < row.count {
                    switch value(row[c]) {
                    case .number(let n): kinds[k + c] = .number; numbers[k + c] = n
                    case .string(let s):
                        kinds[k + c] = .string
                        if s.utf8.withContiguousStorageIfAvailable({ text.append($0) }) == nil { text.append(Array(s.utf8)) }
                    case .null: break
                    }
                }
                textEnds[k + c] = text.count
            }
            k += width
        }
        rowCount = rows.count
        self.width = width
        self.kinds = kinds; self.numbers = numbers; self.text = text.array; self.textEnds = textEnds
    }

    /// Where cell `k`'s text lies in `text`.
    @inline(__always)
    func textRange(_ k: Int) -> Range<Int> { (k == 0 ? 0 : textEnds[k - 1])..<textEnds[k] }

    /// Cell `k`'s text as a `String`.
    func string(_ k: Int) -> String { String(decoding: text[textRange(k)], as: UTF8.self) }

    /// Whether `a` and `b` of `text` hold the same bytes. Category texts are short: compared as
    /// two (possibly overlapping) words, like `ByteBuffer.copy`, instead of a `memcmp` call.
    @inline(__always)
    private static func equal(_ text: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        guard let base = text.baseAddress else { return true }
        let p = UnsafeRawPointer(base + a.lowerBound), q = UnsafeRawPointer(base + b.lowerBound)
        if n >= 8 {
            var i = 0
            while n - i > 8 {
                guard p.loadUnaligned(fromByteOffset: i, as: UInt64.self) == q.loadUnaligned(fromByteOffset: i, as: UInt64.self) else { return false }
                i += 8
            }
            return p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == q.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n >= 4 {
            return p.loadUnaligned(as: UInt32.self) == q.loadUnaligned(as: UInt32.self)
                && p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == q.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        var i = 0
        while i < n && p.load(fromByteOffset: i, as: UInt8.self) == q.load(fromByteOffset: i, as: UInt8.self) { i += 1 }
        return i == n
    }

    /// The data as rows of cells.
    public var rows: [[ChartSpec.Value]] {
        (0..<rowCount).map { r in (0..<width).map { value(row: r, column: $0) } }
    }

    /// Cell (`row`, `column`), null past the table's width.
    func value(row: Int, column: Int) -> ChartSpec.Value {
        guard column < width else { return .null }
        let k = row * width + column
        switch kinds[k] {
        case .null: return .null
        case .number: return .number(numbers[k])
        case .string: return .string(string(k))
        }
    }

    /// Each cell of `column` as a number (`ChartSpec.Value.number()`): number cells, numeric
    /// strings, and a non-finite value where the cell has no number, so readers test `isFinite`.
    func numbers(_ column: Int) -> [Double] {
        guard column < width else { return Array(repeating: .nan, count: rowCount) }
        return (0..<rowCount).map { r in
            let k = r * width + column
            return kinds[k] == .string ? Double(string(k)) ?? .nan : numbers[k]
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
        guard column < width else { return Categories(keys: [], ids: ids) }
        var keys: [String] = []
        var index: [String: Int] = [:]
        // Where the text of each key first read from a string cell lies (nil for a number's key):
        // up to 64 keys, a string cell is matched by its bytes, without a `String` or a hash.
        var keyTexts: [Range<Int>?] = []
        text.withUnsafeBufferPointer { text in
            for r in 0..<rowCount {
                let k = r * width + column, previous = k - width
                let key: String
                switch kinds[k] {
                case .null: continue
                case .number:
                    // A run of equal cells (long-form data repeats its categories) is looked up once.
                    if r > 0, kinds[previous] == .number, numbers[previous] == numbers[k] { ids[r] = ids[r - 1]; continue }
                    key = ChartSpec.Value.number(numbers[k]).key ?? ""
                case .string:
                    let range = textRange(k)
                    if r > 0, kinds[previous] == .string, Self.equal(text, textRange(previous), range) { ids[r] = ids[r - 1]; continue }
                    if keys.count <= 64, let id = keyTexts.firstIndex(where: { $0.map { Self.equal(text, $0, range) } ?? false }) {
                        ids[r] = id
                        continue
                    }
                    key = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
                }
                // Few distinct keys (series, groups): comparing with each beats hashing the key.
                if let id = keys.count <= 16 ? keys.firstIndex(of: key) : index[key] {
                    ids[r] = id
                } else {
                    ids[r] = keys.count
                    index[key] = keys.count
                    keys.append(key)
                    keyTexts.append(kinds[k] == .string ? textRange(k) : nil)
                }
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
