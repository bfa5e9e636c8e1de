/// Text width estimates without a browser: Helvetica/Arial advance widths (1/1000 em) for
/// printable ASCII, with class defaults elsewhere. The CSS gives chart text a metric-compatible
/// font stack (Helvetica, Arial, Liberation Sans), so estimates match what the browser draws.
enum TextMetrics {
    private static let ascii: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p … ~
    ]

    /// Advance width of one scalar in 1/1000 em.
    static func advance(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 32 && v < 127 { return Int(ascii[Int(v - 32)]) }
        if v == 0x2212 || v == 0x2013 { return 584 }  // minus sign, en dash
        if v == 0x2026 { return 1000 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || v >= 0x1F300 { return 1000 }
        return 580
    }

    /// Width of `text` in pixels at `fontSize`.
    static func width(_ text: String, fontSize: Double) -> Double {
        var units = 0
        for scalar in text.unicodeScalars { units += advance(scalar) }
        return Double(units) * fontSize / 1000
    }

    /// `text` shortened with an ellipsis so it fits in `maxWidth`.
    static func truncate(_ text: String, fontSize: Double, maxWidth: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        let budget = Int(maxWidth * 1000 / fontSize) - 1000
        guard budget > 0 else { return "…" }
        var units = 0
        var out = ""
        for character in text {
            let w = character.unicodeScalars.reduce(0) { $0 + advance($1) }
            if units + w > budget { break }
            units += w
            out.append(character)
        }
        while out.last == " " { out.removeLast() }
        return out + "…"
    }
}
