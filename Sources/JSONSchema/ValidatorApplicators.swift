/// In-place applicators (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`) and the `unevaluated*` keywords.
extension Evaluation {
    func applyCombinator(_ key: String, _ value: JSONValue, _ schema: JSONObject, _ sp: JSONPointer, _ x: JSONValue,
                         _ ip: JSONPointer, _ depth: Int, _ errors: inout [ValidationError], _ failFast: Bool,
                         _ ann: inout Annotations) {
        let kp = sp / key
        if key == "anyOf" || key == "oneOf", case .object(let members) = x, case .array(let branches) = value,
           let discriminator = validator.discriminators[kp],
           case .string(let tag)? = members[discriminator.property], let i = discriminator.branchByValue[tag] {
            // Every other branch pins the discriminating property to another value: only this one
            // can match, and its own errors say more than "matches none of the alternatives".
            let before = errors.count
            let sub = evaluate(branches[i], kp / i, x, ip, depth + 1, &errors, failFast)
            if errors.count == before { ann.merge(sub) }
            return
        }
        switch key {
        case "allOf":
            guard case .array(let branches) = value else { return }
            for (i, branch) in branches.enumerated() {
                let before = errors.count
                let sub = evaluate(branch, kp / i, x, ip, depth + 1, &errors, failFast)
                if errors.count == before { ann.merge(sub) } else if failFast { return }
            }
        case "anyOf":
            guard case .array(let branches) = value else { return }
            // First find a matching branch cheaply: each failing branch stops at its first error
            // (the catalog's `Node` is an anyOf of 20 components, and a full report of every wrong
            // branch, children included, dominated checking a tree). Only when none matches are
            // the branches evaluated again in full, for the error message.
            if !failFast {
                var anyMatched = false
                for (i, branch) in branches.enumerated() {
                    var scratch: [ValidationError] = []
                    let sub = evaluate(branch, kp / i, x, ip, depth + 1, &scratch, true)
                    if run.stopped != nil { return }
                    if scratch.isEmpty {
                        anyMatched = true
                        ann.merge(sub)
                        if !validator.tracksAnnotations { return }
                    }
                }
                if anyMatched { return }
            }
            var closest: [ValidationError]?
            var failures: [[ValidationError]] = []
            var matched = false
            for (i, branch) in branches.enumerated() {
                var scratch: [ValidationError] = []
                let sub = evaluate(branch, kp / i, x, ip, depth + 1, &scratch, failFast || matched)
                if run.stopped != nil { return }
                if scratch.isEmpty {
                    matched = true
                    ann.merge(sub)
                    if !validator.tracksAnnotations { return }
                } else {
                    failures.append(scratch)
                    if closest.map({ isCloser(scratch, than: $0, at: ip) }) ?? true { closest = scratch }
                }
            }
            if !matched {
                if let only = onlyPlausible(failures, at: ip) {
                    for e in only { fail(&errors, e.instancePointer, e.schemaPointer, e.message) }
                } else {
                    fail(&errors, ip, kp, "value matches none of the \(branches.count) alternatives of anyOf" + hint(closest))
                }
            }
        case "oneOf":
            guard case .array(let branches) = value else { return }
            var closest: [ValidationError]?
            var failures: [[ValidationError]] = []
            var passing: [Int] = []
            for (i, branch) in branches.enumerated() {
                var scratch: [ValidationError] = []
                let sub = evaluate(branch, kp / i, x, ip, depth + 1, &scratch, failFast || !passing.isEmpty)
                if run.stopped != nil { return }
                if scratch.isEmpty {
                    passing.append(i)
                    if passing.count == 1 { ann.merge(sub) }
                    if passing.count > 1 && failFast { break }
                } else {
                    failures.append(scratch)
                    if closest.map({ isCloser(scratch, than: $0, at: ip) }) ?? true { closest = scratch }
                }
            }
            if passing.isEmpty {
                if let only = onlyPlausible(failures, at: ip) {
                    for e in only { fail(&errors, e.instancePointer, e.schemaPointer, e.message) }
                } else {
                    fail(&errors, ip, kp, "value matches none of the \(branches.count) alternatives of oneOf" + hint(closest))
                }
            } else if passing.count > 1 {
                let list = passing.map(String.init).joined(separator: ", ")
                fail(&errors, ip, kp, "value matches \(passing.count) alternatives of oneOf (\(list)); exactly one is allowed")
            }
        case "not":
            var scratch: [ValidationError] = []
            _ = evaluate(value, kp, x, ip, depth + 1, &scratch, true)
            if run.stopped != nil { return }
            if scratch.isEmpty { fail(&errors, ip, kp, "value must not match the schema in not") }
        case "if":
            guard dialect != .draft4, dialect != .draft6 else { return }
            var scratch: [ValidationError] = []
            let condition = evaluate(value, kp, x, ip, depth + 1, &scratch, !validator.tracksAnnotations)
            if run.stopped != nil { return }
            let branchKey = scratch.isEmpty ? "then" : "else"
            if scratch.isEmpty { ann.merge(condition) }
            guard let branch = schema[branchKey] else { return }
            let before = errors.count
            let sub = evaluate(branch, sp / branchKey, x, ip, depth + 1, &errors, failFast)
            if errors.count == before { ann.merge(sub) }
        default:
            return
        }
    }

    /// Whether the failed alternative `a` is a better guess at what was meant than `b`: an alternative that
    /// rejects the value's type outright is furthest; otherwise fewer errors is closer.
    private func isCloser(_ a: [ValidationError], than b: [ValidationError], at ip: JSONPointer) -> Bool {
        func rank(_ errors: [ValidationError]) -> (Int, Int) {
            let typeMismatch = errors.contains { $0.instancePointer == ip && ($0.schemaPointer.tokens.last == "type" || $0.message.hasPrefix("no value is allowed")) }
            return (typeMismatch ? 1 : 0, errors.count)
        }
        return rank(a) < rank(b)
    }

    /// When all alternatives but one are ruled out by the value's type or by a discriminating `const`/`enum`
    /// (on the value or one of its direct members), the errors of that one alternative: they say exactly
    /// what is wrong (e.g. `/root/id: … does not match the pattern …`) where a summary would not.
    private func onlyPlausible(_ failures: [[ValidationError]], at ip: JSONPointer) -> [ValidationError]? {
        func ruledOut(_ errors: [ValidationError]) -> Bool {
            errors.contains { e in
                let keyword = e.schemaPointer.tokens.last
                let depth = e.instancePointer.tokens.count - ip.tokens.count
                if e.instancePointer == ip && (keyword == "type" || e.message.hasPrefix("no value is allowed")) { return true }
                return (keyword == "const" || keyword == "enum") && (depth == 0 || (depth == 1 && e.instancePointer.parent == ip))
            }
        }
        let plausible = failures.filter { !ruledOut($0) }
        guard plausible.count == 1, let only = plausible.first, !only.isEmpty else { return nil }
        return only
    }

    /// `" (closest alternative: …)"` naming the first error of the alternative that failed least.
    private func hint(_ closest: [ValidationError]?) -> String {
        guard let first = closest?.first else { return "" }
        return " (closest alternative: \(first.description))"
    }

    func checkUnevaluatedProperties(_ schema: JSONValue, _ kp: JSONPointer, _ o: JSONObject, _ ip: JSONPointer, _ depth: Int,
                                    _ errors: inout [ValidationError], _ failFast: Bool, _ ann: inout Annotations) {
        guard !ann.allProperties else { return }
        for (name, member) in o where !ann.properties.contains(name) {
            if schema == .bool(false) {
                fail(&errors, ip / name, kp, "property \"\(name)\" is not allowed (unevaluated)")
            } else {
                _ = evaluate(schema, kp, member, ip / name, depth + 1, &errors, failFast)
            }
            if failFast && !errors.isEmpty { return }
        }
        ann.allProperties = true
    }

    func checkUnevaluatedItems(_ schema: JSONValue, _ kp: JSONPointer, _ a: [JSONValue], _ ip: JSONPointer, _ depth: Int,
                               _ errors: inout [ValidationError], _ failFast: Bool, _ ann: inout Annotations) {
        guard !ann.allItems, ann.itemPrefix < a.count else { return }
        for i in ann.itemPrefix..<a.count where !ann.containedItems.contains(i) {
            if schema == .bool(false) {
                fail(&errors, ip / i, kp, "item \(i) is not allowed (unevaluated)")
            } else {
                _ = evaluate(schema, kp, a[i], ip / i, depth + 1, &errors, failFast)
            }
            if failFast && !errors.isEmpty { return }
        }
        ann.allItems = true
    }
}
