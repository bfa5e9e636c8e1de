/// Colours: the Okabe–Ito colour-blind-safe categorical palette (as CSS classes `c0`…`c7`, so
/// light/dark themes can retint them) and a perceptually ordered sequential ramp for heatmaps.
public enum Palette {
    /// Okabe & Ito (2008), ordered so neighbours stay distinct for deuteranopes and protanopes.
    public static let categorical = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
    /// Dark-theme variants (lighter blue and black → light grey) for contrast on dark backgrounds.
    public static let categoricalDark = ["#3D9BE0", "#E69F00", "#19B58A", "#F07A3A", "#7CC8F0", "#DE93BD", "#F0E442", "#D0D0D0"]
    /// A cividis-like ramp (light → dark blue), readable for colour-vision deficiencies.
    public static let sequential = ["#F2F6D6", "#CFE3B5", "#A3CFA8", "#73B6A6", "#4C9AA4", "#327C9F", "#255D93", "#1E3F7D", "#1A2A5E"]

    /// Prebuilt class lists for the hot per-mark loops (no string building per mark).
    static let barClasses = (0..<8).map { "mark bar c\($0)" }
    static let negativeBarClasses = (0..<8).map { "mark bar c\($0) negative" }
    static let filledPointClasses = (0..<8).map { "mark point filled c\($0)" }
    static let sequentialPointClasses = (0..<9).map { "mark point filled seq q\($0)" }
    static let cellClasses = (0..<9).map { "mark cell q\($0)" }
    /// The same classes as prepared markup (`ShapeMarkup`) for the marks drawn thousands of times.
    static let barShapes = barClasses.map { ShapeMarkup(.rect, [.x, .y, .width, .height], class: $0) }
    static let negativeBarShapes = negativeBarClasses.map { ShapeMarkup(.rect, [.x, .y, .width, .height], class: $0) }
    static let filledPointShapes = filledPointClasses.map { ShapeMarkup(.circle, [.cx, .cy, .r], class: $0) }
    static let sequentialPointShapes = sequentialPointClasses.map { ShapeMarkup(.circle, [.cx, .cy, .r], class: $0) }
    static let cellShapes = cellClasses.map { ShapeMarkup(.rect, [.x, .y, .width, .height], class: $0) }
    static let cellLabelClasses = (0..<9).map { "cell-label on-q\($0)" }

    /// The CSS class that colours series `index`.
    static func seriesClass(_ index: Int) -> String { "c\(index % categorical.count)" }

    /// Dark-theme ramp: from near the background to bright, so "more" still reads as "stronger".
    public static let sequentialDark = ["#1D2733", "#1F3A4F", "#1F5068", "#23677C", "#2F7F89", "#4A978F", "#6FAE8F", "#9CC48F", "#D2DA93"]

    /// The sequential step (0…8) for `t` in [0, 1]; cells use class `q<step>` so each theme
    /// supplies its own ramp (and the legend shows exactly these steps).
    static func sequentialStep(_ t: Double) -> Int {
        guard t.isFinite else { return 0 }
        return Int((min(max(t, 0), 1) * Double(sequential.count - 1)).rounded())
    }
}
