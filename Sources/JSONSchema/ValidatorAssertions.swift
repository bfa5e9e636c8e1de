/// Keywords that test one value: `type`, `enum`, numeric bounds, string length, `pattern`, `format`.
extension Evaluation {
    /// Whether `x` has JSON Schema type `name`. Integers are numbers with no fractional part; in draft-04
    /// an integer must also be written without a fraction or exponent (as draft-04 validators read it).
    func hasType(_ name: String, _ x: JSONValue) -> Bool {
        switch (name, x) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .number), ("any", _):
            return true
        case ("integer", .number(let n)):
            if dialect == .draft4 { return n.isInteger && !n.text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }
            return n.isInteger
        default:
            return false
        }
    }

    func checkType(_ value: JSONValue, _ sp: JSONPointer, _ x: JSONValue, _ ip: JSONPointer, _ errors: inout [ValidationError]) {
        switch value {
        case .string(let name):
            if !hasType(name, x) { fail(&errors, ip, sp / "type", "expected \(name), found \(typeName(x))") }
        case .array(let names):
            let strings = names.compactMap(\.stringValue)
            guard strings.count == names.count else { return }
            if !strings.contains(where: { hasType($0, x) }) {
                fail(&errors, ip, sp / "type", "expected one of [\(strings.joined(separator: ", "))], found \(typeName(x))")
            }
        default:
            return
        }
    }

    func typeName(_ x: JSONValue) -> String {
        if case .number(let n) = x, dialect == .draft4, n.text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return "number"
        }
        return x.typeName
    }

    func checkEnum(_ value: JSONValue, _ sp: JSONPointer, _ x: JSONValue, _ ip: JSONPointer, _ errors: inout [ValidationError]) {
        guard case .array(let options) = value else { return }
        if !options.contains(x) {
            let shown = options.prefix(8).map(brief).joined(separator: ", ") + (options.count > 8 ? ", …" : "")
            fail(&errors, ip, sp / "enum", "\(brief(x)) is not one of the allowed values [\(shown)]")
        }
    }

    func checkNumber(_ key: String, _ value: JSONValue, _ schema: JSONObject, _ sp: JSONPointer, _ n: JSONNumber,
                     _ ip: JSONPointer, _ errors: inout [ValidationError]) {
        let x = n.double
        switch key {
        case "multipleOf":
            guard case .number(let m) = value, m.double > 0 else { return }
            if !isMultiple(n, of: m) { fail(&errors, ip, sp / key, "\(n) is not a multiple of \(m)") }
        case "minimum":
            guard let bound = value.doubleValue else { return }
            if schema["exclusiveMinimum"]?.boolValue == true {
                if !(x > bound) { fail(&errors, ip, sp / key, "\(n) must be greater than \(value)") }
            } else if !(x >= bound) {
                fail(&errors, ip, sp / key, "\(n) is less than the minimum \(value)")
            }
        case "maximum":
            guard let bound = value.doubleValue else { return }
            if schema["exclusiveMaximum"]?.boolValue == true {
                if !(x < bound) { fail(&errors, ip, sp / key, "\(n) must be less than \(value)") }
            } else if !(x <= bound) {
                fail(&errors, ip, sp / key, "\(n) is greater than the maximum \(value)")
            }
        case "exclusiveMinimum":
            if let bound = value.doubleValue, !(x > bound) { fail(&errors, ip, sp / key, "\(n) must be greater than \(value)") }
        case "exclusiveMaximum":
            if let bound = value.doubleValue, !(x < bound) { fail(&errors, ip, sp / key, "\(n) must be less than \(value)") }
        default:
            return
        }
    }

    /// Exact decimal `multipleOf` (so 0.3 is a multiple of 0.1); falls back to floating point for huge exponents.
    func isMultiple(_ n: JSONNumber, of m: JSONNumber) -> Bool {
        if let a = ExactDecimal(n.text), let b = ExactDecimal(m.text), let exact = a.isMultiple(of: b) { return exact }
        let q = n.double / m.double
        return q.isFinite && q == q.rounded(.towardZero)
    }

    func checkString(_ key: String, _ value: JSONValue, _ sp: JSONPointer, _ s: String, _ ip: JSONPointer,
                     _ errors: inout [ValidationError]) {
        switch key {
        case "minLength":
            guard let bound = value.doubleValue else { return }
            let length = s.unicodeScalars.count
            if Double(length) < bound { fail(&errors, ip, sp / key, "string of \(length) characters is shorter than minLength \(value)") }
        case "maxLength":
            guard let bound = value.doubleValue else { return }
            let length = s.unicodeScalars.count
            if Double(length) > bound { fail(&errors, ip, sp / key, "string of \(length) characters is longer than maxLength \(value)") }
        case "pattern":
            guard let pattern = value.stringValue else { return }
            if !validator.patterns.matches(pattern, s) {
                fail(&errors, ip, sp / key, "\(brief(.string(s))) does not match the pattern \(brief(value))")
            }
        case "format":
            guard validator.assertsFormat, let format = value.stringValue else { return }
            if FormatChecker.check(format, s) == false {
                fail(&errors, ip, sp / key, "\(brief(.string(s))) is not a valid \(format)")
            }
        default:
            return
        }
    }
}
