import JSONSchema

/// Mechanical repairs of model output that keep its meaning: a repeated id gets a numeric suffix.
/// Small models often copy an id; renaming the later use is safe because nothing in the catalog
/// refers to component ids. Each repair is reported as a warning at the changed field.
public enum TreeRepair {
    /// Codes of the errors `renameDuplicateIDs` resolves.
    public static let repairableCodes: Set<String> = ["duplicate-id", "duplicate-source-id"]

    /// Gives each id reported by a `duplicate-id` / `duplicate-source-id` error a fresh value.
    public static func renameDuplicateIDs(_ tree: JSONValue, errors: [Diagnostic]) -> (tree: JSONValue, notes: [Diagnostic]) {
        var used = Set<String>()
        collectIDs(tree, into: &used)
        var tree = tree
        var notes: [Diagnostic] = []
        for error in errors where repairableCodes.contains(error.code) {
            guard let old = error.pointer.resolve(in: tree)?.stringValue else { continue }
            var n = 2
            var candidate = "\(old.prefix(44))-\(n)"
            while used.contains(candidate) { n += 1; candidate = "\(old.prefix(44))-\(n)" }
            used.insert(candidate)
            tree = replacing(tree, at: error.pointer.tokens[...], with: .string(candidate))
            notes.append(Diagnostic(.warning, "repaired-id", error.pointer, "repeated id \"\(old)\" renamed to \"\(candidate)\""))
        }
        return (tree, notes)
    }

    private static func collectIDs(_ value: JSONValue, into used: inout Set<String>) {
        switch value {
        case .object(let o):
            if let id = o["id"]?.stringValue { used.insert(id) }
            for (_, v) in o { collectIDs(v, into: &used) }
        case .array(let a):
            for v in a { collectIDs(v, into: &used) }
        default: break
        }
    }

    private static func replacing(_ value: JSONValue, at tokens: ArraySlice<String>, with new: JSONValue) -> JSONValue {
        guard let head = tokens.first else { return new }
        switch value {
        case .object(var o):
            guard let child = o[head] else { return value }
            o[head] = replacing(child, at: tokens.dropFirst(), with: new)
            return .object(o)
        case .array(var a):
            guard let i = Int(head), a.indices.contains(i) else { return value }
            a[i] = replacing(a[i], at: tokens.dropFirst(), with: new)
            return .array(a)
        default:
            return value
        }
    }
}
