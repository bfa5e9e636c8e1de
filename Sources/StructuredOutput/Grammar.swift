/// The grammar IR shared by the schema compiler (JSON Schema → `Grammar`) and the mask engine
/// (`Grammar` × vocabulary → token masks).
///
/// A grammar is a recursive transition network over **bytes**: every rule is either a small
/// automaton whose edges consume one byte from a range or a whole sub-rule (a call, which is how
/// `$ref` recursion and shared sub-schemas are expressed), or a counted repetition. Matching keeps a
/// stack of return points, so recursion is exact, never unrolled.
public typealias RuleID = Int32

public struct Grammar: Sendable, Hashable {
    public var rules: [Rule]
    /// The rule a document must match.
    public var start: RuleID

    public init(rules: [Rule] = [], start: RuleID = 0) {
        self.rules = rules
        self.start = start
    }

    /// Appends a rule and returns its id.
    @discardableResult
    public mutating func add(_ rule: Rule) -> RuleID {
        rules.append(rule)
        return RuleID(rules.count - 1)
    }

    public subscript(id: RuleID) -> Rule {
        get { rules[Int(id)] }
        set { rules[Int(id)] = newValue }
    }
}

public struct Rule: Sendable, Hashable {
    /// Where the rule came from (a JSON Pointer into the schema, or a built-in name such as
    /// `json-string`), for dumps and error messages.
    public var name: String
    public var body: Body

    public init(name: String, body: Body) {
        self.name = name
        self.body = body
    }

    public enum Body: Sendable, Hashable {
        /// A finite automaton; state 0 is the start state.
        case automaton(Automaton)
        /// `item (separator item)*`, at least `min` and at most `max` items (`max == nil`: unbounded).
        /// With `min == 0` the empty sequence matches. `item` and `separator` never match the empty
        /// string, so each repetition consumes at least one byte and counts stay bounded by the input.
        case repetition(item: RuleID, separator: RuleID?, min: Int, max: Int?)
    }
}

/// An automaton over bytes and rule calls. It may be nondeterministic (several edges on one byte,
/// several calls from one state); the compiler keeps lexical parts deterministic so matching stays cheap.
public struct Automaton: Sendable, Hashable {
    public var states: [State]

    public init(states: [State] = [State()]) { self.states = states }

    public struct State: Sendable, Hashable {
        /// Byte edges: consume one byte in `lo...hi`, go to `target`.
        public var bytes: [ByteEdge]
        /// Call edges: match rule `rule` completely, then go to `target`.
        public var calls: [CallEdge]
        /// The rule may end in this state.
        public var accepting: Bool

        public init(bytes: [ByteEdge] = [], calls: [CallEdge] = [], accepting: Bool = false) {
            self.bytes = bytes
            self.calls = calls
            self.accepting = accepting
        }
    }

    public struct ByteEdge: Sendable, Hashable {
        public var lo: UInt8
        public var hi: UInt8
        public var target: Int32
        public init(_ lo: UInt8, _ hi: UInt8, _ target: Int32) {
            self.lo = lo
            self.hi = hi
            self.target = target
        }
    }

    public struct CallEdge: Sendable, Hashable {
        public var rule: RuleID
        public var target: Int32
        public init(_ rule: RuleID, _ target: Int32) {
            self.rule = rule
            self.target = target
        }
    }

    /// Adds a state and returns its index.
    @discardableResult
    public mutating func addState(accepting: Bool = false) -> Int32 {
        states.append(State(accepting: accepting))
        return Int32(states.count - 1)
    }

    public mutating func addBytes(from: Int32, _ lo: UInt8, _ hi: UInt8, to: Int32) {
        states[Int(from)].bytes.append(ByteEdge(lo, hi, to))
    }

    public mutating func addCall(from: Int32, rule: RuleID, to: Int32) {
        states[Int(from)].calls.append(CallEdge(rule, to))
    }
}
