import Components
import Datasets
import Foundation
import Inference
import JSONSchema

/// What a chat about datasets adds to generation: the catalog specialised to their columns (as a
/// compiled constraint), a data summary for the prompt, and the resolver that computes the numbers.
public struct Grounding: Sendable {
    public let datasets: [Dataset]
    public let schema: JSONValue
    public let constraint: GenerationConstraint
    public let resolver: DataResolver
    /// Data summary and instructions, put before the question.
    public let context: String

    /// Specialises `catalog` for `datasets` (already checked to exist) and compiles it. Cached by
    /// the datasets' content, so a chat pays the compile once.
    public static func make(datasets: [Dataset], registry: DatasetRegistry, catalog: JSONValue) throws -> Grounding {
        let key = datasets.map { "\($0.name):\($0.rowCount):\($0.columns.map { "\($0.name)/\($0.type.rawValue)" }.joined(separator: ","))" }
            .joined(separator: ";")
        if let cached = cache.value(key) { return cached }
        let schema = GenerationProfile.bounded(try SchemaSpecializer.specialize(catalog, for: datasets))
        let grounding = Grounding(datasets: datasets, schema: schema, constraint: try GenerationConstraint(schema: schema),
                                  resolver: DataResolver(registry: registry), context: context(for: datasets))
        cache.insert(key, grounding)
        return grounding
    }

    /// The summary of each dataset, how to ask for numbers, and one worked query.
    static func context(for datasets: [Dataset]) -> String {
        var lines = datasets.map { $0.promptSummary() }
        lines.append("Every number comes from the data: a Chart's data and a Table's rows are queries {\"dataset\", \"filter\", \"groupBy\", \"aggregate\", \"sort\", \"limit\"}; a KPI's value is {\"dataset\", \"filter\", \"aggregate\", \"field\"}. GenUI runs them; never write numbers yourself.")
        if let d = datasets.first, let group = d.columns.first(where: { $0.type == .category }) ?? d.columns.first(where: { $0.type.isTemporal }),
           let measure = d.columns.first(where: { $0.type.isNumeric }) {
            lines.append("Example chart data: {\"dataset\":\"\(d.name)\",\"filter\":[],\"groupBy\":[\"\(group.name)\"],\"aggregate\":\"mean\",\"sort\":null,\"limit\":null} with x field \"\(group.name)\" and y field \"\(measure.name)\".")
        }
        return lines.joined(separator: "\n")
    }

    private static let cache = BoundedCache<Grounding>(capacity: 32)
}

/// A small thread-safe cache that forgets its oldest entry when full.
final class BoundedCache<Value: Sendable>: @unchecked Sendable {
    private var entries: [String: Value] = [:]
    private var order: [String] = []
    private let capacity: Int
    private let lock = NSLock()

    init(capacity: Int) { self.capacity = capacity }

    func value(_ key: String) -> Value? {
        lock.lock(); defer { lock.unlock() }
        return entries[key]
    }

    func insert(_ key: String, _ value: Value) {
        lock.lock(); defer { lock.unlock() }
        if entries.updateValue(value, forKey: key) == nil { order.append(key) }
        if order.count > capacity { entries[order.removeFirst()] = nil }
    }
}
