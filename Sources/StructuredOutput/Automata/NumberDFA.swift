import Foundation

/// DFAs over JSON number lexemes.
public enum NumberDFA {
    /// JSON number lexemes (RFC 8259 grammar, no leading zeros) whose value lies in the bounds, exactly.
    public static func integer(minimum: Int64?, maximum: Int64?, limits: AutomataLimits) throws -> ByteDFA {
        throw AutomataError("NumberDFA: not yet supported")
    }

    public static func number(
        minimum: Decimal?, exclusiveMinimum: Bool, maximum: Decimal?, exclusiveMaximum: Bool,
        integerOnly: Bool, limits: AutomataLimits
    ) throws -> ByteDFA {
        throw AutomataError("NumberDFA: not yet supported")
    }

    /// Integers that are multiples of k (k ≤ some limit), intersectable with a range.
    public static func integerMultiple(of k: Int64, limits: AutomataLimits) throws -> ByteDFA {
        throw AutomataError("NumberDFA: not yet supported")
    }
}
