/// Maps automata over decoded string content to automata over JSON string bodies.
public enum JSONStringEncoding {
    /// Given a DFA over decoded string content, returns a DFA over the JSON-encoded string body
    /// (the bytes between the quotes).
    public static func encode(_ content: ByteDFA, limits: AutomataLimits) throws -> ByteDFA {
        throw AutomataError("JSONStringEncoding.encode: not yet supported")
    }
}
