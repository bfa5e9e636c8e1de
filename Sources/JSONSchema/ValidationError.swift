/// One reason an instance does not satisfy a schema.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the instance the failing value is.
    public let instancePointer: JSONPointer
    /// The keyword in the schema document that rejected it.
    public let schemaPointer: JSONPointer
    /// A human-readable explanation.
    public let message: String

    public init(instancePointer: JSONPointer, schemaPointer: JSONPointer, message: String) {
        self.instancePointer = instancePointer
        self.schemaPointer = schemaPointer
        self.message = message
    }

    /// `INSTANCE_POINTER: message`, e.g. `/root/children/3/id: duplicate …`.
    public var description: String { "\(instancePointer.display): \(message)" }
}

/// Bounds on the work one validation may do, so a hostile schema or instance cannot hang or
/// overflow the stack. When a limit is hit validation stops and reports one error saying which.
public struct ValidationLimits: Sendable, Equatable {
    /// Deepest nesting of subschema evaluations (applicators, `$ref`, and instance depth combined).
    public var maxDepth: Int
    /// Most subschema evaluations in one `validate` call.
    public var maxSteps: Int
    /// Most errors collected before validation stops early.
    public var maxErrors: Int

    public init(maxDepth: Int = 200, maxSteps: Int = 2_000_000, maxErrors: Int = 1_000) {
        self.maxDepth = maxDepth
        self.maxSteps = maxSteps
        self.maxErrors = maxErrors
    }
}

/// What a subschema evaluated, for `unevaluatedProperties` and `unevaluatedItems`.
struct Annotations {
    var properties: Set<String> = []
    var allProperties = false
    /// Items `0..<itemPrefix` were evaluated.
    var itemPrefix = 0
    var allItems = false
    var containedItems: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        properties.formUnion(other.properties)
        allProperties = allProperties || other.allProperties
        itemPrefix = max(itemPrefix, other.itemPrefix)
        allItems = allItems || other.allItems
        containedItems.formUnion(other.containedItems)
    }
}

/// Mutable state of one `validate` call: the step budget and the `$ref`s being expanded.
final class ValidationRun {
    struct Expansion: Hashable {
        let schema: JSONPointer
        let instance: JSONPointer
    }

    let limits: ValidationLimits
    var steps = 0
    var stopped: ValidationError?
    var expanding: Set<Expansion> = []

    init(limits: ValidationLimits) { self.limits = limits }

    func stop(_ error: ValidationError) {
        if stopped == nil { stopped = error }
    }
}
