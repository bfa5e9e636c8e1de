/// Resource limits of one render, in one place. Anything past a limit is cut and says so.
public struct RenderLimits: Sendable {
    /// Deepest container nesting rendered; deeper subtrees become a notice.
    public var maxDepth = 24
    /// Most nodes rendered per surface.
    public var maxNodes = 2000
    /// Most rows rendered per Table (the rest are summarised in a note).
    public var maxTableRows = 1000
    /// Most data rows a chart reads.
    public var maxChartRows = 5000
    /// Most rows in a chart's data-table fallback.
    public var maxChartTableRows = 1000
    /// Longest plain string rendered (characters); longer ones are cut with an ellipsis.
    public var maxStringLength = 20_000
    /// Largest markdown source (UTF-8 bytes).
    public var maxMarkdownBytes = 100_000

    public init() {}

    /// The defaults.
    public static let standard = RenderLimits()
}
