/// Resource limits of the mask engine, in one place.
///
/// Every limit bounds work or memory that an adversarial grammar or input could otherwise make
/// unbounded. When a limit is hit the engine degrades conservatively (fewer paths are explored, so
/// fewer tokens are allowed); it never allows a token the grammar rejects.
public struct MatcherLimits: Sendable, Hashable {
    /// Maximum number of live parse stacks (nondeterministic branches) kept after each byte.
    /// Extra stacks are dropped, deterministically keeping the first ones found.
    public var maxStacks: Int
    /// Maximum depth of a parse stack (nested rule calls); deeper pushes are not explored.
    public var maxStackDepth: Int
    /// Frames the per-request arena may hold before it is compacted (unreachable frames dropped).
    public var maxFrames: Int
    /// Maximum closure steps (frames expanded) in one mask computation or one `accept` call;
    /// past it, remaining context-dependent tokens are masked out / the input is rejected.
    public var maxStepsPerOperation: Int
    /// How many accepted tokens `GrammarMatcher.rollback(_:)` can undo.
    public var maxRollbackTokens: Int

    public init(
        maxStacks: Int = 256,
        maxStackDepth: Int = 2_000,
        maxFrames: Int = 1 << 20,
        maxStepsPerOperation: Int = 2_000_000,
        maxRollbackTokens: Int = 64
    ) {
        self.maxStacks = maxStacks
        self.maxStackDepth = maxStackDepth
        self.maxFrames = maxFrames
        self.maxStepsPerOperation = maxStepsPerOperation
        self.maxRollbackTokens = maxRollbackTokens
    }

    /// The defaults: 256 stacks, depth 2,000, 1M frames, 2M steps, 64 tokens of rollback.
    public static let `default` = MatcherLimits()
}
