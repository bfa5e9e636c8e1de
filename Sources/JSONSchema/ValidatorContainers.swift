/// Keywords that look inside arrays and objects.
extension Evaluation {
    func checkArray(_ key: String, _ value: JSONValue, _ schema: JSONObject, _ sp: JSONPointer, _ a: [JSONValue],
                    _ ip: JSONPointer, _ depth: Int, _ errors: inout [ValidationError], _ failFast: Bool,
                    _ ann: inout Annotations) {
        let kp = sp / key
        switch key {
        case "items":
            if case .array(let tuple) = value {
                for i in 0..<min(tuple.count, a.count) {
                    _ = evaluate(tuple[i], kp / i, a[i], ip / i, depth + 1, &errors, failFast)
                    if failFast && !errors.isEmpty { return }
                }
                ann.itemPrefix = max(ann.itemPrefix, min(tuple.count, a.count))
            } else {
                var first = 0
                if !dialect.isLegacy, case .array(let prefix)? = schema["prefixItems"] { first = prefix.count }
                if first < a.count {
                    for i in first..<a.count {
                        _ = evaluate(value, kp, a[i], ip / i, depth + 1, &errors, failFast)
                        if failFast && !errors.isEmpty { return }
                    }
                }
                ann.allItems = true
            }
        case "prefixItems":
            guard !dialect.isLegacy, case .array(let prefix) = value else { return }
            for i in 0..<min(prefix.count, a.count) {
                _ = evaluate(prefix[i], kp / i, a[i], ip / i, depth + 1, &errors, failFast)
                if failFast && !errors.isEmpty { return }
            }
            ann.itemPrefix = max(ann.itemPrefix, min(prefix.count, a.count))
        case "additionalItems":
            guard case .array(let tuple)? = schema["items"], tuple.count < a.count else { return }
            if value == .bool(false) {
                fail(&errors, ip / tuple.count, kp, "array has \(a.count) items but only \(tuple.count) are allowed")
                return
            }
            for i in tuple.count..<a.count {
                _ = evaluate(value, kp, a[i], ip / i, depth + 1, &errors, failFast)
                if failFast && !errors.isEmpty { return }
            }
            ann.allItems = true
        case "contains":
            var matched: Set<Int> = []
            for (i, item) in a.enumerated() {
                var scratch: [ValidationError] = []
                _ = evaluate(value, kp, item, ip / i, depth + 1, &scratch, true)
                if scratch.isEmpty { matched.insert(i) }
                if run.stopped != nil { return }
            }
            let minimum = dialect.isLegacy ? 1 : (schema["minContains"]?.doubleValue).map { Int($0) } ?? 1
            if matched.count < minimum {
                fail(&errors, ip, kp, minimum == 1 ? "no item matches the contains schema"
                                                   : "\(matched.count) items match the contains schema, at least \(minimum) required")
            }
            if !dialect.isLegacy, let maximum = schema["maxContains"]?.doubleValue, Double(matched.count) > maximum {
                fail(&errors, ip, sp / "maxContains", "\(matched.count) items match the contains schema, at most \(value: schema["maxContains"]) allowed")
            }
            ann.containedItems.formUnion(matched)
        case "minItems":
            if let bound = value.doubleValue, Double(a.count) < bound { fail(&errors, ip, kp, "array has \(a.count) items, fewer than minItems \(value)") }
        case "maxItems":
            if let bound = value.doubleValue, Double(a.count) > bound { fail(&errors, ip, kp, "array has \(a.count) items, more than maxItems \(value)") }
        case "uniqueItems":
            guard value == .bool(true), let (i, j) = firstDuplicate(a) else { return }
            fail(&errors, ip / j, kp, "duplicate item: equal to item \(i) (\(brief(a[i])))")
        default:
            return
        }
    }

    /// The first pair `(i, j)`, `i < j`, of equal items.
    func firstDuplicate(_ a: [JSONValue]) -> (Int, Int)? {
        if a.count <= 32 {
            for j in a.indices { for i in 0..<j where a[i] == a[j] { return (i, j) } }
            return nil
        }
        var seen: [JSONValue: Int] = [:]
        for (j, item) in a.enumerated() {
            if let i = seen[item] { return (i, j) }
            seen[item] = j
        }
        return nil
    }

    func checkObject(_ key: String, _ value: JSONValue, _ schema: JSONObject, _ sp: JSONPointer, _ o: JSONObject,
                     _ ip: JSONPointer, _ depth: Int, _ errors: inout [ValidationError], _ failFast: Bool,
                     _ ann: inout Annotations) {
        let kp = sp / key
        let track = validator.tracksAnnotations
        switch key {
        case "properties":
            guard case .object(let props) = value else { return }
            for (name, sub) in props {
                guard let member = o[name] else { continue }
                _ = evaluate(sub, kp / name, member, ip / name, depth + 1, &errors, failFast)
                if track { ann.properties.insert(name) }
                if failFast && !errors.isEmpty { return }
            }
        case "patternProperties":
            guard case .object(let patterns) = value else { return }
            for (pattern, sub) in patterns {
                for (name, member) in o where validator.patterns.matches(pattern, name) {
                    _ = evaluate(sub, kp / pattern, member, ip / name, depth + 1, &errors, failFast)
                    if track { ann.properties.insert(name) }
                    if failFast && !errors.isEmpty { return }
                }
            }
        case "additionalProperties":
            let declared = schema["properties"]?.objectValue
            let patterns = schema["patternProperties"]?.objectValue?.keys ?? []
            for (name, member) in o {
                if declared?[name] != nil { continue }
                if patterns.contains(where: { validator.patterns.matches($0, name) }) { continue }
                if value == .bool(false) {
                    fail(&errors, ip / name, kp, "property \"\(name)\" is not allowed")
                } else {
                    _ = evaluate(value, kp, member, ip / name, depth + 1, &errors, failFast)
                }
                if failFast && !errors.isEmpty { return }
            }
            ann.allProperties = true
        case "required":
            guard case .array(let names) = value else { return }
            for case .string(let name) in names where o[name] == nil {
                fail(&errors, ip, kp, "missing required property \"\(name)\"")
                if failFast { return }
            }
        case "propertyNames":
            for name in o.keys {
                var scratch: [ValidationError] = []
                _ = evaluate(value, kp, .string(name), ip / name, depth + 1, &scratch, failFast)
                if let first = scratch.first {
                    fail(&errors, ip / name, first.schemaPointer, "property name \"\(name)\" is invalid: \(first.message)")
                    if failFast { return }
                }
            }
        case "minProperties":
            if let bound = value.doubleValue, Double(o.count) < bound { fail(&errors, ip, kp, "object has \(o.count) properties, fewer than minProperties \(value)") }
        case "maxProperties":
            if let bound = value.doubleValue, Double(o.count) > bound { fail(&errors, ip, kp, "object has \(o.count) properties, more than maxProperties \(value)") }
        case "dependentRequired", "dependencies", "dependentSchemas":
            guard case .object(let deps) = value else { return }
            for (trigger, dep) in deps where o[trigger] != nil {
                if case .array(let names) = dep, key != "dependentSchemas" {
                    for case .string(let name) in names where o[name] == nil {
                        fail(&errors, ip, kp / trigger, "property \"\(name)\" is required when \"\(trigger)\" is present")
                        if failFast { return }
                    }
                } else if key != "dependentRequired", dep.objectValue != nil || dep.boolValue != nil {
                    let before = errors.count
                    let sub = evaluate(dep, kp / trigger, .object(o), ip, depth + 1, &errors, failFast)
                    if errors.count == before { ann.merge(sub) }
                    if failFast && !errors.isEmpty { return }
                }
            }
        default:
            return
        }
    }
}

private extension String.StringInterpolation {
    mutating func appendInterpolation(value: JSONValue?) {
        appendLiteral(value.map(\.description) ?? "")
    }
}
