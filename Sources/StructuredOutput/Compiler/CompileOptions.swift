import JSONSchema

/// How the schema compiler shapes the grammar it emits.
public struct CompileOptions: Sendable, Hashable {
    /// Whitespace allowed between JSON tokens.
    public enum Whitespace: Sendable, Hashable {
        /// No whitespace at all: `{"a":1,"b":[2,3]}`.
        case compact
        /// At every token boundary, an optional run of at most `maxRun` JSON whitespace bytes
        /// (space, tab, LF, CR). Never unbounded, so a model cannot get stuck emitting blanks.
        case flexible(maxRun: Int)
    }

    public var whitespace: Whitespace
    /// Unsupported keywords (and non-disjoint `oneOf`) become warnings and are ignored instead of
    /// failing the compilation. The grammar may then accept instances the schema rejects.
    public var lenient: Bool
    public var limits: CompileLimits

    public init(whitespace: Whitespace = .compact, lenient: Bool = false, limits: CompileLimits = CompileLimits()) {
        self.whitespace = whitespace
        self.lenient = lenient
        self.limits = limits
    }
}

/// Every resource bound of one compilation, in one place. Exceeding one fails the compilation with
/// a `SchemaError` naming the limit, so pathological schemas fail fast instead of hanging.
public struct CompileLimits: Sendable, Hashable {
    /// Rules in the emitted grammar.
    public var maxRules: Int
    /// Automaton states summed over all rules.
    public var maxStates: Int
    /// States of any one automaton built for a string pattern, format, bound or key set.
    public var maxAutomatonStates: Int
    /// Values of one `enum`.
    public var maxEnumLiterals: Int
    /// Bytes of all `enum`/`const` literals of one schema, serialized.
    public var maxEnumBytes: Int
    /// Largest count bound compiled exactly where a bound must be spelled out in states
    /// (`minProperties`/`maxProperties` positions, `prefixItems`). `minItems`/`maxItems`/`maxLength`
    /// use counted repetitions and are not limited by this.
    public var maxUnrolledRepetition: Int
    /// Depth of nested subschemas (and of `allOf`/`$ref` merge chains).
    public var maxNesting: Int
    /// Branches produced when `allOf` distributes over `anyOf`/`oneOf`.
    public var maxBranches: Int
    /// Subschemas visited in total (a work budget).
    public var maxSubschemas: Int

    public init(
        maxRules: Int = 20_000, maxStates: Int = 400_000, maxAutomatonStates: Int = 20_000,
        maxEnumLiterals: Int = 10_000, maxEnumBytes: Int = 1 << 20, maxUnrolledRepetition: Int = 64,
        maxNesting: Int = 128, maxBranches: Int = 256, maxSubschemas: Int = 100_000
    ) {
        self.maxRules = maxRules
        self.maxStates = maxStates
        self.maxAutomatonStates = maxAutomatonStates
        self.maxEnumLiterals = maxEnumLiterals
        self.maxEnumBytes = maxEnumBytes
        self.maxUnrolledRepetition = maxUnrolledRepetition
        self.maxNesting = maxNesting
        self.maxBranches = maxBranches
        self.maxSubschemas = maxSubschemas
    }
}

/// The result of compiling one schema.
public struct CompiledSchema: Sendable {
    public var grammar: Grammar
    /// Keywords ignored in lenient mode and unknown `format`s (annotations, never enforced), each
    /// with its location.
    public var warnings: [SchemaError]
    public var stats: Stats

    /// Size figures of the emitted grammar.
    public struct Stats: Sendable, Hashable {
        public var rules: Int
        public var automatonStates: Int
        public var repetitions: Int
        public var subschemasVisited: Int
    }
}
