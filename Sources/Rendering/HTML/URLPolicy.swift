/// Which URLs may appear in `href` and `src`.
///
/// Links: `http:`, `https:`, `mailto:` and same-document fragments (`#id`). Images: `https:` only.
/// Anything with whitespace, control, zero-width or bidi characters is refused outright — browsers
/// strip some of those while parsing the scheme (`java\tscript:`), so refusing is the only safe answer.
public enum URLPolicy {
    /// `url` if it may be a link target, else `nil`.
    public static func link(_ url: String) -> String? {
        guard isClean(url) else { return nil }
        if url.hasPrefix("#") { return isFragment(url) ? url : nil }
        guard let scheme = scheme(of: url) else { return nil }
        switch scheme {
        case "http", "https": return hasAuthority(url, schemeLength: scheme.utf8.count) ? url : nil
        case "mailto": return url.utf8.count > 7 ? url : nil
        default: return nil
        }
    }

    /// `url` if it may be an image source (https only), else `nil`.
    public static func image(_ url: String) -> String? {
        guard isClean(url), scheme(of: url) == "https", hasAuthority(url, schemeLength: 5) else { return nil }
        return url
    }

    /// The lower-cased scheme, if the URL starts with `letters:`.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") { return scheme.isEmpty ? nil : scheme.lowercased() }
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            let isOther = (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E
            guard isLetter || (!scheme.isEmpty && isOther) else { return nil }
            scheme.unicodeScalars.append(Unicode.Scalar(byte))
            if scheme.utf8.count > 16 { return nil }
        }
        return nil
    }

    private static func hasAuthority(_ url: String, schemeLength: Int) -> Bool {
        let rest = url.utf8.dropFirst(schemeLength + 1)
        guard rest.starts(with: "//".utf8) else { return false }
        guard let host = rest.dropFirst(2).first else { return false }
        return host != UInt8(ascii: "/") && host != UInt8(ascii: "\\")
    }

    private static func isFragment(_ url: String) -> Bool {
        url.utf8.dropFirst().allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
    }

    /// No whitespace, controls, zero-width, bidi or byte-order marks anywhere in the URL.
    private static func isClean(_ url: String) -> Bool {
        guard !url.isEmpty, url.utf8.count <= 2048 else { return false }
        for s in url.unicodeScalars {
            let v = s.value
            if v <= 0x20 || v == 0x7F || (0x80...0xA0).contains(v) { return false }
            if (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v) || (0x2060...0x2069).contains(v) || v == 0xFEFF {
                return false
            }
        }
        return true
    }
}
