/// Semantic colour role (`$defs/Tone`). The model never picks raw colours.
public enum Tone: String, CatalogEnum { case neutral, info, success, warning, danger, accent }

/// Number/date display token (`$defs/Format`). Percent formats take fractions (0.123 → 12.3%);
/// currency formats use the node's `currency` (default USD); `duration` takes seconds;
/// `date`, `month`, `year` and `datetime` take ISO-8601 strings.
public enum Format: String, CatalogEnum {
    case auto, integer, decimal1, decimal2, percent0, percent1, compact, currency0, currency2
    case bytes, duration, date, month, year, datetime

    /// True for the formats whose input is a fraction shown as a percent.
    public var isPercent: Bool { self == .percent0 || self == .percent1 }
}

/// Measurement type of a chart field (`$defs/FieldType`).
public enum FieldType: String, CatalogEnum { case quantitative, temporal, ordinal, nominal }

/// Space between children of a Grid or Stack.
public enum Gap: String, CatalogEnum { case sm, md, lg }

/// Direction of a Stack.
public enum StackDirection: String, CatalogEnum { case row, column }

/// Cross-axis alignment of a Stack.
public enum StackAlign: String, CatalogEnum { case start, center, end, stretch }

/// Text size of a Text node.
public enum TextSize: String, CatalogEnum { case sm, md, lg }

/// Box aspect ratio of an Image.
public enum ImageAspect: String, CatalogEnum {
    case square = "1:1", fourThree = "4:3", sixteenNine = "16:9", auto
}
