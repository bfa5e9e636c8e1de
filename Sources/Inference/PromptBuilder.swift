import JSONSchema

/// The system prompt for dashboard answers, generated from the catalog schema's own descriptions
/// (they are written as instructions to the model) plus a worked example.
public struct PromptBuilder: Sendable {
    public let catalog: JSONValue
    public let example: String?

    public init(catalog: JSONValue, example: String? = nil) {
        self.catalog = catalog
        self.example = example
    }

    /// One line per component: its name and what it is for, from `$defs/<Name>/description`.
    public var componentLines: [String] {
        guard case .object(let defs)? = catalog["$defs"] else { return [] }
        return defs.compactMap { name, schema in
            guard case .object(let props)? = schema["properties"], case .object(let type)? = props["type"],
                  type["enum"] != nil || type["const"] != nil,
                  let description = schema["description"]?.stringValue else { return nil }
            return "- \(name): \(description)"
        }
    }

    public func systemPrompt() -> String {
        var lines = [
            "You are GenUI, a data analyst who answers every question with a dashboard.",
            "Reply with one JSON object only: {\"version\":\"1\",\"title\":…,\"answer\":…,\"root\":{\"type\":\"Dashboard\",…}}.",
            (catalog["description"]?.stringValue).map { "The object is \($0.prefix(1).lowercased() + $0.dropFirst())" } ?? "",
            "Components (containers have \"children\"):",
        ]
        lines += componentLines
        lines += [
            "Rules: every id is unique, lowercase with hyphens; numbers are JSON numbers, never strings;",
            "use realistic, plausible figures; keep the dashboard small: a title, two to four KPIs, one chart, one table or text.",
        ]
        if let example { lines += ["Example answer:", example] }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// System prompt, earlier turns, then the question. `context` (a data summary) goes into the
    /// user turn, so the system prompt, and the model's cached evaluation of it, stay the same.
    public func messages(question: String, history: [ChatMessage] = [], context: String? = nil) -> [ChatMessage] {
        let content = context.map { "\($0)\n\nQuestion: \(question)" } ?? question
        return [ChatMessage(role: "system", content: systemPrompt())] + history + [ChatMessage(role: "user", content: content)]
    }
}
