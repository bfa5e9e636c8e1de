import Foundation

/// Counters and histograms in the Prometheus text exposition format (version 0.0.4).
public final class MetricsRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [String: [String: Double]] = [:]   // name → rendered labels → value
    private var gauges: [String: [String: Double]] = [:]
    private var histograms: [String: [String: Histogram]] = [:]
    private var help: [String: (type: String, text: String)] = [:]
    private var bucketBounds: [String: [Double]] = [:]

    struct Histogram {
        var counts: [Double]
        var sum = 0.0
        var count = 0.0
    }

    public init() {}

    public func describeCounter(_ name: String, _ text: String) { describe(name, "counter", text) }
    public func describeGauge(_ name: String, _ text: String) { describe(name, "gauge", text) }
    public func describeHistogram(_ name: String, _ text: String, buckets: [Double]) {
        describe(name, "histogram", text)
        lock.lock()
        bucketBounds[name] = buckets.sorted()
        lock.unlock()
    }

    private func describe(_ name: String, _ type: String, _ text: String) {
        lock.lock()
        help[name] = (type, text)
        lock.unlock()
    }

    public func increment(_ name: String, labels: [(String, String)] = [], by value: Double = 1) {
        let key = Self.render(labels)
        lock.lock()
        counters[name, default: [:]][key, default: 0] += value
        lock.unlock()
    }

    public func set(_ name: String, labels: [(String, String)] = [], _ value: Double) {
        let key = Self.render(labels)
        lock.lock()
        gauges[name, default: [:]][key] = value
        lock.unlock()
    }

    public func observe(_ name: String, labels: [(String, String)] = [], _ values: [Double]) {
        guard !values.isEmpty else { return }
        let key = Self.render(labels)
        lock.lock()
        let bounds = bucketBounds[name] ?? []
        var h = histograms[name]?[key] ?? Histogram(counts: Array(repeating: 0, count: bounds.count))
        for v in values {
            if let i = bounds.firstIndex(where: { v <= $0 }) { h.counts[i] += 1 }
            h.sum += v
            h.count += 1
        }
        histograms[name, default: [:]][key] = h
        lock.unlock()
    }

    public func observe(_ name: String, labels: [(String, String)] = [], _ value: Double) {
        observe(name, labels: labels, [value])
    }

    /// The exposition text served at `/metrics`.
    public func exposition() -> String {
        lock.lock()
        defer { lock.unlock() }
        var out = ""
        for name in help.keys.sorted() {
            guard let (type, text) = help[name] else { continue }
            out += "# HELP \(name) \(text)\n# TYPE \(name) \(type)\n"
            switch type {
            case "counter":
                for (labels, v) in (counters[name] ?? [:]).sorted(by: { $0.key < $1.key }) { out += "\(name)\(labels) \(Self.number(v))\n" }
            case "gauge":
                for (labels, v) in (gauges[name] ?? [:]).sorted(by: { $0.key < $1.key }) { out += "\(name)\(labels) \(Self.number(v))\n" }
            default:
                let bounds = bucketBounds[name] ?? []
                for (labels, h) in (histograms[name] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    var cumulative = 0.0
                    for (i, bound) in bounds.enumerated() {
                        cumulative += h.counts[i]
                        out += "\(name)_bucket\(Self.merge(labels, "le", Self.number(bound))) \(Self.number(cumulative))\n"
                    }
                    out += "\(name)_bucket\(Self.merge(labels, "le", "+Inf")) \(Self.number(h.count))\n"
                    out += "\(name)_sum\(labels) \(Self.number(h.sum))\n\(name)_count\(labels) \(Self.number(h.count))\n"
                }
            }
        }
        return out
    }

    private static func render(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
    }

    private static func merge(_ rendered: String, _ key: String, _ value: String) -> String {
        rendered.isEmpty ? "{\(key)=\"\(value)\"}" : String(rendered.dropLast()) + ",\(key)=\"\(value)\"}"
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
