extension HTMLRenderer {
    /// Escapes text for use in HTML text or a double-quoted attribute value, exactly as the renderer
    /// does for tree strings (for callers that build small pages around rendered output).
    public static func escape(_ text: String) -> String { Escaping.escape(text) }
}
