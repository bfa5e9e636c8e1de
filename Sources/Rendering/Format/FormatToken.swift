/// A number/date format token from the catalog (`Format`), spelled the same way.
public enum FormatToken: String, CaseIterable, Sendable {
    case auto, integer, decimal1, decimal2, percent0, percent1, compact, currency0, currency2
    case bytes, duration, date, month, year, datetime

    /// Whether the token expects an ISO-8601 string rather than a number.
    var isTemporal: Bool {
        switch self {
        case .date, .month, .year, .datetime: return true
        default: return false
        }
    }
}
