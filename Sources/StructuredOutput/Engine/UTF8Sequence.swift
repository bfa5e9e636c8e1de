/// The states of a byte reader checking UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
/// past U+10FFFF): 0 is between characters, the others are inside one, naming what may come next.
enum UTF8Sequence {
    static let invalid: UInt8 = 0xFF

    /// The state after `b` in state `u`, or `invalid`.
    @inline(__always) static func next(_ u: UInt8, _ b: UInt8) -> UInt8 {
        switch u {
        case 0:
            switch b {
            case 0x00...0x7F: return 0
            case 0xC2...0xDF: return 1
            case 0xE0: return 3
            case 0xE1...0xEC, 0xEE...0xEF: return 2
            case 0xED: return 4
            case 0xF0: return 6
            case 0xF1...0xF3: return 5
            case 0xF4: return 7
            default: return invalid
            }
        case 1: return (0x80...0xBF).contains(b) ? 0 : invalid   // one continuation byte left
        case 2: return (0x80...0xBF).contains(b) ? 1 : invalid   // two left
        case 3: return (0xA0...0xBF).contains(b) ? 1 : invalid   // after E0: no overlong form
        case 4: return (0x80...0x9F).contains(b) ? 1 : invalid   // after ED: no surrogate
        case 5: return (0x80...0xBF).contains(b) ? 2 : invalid   // three left
        case 6: return (0x90...0xBF).contains(b) ? 2 : invalid   // after F0: no overlong form
        case 7: return (0x80...0x8F).contains(b) ? 2 : invalid   // after F4: not past U+10FFFF
        default: return invalid
        }
    }
}
