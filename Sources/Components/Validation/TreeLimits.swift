/// Resource limits on a component tree, checked by `TreeValidator`. One place for every bound.
public struct TreeLimits: Sendable, Hashable {
    /// Deepest allowed nesting of nodes; the Dashboard is depth 1, its children depth 2, and so on
    /// (a Tab's children are one level below the Tabs node; KPIs in a KPIGroup one below the group).
    public var maxDepth: Int
    /// Most nodes in the tree, counting the Dashboard and every KPI inside KPIGroups.
    public var maxNodes: Int
    /// Most rows in one table or one chart's data.
    public var maxRows: Int
    /// Longest string value anywhere in the surface, in characters.
    public var maxStringLength: Int

    public init(maxDepth: Int = 8, maxNodes: Int = 400, maxRows: Int = 2_000, maxStringLength: Int = 8_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxRows = maxRows
        self.maxStringLength = maxStringLength
    }

    /// The limits the server applies by default.
    public static let `default` = TreeLimits()
}
