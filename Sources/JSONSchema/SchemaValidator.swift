/// Validates JSON instances against one schema document (draft-04 to draft 2020-12).
///
/// Semantics follow the dialect named by the root `$schema` (draft 2020-12 when absent):
/// in draft-04–07 `$ref` hides its sibling keywords, in 2019-09 and later siblings apply. A few
/// keywords are recognised whatever the dialect because their spelling is unambiguous: `items` given
/// as an array is the tuple form (with `additionalItems`), `dependencies` splits into
/// `dependentRequired`/`dependentSchemas`, and a boolean `exclusiveMinimum`/`exclusiveMaximum` is the
/// draft-04 modifier of `minimum`/`maximum`.
///
/// `unevaluatedProperties` and `unevaluatedItems` are best effort: annotations are collected from
/// `properties`, `patternProperties`, `additionalProperties`, `items`, `prefixItems`, `contains` and
/// the nested `unevaluated*` of every *passing* subschema reached through `allOf`, `anyOf`, `oneOf`,
/// `if`/`then`/`else`, `dependentSchemas` and `$ref`; `$dynamicRef` is resolved statically like `$ref`.
///
/// Work is bounded by `ValidationLimits`: a step budget, a nesting depth, and detection of a `$ref` that
/// re-enters itself on the same instance location, so a hostile schema cannot hang the validator.
public struct SchemaValidator: Sendable {
    /// A resolved `$ref` target.
    struct RefTarget: Sendable {
        let schema: JSONValue
        let pointer: JSONPointer
    }

    /// The schema document and its `$id`/`$anchor` index.
    public let resolver: SchemaResolver
    /// Work bounds applied to every `validate` call.
    public var limits: ValidationLimits
    /// Whether `format` is an assertion (true) or only an annotation (false).
    public var assertsFormat: Bool

    let patterns = PatternCache()
    /// Schema pointer of each `$ref`/`$dynamicRef`/`$recursiveRef` keyword → its resolution.
    let refTargets: [JSONPointer: Result<RefTarget, SchemaError>]
    /// Whether the document uses `unevaluatedProperties`/`unevaluatedItems` (annotations are only collected then).
    let tracksAnnotations: Bool
    /// `anyOf`/`oneOf` keywords (by schema pointer) whose branches are told apart by one property.
    let discriminators: [JSONPointer: Discriminator]

    /// An `anyOf`/`oneOf` whose every branch requires a different constant string in the same
    /// property (`{"type": {"const": "Chart"}, …}`): an object carrying one of those values can only
    /// match that branch, so the others need not be evaluated. Component trees are unions like this
    /// at every node.
    struct Discriminator: Sendable {
        let property: String
        let branchByValue: [String: Int]
    }

    /// Builds a validator; throws `SchemaError` when the document is not a schema.
    public init(schema: JSONValue, baseURI: String = "", limits: ValidationLimits = ValidationLimits(), assertsFormat: Bool = true) throws {
        try self.init(resolver: SchemaResolver(document: schema, baseURI: baseURI), limits: limits, assertsFormat: assertsFormat)
    }

    /// Builds a validator over an already indexed document.
    public init(resolver: SchemaResolver, limits: ValidationLimits = ValidationLimits(), assertsFormat: Bool = true) {
        self.resolver = resolver
        self.limits = limits
        self.assertsFormat = assertsFormat
        var targets: [JSONPointer: Result<RefTarget, SchemaError>] = [:]
        var unevaluated = false
        var unions: [(JSONPointer, [JSONValue])] = []
        var budget = 1_000_000
        Self.scan(resolver.document, at: .root, resolver: resolver, targets: &targets, unevaluated: &unevaluated,
                  unions: &unions, budget: &budget)
        self.refTargets = targets
        self.tracksAnnotations = unevaluated
        var discriminators: [JSONPointer: Discriminator] = [:]
        for (pointer, branches) in unions {
            let tags = branches.enumerated().map { Self.constantProperties(of: $1, at: pointer / $0, targets: targets, legacy: resolver.dialect.isLegacy, hops: 0) }
            guard let first = tags.first else { continue }
            for (name, _) in first.sorted(by: { $0.key < $1.key }) {
                var byValue: [String: Int] = [:]
                for (i, t) in tags.enumerated() {
                    guard let value = t[name], byValue[value] == nil else { byValue = [:]; break }
                    byValue[value] = i
                }
                if byValue.count == branches.count {
                    discriminators[pointer] = Discriminator(property: name, branchByValue: byValue)
                    break
                }
            }
        }
        self.discriminators = discriminators
    }

    /// Properties a schema pins to one string (`const`, or a one-value `enum`), following `$ref`.
    private static func constantProperties(of schema: JSONValue, at pointer: JSONPointer,
                                           targets: [JSONPointer: Result<RefTarget, SchemaError>],
                                           legacy: Bool, hops: Int) -> [String: String] {
        guard case .object(let obj) = schema, hops < 16 else { return [:] }
        var found: [String: String] = [:]
        if obj["$ref"]?.stringValue != nil {
            if case .success(let target)? = targets[pointer / "$ref"] {
                found = constantProperties(of: target.schema, at: target.pointer, targets: targets, legacy: legacy, hops: hops + 1)
            }
            if legacy { return found }   // siblings of $ref are ignored before 2019-09
        }
        if case .object(let properties)? = obj["properties"] {
            for (name, sub) in properties {
                guard case .object(let p) = sub else { continue }
                if case .string(let v)? = p["const"] {
                    found[name] = v
                } else if case .array(let values)? = p["enum"], values.count == 1, case .string(let v) = values[0] {
                    found[name] = v
                }
            }
        }
        return found
    }

    /// The dialect the schema is validated with.
    public var dialect: SchemaDialect { resolver.dialect }

    /// Every reason `instance` does not satisfy the schema; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [ValidationError] {
        run(instance, failFast: false)
    }

    /// Whether `instance` satisfies the schema (stops at the first error).
    public func isValid(_ instance: JSONValue) -> Bool {
        run(instance, failFast: true).isEmpty
    }

    private func run(_ instance: JSONValue, failFast: Bool) -> [ValidationError] {
        let run = ValidationRun(limits: limits)
        var errors: [ValidationError] = []
        let evaluation = Evaluation(validator: self, run: run)
        _ = evaluation.evaluate(resolver.document, .root, instance, .root, 0, &errors, failFast)
        if let stop = run.stopped { errors.append(stop) }
        return errors
    }

    /// Pre-resolves every reference keyword so validation does no URI work.
    private static func scan(_ value: JSONValue, at pointer: JSONPointer, resolver: SchemaResolver,
                             targets: inout [JSONPointer: Result<RefTarget, SchemaError>],
                             unevaluated: inout Bool, unions: inout [(JSONPointer, [JSONValue])], budget: inout Int) {
        budget -= 1
        guard budget > 0 else { return }
        switch value {
        case .object(let obj):
            for (key, child) in obj {
                switch key {
                case "$ref", "$dynamicRef", "$recursiveRef":
                    if let ref = child.stringValue {
                        let keyword = pointer / key
                        do {
                            let t = try resolver.resolve(ref, at: pointer)
                            targets[keyword] = .success(RefTarget(schema: t.schema, pointer: t.pointer))
                        } catch let e as SchemaError {
                            targets[keyword] = .failure(e)
                        } catch {
                            targets[keyword] = .failure(SchemaError(keyword, "\(error)"))
                        }
                    }
                case "enum", "const", "examples", "default":
                    continue
                case "anyOf", "oneOf":
                    if case .array(let branches) = child, branches.count > 1 { unions.append((pointer / key, branches)) }
                    scan(child, at: pointer / key, resolver: resolver, targets: &targets, unevaluated: &unevaluated, unions: &unions, budget: &budget)
                case _ where SchemaResolver.schemaMapKeywords.contains(key):
                    // Member names here are property names, not keywords.
                    guard case .object(let map) = child else { continue }
                    for (name, sub) in map {
                        scan(sub, at: pointer / key / name, resolver: resolver, targets: &targets, unevaluated: &unevaluated, unions: &unions, budget: &budget)
                    }
                case "unevaluatedProperties", "unevaluatedItems":
                    unevaluated = true
                    scan(child, at: pointer / key, resolver: resolver, targets: &targets, unevaluated: &unevaluated, unions: &unions, budget: &budget)
                default:
                    scan(child, at: pointer / key, resolver: resolver, targets: &targets, unevaluated: &unevaluated, unions: &unions, budget: &budget)
                }
            }
        case .array(let items):
            for (i, child) in items.enumerated() {
                scan(child, at: pointer / i, resolver: resolver, targets: &targets, unevaluated: &unevaluated, unions: &unions, budget: &budget)
            }
        default:
            return
        }
    }
}

/// One validation pass: the validator plus the run's mutable budget.
struct Evaluation {
    let validator: SchemaValidator
    let run: ValidationRun

    var dialect: SchemaDialect { validator.resolver.dialect }

    /// Records an error (and stops the run when too many have been collected).
    func fail(_ errors: inout [ValidationError], _ ip: JSONPointer, _ sp: JSONPointer, _ message: String) {
        errors.append(ValidationError(instancePointer: ip, schemaPointer: sp, message: message))
        if errors.count >= run.limits.maxErrors {
            run.stop(ValidationError(instancePointer: .root, schemaPointer: .root,
                                     message: "validation stopped after \(run.limits.maxErrors) errors"))
        }
    }

    /// Evaluates `schema` (at `sp` in the document) against `x` (at `ip` in the instance), appending errors.
    /// Returns the annotations the schema produced (meaningful only when it added no errors).
    func evaluate(_ schema: JSONValue, _ sp: JSONPointer, _ x: JSONValue, _ ip: JSONPointer, _ depth: Int,
                  _ errors: inout [ValidationError], _ failFast: Bool) -> Annotations {
        guard run.stopped == nil else { return Annotations() }
        guard case .object(let obj) = schema else {
            if case .bool(false) = schema { fail(&errors, ip, sp, "no value is allowed here (the schema is false)") }
            return Annotations()
        }
        if run.stackUsed() > run.limits.maxStackBytes {
            run.stop(ValidationError(instancePointer: ip, schemaPointer: sp,
                                     message: "validation stopped: nesting needs more than \(run.limits.maxStackBytes) bytes of stack"))
            return Annotations()
        }
        run.steps += 1
        if run.steps > run.limits.maxSteps {
            run.stop(ValidationError(instancePointer: ip, schemaPointer: sp,
                                     message: "validation stopped: step budget of \(run.limits.maxSteps) exceeded"))
            return Annotations()
        }
        if depth > run.limits.maxDepth {
            run.stop(ValidationError(instancePointer: ip, schemaPointer: sp,
                                     message: "validation stopped: nesting deeper than \(run.limits.maxDepth) levels"))
            return Annotations()
        }
        let start = errors.count
        var ann = Annotations()
        if obj["$ref"]?.stringValue != nil {
            ann.merge(evaluateRef(sp / "$ref", x, ip, depth, &errors, failFast))
            if dialect.isLegacy { return ann }
        }
        if !dialect.isLegacy {
            for key in ["$dynamicRef", "$recursiveRef"] where obj[key]?.stringValue != nil {
                ann.merge(evaluateRef(sp / key, x, ip, depth, &errors, failFast))
            }
        }
        for (key, value) in obj {
            if (failFast && errors.count > start) || run.stopped != nil { return ann }
            switch key {
            case "items", "prefixItems", "additionalItems", "contains":
                if case .array(let a) = x { applyArrayApplicator(key, value, obj, sp, a, ip, depth, &errors, failFast, &ann) }
            case "properties", "patternProperties", "additionalProperties", "propertyNames",
                 "dependentSchemas", "dependencies":
                if case .object(let o) = x { applyObjectApplicator(key, value, obj, sp, o, ip, depth, &errors, failFast, &ann) }
            case "allOf", "anyOf", "oneOf", "not", "if":
                applyCombinator(key, value, obj, sp, x, ip, depth, &errors, failFast, &ann)
            default:
                checkAssertion(key, value, obj, sp, x, ip, &errors, failFast)
            }
        }
        if !dialect.isLegacy, errors.count == start || !failFast {
            if let schema = obj["unevaluatedProperties"], case .object(let o) = x {
                checkUnevaluatedProperties(schema, sp / "unevaluatedProperties", o, ip, depth, &errors, failFast, &ann)
            }
            if let schema = obj["unevaluatedItems"], case .array(let a) = x {
                checkUnevaluatedItems(schema, sp / "unevaluatedItems", a, ip, depth, &errors, failFast, &ann)
            }
        }
        return ann
    }

    /// Keywords that only test the value (no subschema is applied), kept out of `evaluate` so the
    /// recursive path stays small on the stack.
    @inline(never)
    func checkAssertion(_ key: String, _ value: JSONValue, _ obj: JSONObject, _ sp: JSONPointer, _ x: JSONValue,
                        _ ip: JSONPointer, _ errors: inout [ValidationError], _ failFast: Bool) {
        switch key {
        case "type": checkType(value, sp, x, ip, &errors)
        case "enum": checkEnum(value, sp, x, ip, &errors)
        case "const":
            if dialect != .draft4, value != x {
                fail(&errors, ip, sp / key, "expected the constant \(brief(value)), found \(brief(x))")
            }
        case "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
            if case .number(let n) = x { checkNumber(key, value, obj, sp, n, ip, &errors) }
        case "minLength", "maxLength", "pattern", "format":
            if case .string(let s) = x { checkString(key, value, sp, s, ip, &errors) }
        case "minItems", "maxItems", "uniqueItems":
            if case .array(let a) = x { checkArrayBounds(key, value, sp, a, ip, &errors) }
        case "required", "minProperties", "maxProperties", "dependentRequired":
            if case .object(let o) = x { checkObjectBounds(key, value, sp, o, ip, &errors, failFast) }
        default:
            return
        }
    }

    /// Follows a reference keyword (at `keyword`) and evaluates its target against the same instance.
    func evaluateRef(_ keyword: JSONPointer, _ x: JSONValue, _ ip: JSONPointer, _ depth: Int,
                     _ errors: inout [ValidationError], _ failFast: Bool) -> Annotations {
        let resolved: Result<SchemaValidator.RefTarget, SchemaError>
        if let cached = validator.refTargets[keyword] {
            resolved = cached
        } else {
            // A reference the pre-scan did not reach (it only follows schema positions).
            guard let parent = keyword.parent, let ref = keyword.resolve(in: validator.resolver.document)?.stringValue else {
                return Annotations()
            }
            do {
                let t = try validator.resolver.resolve(ref, at: parent)
                resolved = .success(SchemaValidator.RefTarget(schema: t.schema, pointer: t.pointer))
            } catch let e as SchemaError {
                resolved = .failure(e)
            } catch {
                resolved = .failure(SchemaError(keyword, "\(error)"))
            }
        }
        switch resolved {
        case .failure(let e):
            fail(&errors, ip, e.pointer, e.message)
            return Annotations()
        case .success(let target):
            let key = ValidationRun.Expansion(schema: target.pointer, instance: ip)
            guard run.expanding.insert(key).inserted else {
                fail(&errors, ip, keyword, "reference to \(target.pointer.display) re-enters itself on the same value (infinite recursion)")
                return Annotations()
            }
            defer { run.expanding.remove(key) }
            return evaluate(target.schema, target.pointer, x, ip, depth + 1, &errors, failFast)
        }
    }

    /// A short JSON rendering of a value for messages.
    func brief(_ v: JSONValue) -> String {
        let text = v.description
        return text.count <= 60 ? text : String(text.prefix(57)) + "…"
    }
}
