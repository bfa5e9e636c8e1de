import JSONSchema

/// The mutable state of one compilation: the grammar under construction, rule caches, warnings and
/// the work counters checked against `CompileLimits`.
final class CompilerContext {
    let options: CompileOptions
    let limits: CompileLimits
    let resolver: SchemaResolver
    let merger: SchemaMerger
    var grammar = Grammar()
    var warnings: [SchemaError] = []
    /// Shared lexical and built-in rules by name (`json-string`, `ws`, …).
    var named: [String: RuleID] = [:]
    /// One rule per resolved `$ref` target.
    var locations: [JSONPointer: RuleID] = [:]
    var visited = 0
    var totalStates = 0
    /// `JSONStringEncoding.encode`, memoized for the process by content DFA and limits (formats and
    /// patterns recur across schemas); contents above `encodingCacheMaxStates` states are not kept.
    /// `content` is minimal and well-formed UTF-8: every DFA the compiler builds is (from patterns,
    /// formats, names and lengths, and their products), which `testCompilerContentIsWellFormed` checks.
    func encode(_ content: ByteDFA) throws -> ByteDFA {
        let limits = automataLimits
        guard content.stateCount <= Self.encodingCacheMaxStates else {
            return try JSONStringEncoding.encode(content, limits: limits, wellFormed: true)
        }
        return try Self.encodings.value(EncodingKey(content: content, limits: limits)) {
            try JSONStringEncoding.encode(content, limits: limits, wellFormed: true)
        }
    }
    private struct EncodingKey: Hashable, Sendable {
        var content: ByteDFA
        var limits: AutomataLimits
    }
    private static let encodings = SharedCache<EncodingKey, ByteDFA>(capacity: 256)
    static let encodingCacheMaxStates = 4096

    init(options: CompileOptions, resolver: SchemaResolver) {
        self.options = options
        self.limits = options.limits
        self.resolver = resolver
        self.merger = SchemaMerger(resolver: resolver, limits: options.limits)
    }

    var automataLimits: AutomataLimits { merger.automataLimits }

    // MARK: Rules

    /// Adds a rule (checking the rule and state limits) and returns its id.
    func add(_ name: String, _ body: Rule.Body, at pointer: JSONPointer = .root) throws -> RuleID {
        guard grammar.rules.count < limits.maxRules else {
            throw SchemaError(pointer, "the grammar needs more than \(limits.maxRules) rules (CompileLimits.maxRules)")
        }
        try count(body, at: pointer)
        return grammar.add(Rule(name: name, body: body))
    }

    func add(_ name: String, _ builder: AutomatonBuilder, at pointer: JSONPointer = .root) throws -> RuleID {
        try add(name, .automaton(builder.build()), at: pointer)
    }

    /// Reserves a rule id whose body is set later (for recursion); it matches nothing until then.
    func reserve(_ name: String, at pointer: JSONPointer = .root) throws -> RuleID {
        try add(name, .automaton(JSONLexical.neverAutomaton()), at: pointer)
    }

    func define(_ id: RuleID, _ body: Rule.Body, at pointer: JSONPointer = .root) throws {
        try count(body, at: pointer)
        grammar[id].body = body
    }

    private func count(_ body: Rule.Body, at pointer: JSONPointer) throws {
        if case .automaton(let a) = body { totalStates += a.states.count }
        guard totalStates <= limits.maxStates else {
            throw SchemaError(pointer, "the grammar needs more than \(limits.maxStates) automaton states (CompileLimits.maxStates)")
        }
    }

    /// A shared rule, built once per compilation (so equal lexical pieces have one rule the engine can cache).
    func shared(_ name: String, _ make: () throws -> Rule.Body) throws -> RuleID {
        if let id = named[name] { return id }
        let id = try reserve(name)
        named[name] = id
        try define(id, try make())
        return id
    }

    /// A rule matching exactly one of `rules` (the rule itself when there is one). `name` is
    /// spelled only when a rule is made (most unions have one alternative).
    func union(_ rules: [RuleID], name: @autoclosure () -> String, at pointer: JSONPointer) throws -> RuleID {
        var unique: [RuleID] = []
        for r in rules where !unique.contains(r) { unique.append(r) }
        let never = try neverRule()
        if unique.count > 1 { unique.removeAll { $0 == never } }
        if unique.count == 1 { return unique[0] }
        if unique.isEmpty { return never }
        var b = AutomatonBuilder()
        let end = b.addState(accepting: true)
        for r in unique { b.call(AutomatonBuilder.start, r, end) }
        return try add(name(), b, at: pointer)
    }

    /// A non-fatal problem: an error, or a warning in lenient mode.
    func unsupported(_ pointer: JSONPointer, _ message: String) throws {
        let error = SchemaError(pointer, message)
        guard options.lenient else { throw error }
        warnings.append(error)
    }

    // MARK: Built-in rules

    /// Optional whitespace at a token boundary, or nil in compact mode.
    var whitespace: RuleID? {
        get throws {
            guard case .flexible(let maxRun) = options.whitespace, maxRun > 0 else { return nil }
            return try shared("ws") { .automaton(JSONLexical.whitespaceAutomaton(maxRun: maxRun)) }
        }
    }

    func neverRule() throws -> RuleID { try shared("never") { .automaton(JSONLexical.neverAutomaton()) } }

    func stringRule() throws -> RuleID { try shared("json-string") { .automaton(JSONLexical.stringAutomaton()) } }

    func charRule() throws -> RuleID { try shared("json-char") { .automaton(JSONLexical.charAutomaton()) } }

    func numberRule(integerOnly: Bool) throws -> RuleID {
        try shared(integerOnly ? "json-integer" : "json-number") {
            .automaton(JSONLexical.numberAutomaton(integerOnly: integerOnly))
        }
    }

    func literalRule(_ text: String) throws -> RuleID {
        try shared("json-\(text)") {
            var b = AutomatonBuilder()
            b.accept(b.literal(AutomatonBuilder.start, text.utf8))
            return .automaton(b.build())
        }
    }

    func booleanRule() throws -> RuleID {
        try shared("json-boolean") {
            var b = AutomatonBuilder()
            let end = b.addState(accepting: true)
            b.epsilon(b.literal(AutomatonBuilder.start, "true".utf8), end)
            b.epsilon(b.literal(AutomatonBuilder.start, "false".utf8), end)
            return .automaton(b.build())
        }
    }

    /// `ws? , ws?` — the separator of array items and object members.
    func commaRule() throws -> RuleID {
        let ws = try whitespace
        return try shared("comma") {
            var b = AutomatonBuilder()
            var s = b.optional(AutomatonBuilder.start, call: ws)
            s = b.literal(s, [UInt8(ascii: ",")])
            b.accept(b.optional(s, call: ws))
            return .automaton(b.build())
        }
    }

    /// Any JSON value (the schema `{}` / `true`).
    func anyValueRule() throws -> RuleID {
        if let id = named["any-value"] { return id }
        let value = try reserve("any-value")
        named["any-value"] = value
        let ws = try whitespace
        let member = try shared("any-member") {
            var b = AutomatonBuilder()
            var s = b.then(AutomatonBuilder.start, call: try stringRule())
            s = b.optional(s, call: ws)
            s = b.literal(s, [UInt8(ascii: ":")])
            s = b.optional(s, call: ws)
            b.accept(b.then(s, call: value))
            return .automaton(b.build())
        }
        let members = try shared("any-members") { .repetition(item: member, separator: try commaRule(), min: 1, max: nil) }
        let items = try shared("any-items") { .repetition(item: value, separator: try commaRule(), min: 1, max: nil) }
        let object = try shared("any-object") { .automaton(bracketed(UInt8(ascii: "{"), UInt8(ascii: "}"), content: members, ws: ws)) }
        let array = try shared("any-array") { .automaton(bracketed(UInt8(ascii: "["), UInt8(ascii: "]"), content: items, ws: ws)) }
        var b = AutomatonBuilder()
        let end = b.addState(accepting: true)
        for r in [object, array, try stringRule(), try numberRule(integerOnly: false), try booleanRule(), try literalRule("null")] {
            b.call(AutomatonBuilder.start, r, end)
        }
        try define(value, .automaton(b.build()))
        return value
    }

    /// `open ws? (content ws?)? close`.
    func bracketed(_ open: UInt8, _ close: UInt8, content: RuleID, ws: RuleID?) -> Automaton {
        var b = AutomatonBuilder()
        let s = b.optional(b.literal(AutomatonBuilder.start, [open]), call: ws)
        let afterContent = b.optional(b.then(s, call: content), call: ws)
        let end = b.addState(accepting: true)
        b.byte(s, close, end)
        b.byte(afterContent, close, end)
        return b.build()
    }
}
