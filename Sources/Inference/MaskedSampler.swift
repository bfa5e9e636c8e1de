import Foundation

/// Picks the next token among those a token mask allows: greedy at temperature 0, otherwise a
/// softmax at the given temperature restricted to the nucleus (`topP`). Deterministic for a seed.
public struct MaskedSampler: Sendable {
    public var parameters: SamplingParameters
    private var state: UInt64
    private var candidates: [(id: Int32, logit: Float)] = []
    /// The last `repetitionWindow` sampled tokens and how often each occurs among them.
    private var recent: [Int32] = []
    private var recentCounts: [Int32: Int] = [:]
    public static let repetitionWindow = 64

    public init(_ parameters: SamplingParameters) {
        self.parameters = parameters
        self.state = parameters.seed
    }

    /// SplitMix64: small, fast, and the same on every platform.
    private mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }

    /// The allowed token ids of `mask` (bit `i` of word `i / 32`), below `limit`.
    public static func allowed(_ mask: [UInt32], limit: Int) -> [Int32] {
        var ids: [Int32] = []
        for (w, var word) in mask.enumerated() where word != 0 {
            while word != 0 {
                let bit = word.trailingZeroBitCount
                let id = w * 32 + bit
                if id < limit { ids.append(Int32(id)) }
                word &= word - 1
            }
        }
        return ids
    }

    /// Records a sampled token for the repetition penalty.
    public mutating func note(_ id: Int32) {
        guard parameters.repetitionPenalty != 1 else { return }
        recent.append(id)
        recentCounts[id, default: 0] += 1
        if recent.count > Self.repetitionWindow {
            let old = recent.removeFirst()
            recentCounts[old]! -= 1
            if recentCounts[old] == 0 { recentCounts[old] = nil }
        }
    }

    /// The sampled token, or nil when the mask allows nothing.
    public mutating func sample(logits: UnsafeBufferPointer<Float>, mask: [UInt32]) -> Int32? {
        candidates.removeAll(keepingCapacity: true)
        for id in Self.allowed(mask, limit: logits.count) {
            var l = logits[Int(id)]
            // CTRL-style penalty on recently sampled tokens: it breaks the loops small models fall into.
            if recentCounts[id] != nil { l = l > 0 ? l / Float(parameters.repetitionPenalty) : l * Float(parameters.repetitionPenalty) }
            if l.isFinite { candidates.append((id, l)) }
        }
        if candidates.isEmpty {
            // Every allowed logit was -inf or NaN: the model gives no preference, take the first allowed.
            return Self.allowed(mask, limit: logits.count).first
        }
        if parameters.temperature <= 0 || candidates.count == 1 {
            return candidates.max { $0.logit < $1.logit || ($0.logit == $1.logit && $0.id > $1.id) }!.id
        }
        candidates.sort { $0.logit > $1.logit || ($0.logit == $1.logit && $0.id < $1.id) }
        let top = Double(candidates[0].logit)
        let t = parameters.temperature
        var weights = candidates.map { exp((Double($0.logit) - top) / t) }
        let total = weights.reduce(0, +)
        var kept = weights.count
        if parameters.topP < 1 {
            var cumulative = 0.0
            for (i, w) in weights.enumerated() {
                cumulative += w / total
                if cumulative >= parameters.topP { kept = i + 1; break }
            }
        }
        weights.removeLast(weights.count - kept)
        let keptTotal = weights.reduce(0, +)
        var r = nextUnit() * keptTotal
        for (i, w) in weights.enumerated() {
            r -= w
            if r <= 0 { return candidates[i].id }
        }
        return candidates[kept - 1].id
    }
}

