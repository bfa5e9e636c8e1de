/// Decoded-content DFAs for JSON Schema `format` values.
public enum FormatDFA {
    /// Decoded-content DFA for a JSON Schema format; nil for an unknown format.
    public static func dfa(for format: String, limits: AutomataLimits) throws -> ByteDFA? {
        throw AutomataError("FormatDFA: not yet supported")
    }
}
