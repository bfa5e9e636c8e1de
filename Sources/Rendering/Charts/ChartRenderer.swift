import Components

/// Renders a `ChartSpec` as an accessible `<figure>`: an inline SVG (`role="img"`, `<title>`,
/// `<desc>`), an automatic text summary and a `<details>` data table fallback.
///
/// Output is deterministic: coordinates are rounded to 2 decimals and every id derives from
/// the chart's node id.
public enum ChartRenderer {
    /// Renders `spec` at a nominal `width` in CSS pixels (the SVG scales to its container).
    public static func render(_ spec: ChartSpec, width: Double = 640, maxTableRows: Int = 1000) -> SafeHTML {
        var w = HTMLWriter(capacity: 64 * 1024)
        render(spec, width: width, maxTableRows: maxTableRows, into: &w)
        return w.html
    }

    /// `render` straight into an enclosing writer (no intermediate copy of the chart's markup).
    static func render(_ spec: ChartSpec, width: Double, maxTableRows: Int, into w: inout HTMLWriter) {
        var ctx = ChartContext(spec: spec, width: max(200, width.rounded()))
        let base = "chart-" + spec.id
        let titleID = base + "-title", descID = base + "-desc", summaryID = base + "-summary"
        w.open(.figure, [(.class, "chart chart-\(spec.mark.rawValue)")])
        w.open(.figcaption)
        if let title = spec.title, !title.isEmpty { w.element(.div, [(.class, "chart-title")], text: title) }
        w.element(.p, [(.class, "chart-desc")], text: spec.description)
        w.close(.figcaption)
        // The marks draw straight into `w` after the SVG's start tag (drawn into a canvas of its
        // own, every chart's markup was copied once more). The start tag spells the height, which
        // a mark may still change: it is written with the initial height and replaced if so.
        func svgStartTag(height: Double) -> [(Attr, String)] {
            [(.xmlns, "http://www.w3.org/2000/svg"), (.viewBox, "0 0 \(svgNumber(ctx.width)) \(svgNumber(height))"),
             (.width, svgNumber(ctx.width)), (.height, svgNumber(height)), (.role, "img"),
             (.ariaLabelledby, titleID), (.ariaDescribedby, "\(descID) \(summaryID)"), (.class, "chart-svg"),
             (.focusable, "false")]
        }
        let beforeSVG = w.checkpoint, tagStart = w.count, initialHeight = ctx.height
        w.open(.svg, svgStartTag(height: initialHeight))
        let tagEnd = w.count
        w.element(.title, [(.id, titleID)], text: spec.title ?? spec.description)
        w.element(.desc, [(.id, descID)], text: spec.description)
        // The page's writer is the canvas while the marks draw (moved, not shared, so writing
        // into it copies nothing).
        swap(&w, &ctx.canvas.w)
        var failure: ChartFields.MissingField?
        do {
            switch spec.mark {
            case .bar: try BarMark.draw(&ctx)
            case .line: try LineAreaMark.draw(&ctx, area: false)
            case .area: try LineAreaMark.draw(&ctx, area: true)
            case .point: try PointMark.draw(&ctx)
            case .arc: try ArcMark.draw(&ctx)
            case .rect: try RectMark.draw(&ctx)
            case .histogram: try HistogramMark.draw(&ctx)
            }
        } catch {
            failure = error
        }
        swap(&w, &ctx.canvas.w)
        if let failure {
            w.rewind(to: beforeSVG)
            w.element(.p, [(.class, "chart-error"), (.role, "note")],
                      text: "This chart cannot be drawn: the \(failure.channel) encoding names field “\(failure.field)”, which is not a data column.")
        } else {
            if ctx.height != initialHeight { w.replace(tagStart..<tagEnd, with: HTMLWriter.startTag(.svg, svgStartTag(height: ctx.height))) }
            w.close(.svg)
        }
        DataTable.write(&w, spec: spec, data: ctx.data, maxRows: maxTableRows, summary: ctx.summary.joined(separator: " "), summaryID: summaryID)
        w.close(.figure)
    }
}

/// The `<details>` data-table fallback of a chart.
enum DataTable {
    static func write(_ w: inout HTMLWriter, spec: ChartSpec, data: ChartFields, maxRows: Int, summary: String, summaryID: String) {
        w.open(.details, [(.class, "chart-data")])
        let table = spec.table
        w.element(.summary, text: "Data table (\(table.rowCount) row\(table.rowCount == 1 ? "" : "s"))")
        w.element(.p, [(.class, "chart-summary"), (.id, summaryID)], text: summary)
        w.open(.div, [(.class, "table-scroll")])
        w.open(.table, [(.class, "data-table")])
        w.element(.caption, text: spec.title ?? spec.description)
        w.open(.thead); w.open(.tr)
        for column in spec.columns {
            let numeric = column.type == .quantitative
            w.element(.th, [(.scope, "col")] + (numeric ? [(.class, "num")] : []), text: column.label ?? column.name)
        }
        w.close(.tr); w.close(.thead)
        w.open(.tbody)
        // Up to thousands of rows: the markup before each cell is prepared once per table as a
        // 32-byte piece written in the same reservation as the cell's text (a row's opening with
        // its first cell's start tag before the first cell, the previous row's closing too before
        // the first cell of every other row, `</td><td class="num">` between two cells).
        let n = spec.columns.count
        let cellStart = spec.columns.indices.map { i in
            i == 0 ? HTMLWriter.startTag(.th, [(.scope, "row")])
                : HTMLWriter.startTag(.td, spec.columns[i].type == .quantitative ? [(.class, "num")] : [])
        }
        let cellEnd = spec.columns.indices.map { HTMLWriter.endTag($0 == 0 ? .th : .td) }
        let opening = HTMLWriter.startTag(.tr) + (cellStart.first ?? .empty)
        let closing = (cellEnd.last ?? .empty) + HTMLWriter.endTag(.tr)
        let firstRow = HTMLWriter.Piece(opening), nextRow = HTMLWriter.Piece(closing + opening)
        let between = (0..<max(n, 1)).map { i in i == 0 ? firstRow : HTMLWriter.Piece(cellEnd[i - 1] + cellStart[i]) }
        let formats = spec.columns.map(\.format), currency = spec.currency
        let spellings = formats.map { ValueFormatter.FixedSpelling($0 ?? .auto) }
        let rows = table.cells.prefix(maxRows)
        // Cells are read as `rows[r][i]`, without binding the row or a cell to a local: a bound
        // row cost a retain and release per row, and `i < count ? row[i] : .null` made a copy of
        // every cell (and destroyed it) where the switch can read the cell in place.
        for r in rows.indices {
            let count = rows[r].count
            if n == 0 { w.append(r == rows.startIndex ? firstRow : nextRow) }
            for i in 0..<n {
                let piece = i > 0 ? between[i] : r == rows.startIndex ? firstRow : nextRow
                guard i < count else { w.append(piece, text: "–"); continue }
                // As `ChartFields.display(cell:format:currency:)` spells a cell.
                switch rows[r][i] {
                case .number(let v):
                    if let spelling = spellings[i], w.append(piece, v, spelling) { continue }
                    if spellings[i] == nil { w.append(piece) }
                    w.text(v, format: formats[i] ?? .auto, currency: currency)
                case .string(let s): text(piece, s, format: formats[i], currency: currency, into: &w)
                case .bool(let b): text(piece, b ? "true" : "false", format: formats[i], currency: currency, into: &w)
                case .null: w.append(piece, text: "–")
                }
            }
        }
        if !rows.isEmpty { w.append(HTMLWriter.Piece(closing)) }
        w.close(.tbody)
        w.close(.table)
        if table.rowCount > maxRows {
            w.element(.p, [(.class, "table-note")], text: "Showing the first \(maxRows) of \(table.rowCount) rows.")
        }
        w.close(.div)
        w.close(.details)
    }

    /// `piece`, then a text cell, formatted when its column has a format.
    @inline(__always)
    private static func text(_ piece: HTMLWriter.Piece, _ s: String, format: FormatToken?, currency: String?, into w: inout HTMLWriter) {
        if let format { w.append(piece, text: ValueFormatter.format(s, format, currency: currency)) } else { w.append(piece, text: s) }
    }
}
