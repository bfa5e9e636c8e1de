/// Line-based unified diff (Myers' O(ND) algorithm), for golden-file mismatches.
enum UnifiedDiff {
    private enum Op { case keep(Int, Int), delete(Int), insert(Int) }

    /// A unified diff of `old` → `new` with `context` lines around each change; empty when equal.
    static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if a == b { return "" }
        let ops = script(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group operations into hunks separated by more than 2*context unchanged lines.
        var i = 0
        while i < ops.count {
            guard let firstChange = ops[i...].firstIndex(where: { if case .keep = $0 { return false }; return true }) else { break }
            var end = firstChange
            var lastChange = firstChange
            while end < ops.count {
                if case .keep = ops[end] {
                    if end - lastChange > 2 * context { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            let start = max(i, firstChange - context)
            let stop = min(ops.count, lastChange + context + 1)
            var lines: [String] = []
            var oldStart = -1, newStart = -1, oldCount = 0, newCount = 0
            for op in ops[start..<stop] {
                switch op {
                case .keep(let x, let y):
                    if oldStart < 0 { oldStart = x; newStart = y }
                    lines.append(" " + a[x]); oldCount += 1; newCount += 1
                case .delete(let x):
                    if oldStart < 0 { oldStart = x; newStart = nextNew(ops, from: start) }
                    lines.append("-" + a[x]); oldCount += 1
                case .insert(let y):
                    if oldStart < 0 { oldStart = nextOld(ops, from: start); newStart = y }
                    lines.append("+" + b[y]); newCount += 1
                }
            }
            out += "@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@\n" + lines.joined(separator: "\n") + "\n"
            i = stop
        }
        return out
    }

    private static func nextNew(_ ops: [Op], from: Int) -> Int {
        for op in ops[from...] { if case .insert(let y) = op { return y }; if case .keep(_, let y) = op { return y } }
        return 0
    }

    private static func nextOld(_ ops: [Op], from: Int) -> Int {
        for op in ops[from...] { if case .delete(let x) = op { return x }; if case .keep(let x, _) = op { return x } }
        return 0
    }

    /// The shortest edit script between two line arrays.
    private static func script(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        // Past `editBudget` edits the files are unrelated: show a whole replacement instead of
        // spending quadratic memory on the trace.
        let editBudget = 500
        if abs(n - m) > editBudget {
            return (0..<n).map { Op.delete($0) } + (0..<m).map { Op.insert($0) }
        }
        let maxD = n + m
        let offset = maxD
        var v = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...maxD {
            if d > editBudget { break }
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n, y >= m { found = true; break outer }
            }
        }
        if !found { return (0..<n).map { Op.delete($0) } + (0..<m).map { Op.insert($0) } }
        // Walk the trace backwards to recover the path.
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d]
            let k = x - y
            let prevK: Int
            if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) { prevK = k + 1 } else { prevK = k - 1 }
            let prevX = vd[offset + prevK]
            let prevY = prevX - prevK
            while x > prevX, y > prevY { x -= 1; y -= 1; ops.append(.keep(x, y)) }
            if d > 0 {
                if x == prevX { y -= 1; ops.append(.insert(y)) } else { x -= 1; ops.append(.delete(x)) }
            }
        }
        return ops.reversed()
    }
}
