import Foundation
import XCTest
@testable import StructuredOutput

/// Deterministic pseudo-random numbers (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum AutomataTestSupport {
    /// A random byte string accepted by the DFA (a random walk that stops at accepting states with
    /// some probability), or nil when the walk gets stuck.
    static func sample(_ dfa: ByteDFA, maxLength: Int = 40, using rng: inout SeededGenerator) -> [UInt8]? {
        var state = 0
        var bytes: [UInt8] = []
        while bytes.count < maxLength {
            if dfa.accepting[state] && Int.random(in: 0..<4, using: &rng) == 0 { return bytes }
            let edges = dfa.edges[state]
            guard !edges.isEmpty else { break }
            let edge = edges[Int.random(in: 0..<edges.count, using: &rng)]
            bytes.append(UInt8.random(in: edge.lo...edge.hi, using: &rng))
            state = Int(edge.target)
        }
        return dfa.accepting[state] ? bytes : nil
    }

    /// The maskbench corpus directory, or nil when absent (the user's clone lacks it).
    static func maskbenchDirectory() -> URL? {
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["GENUI_MASKBENCH"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        var repo = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { repo.deleteLastPathComponent() }
        candidates.append(repo.appendingPathComponent("../shared/maskbench/data"))
        candidates.append(repo.appendingPathComponent("../../shared/maskbench/data"))
        candidates.append(URL(fileURLWithPath: "/work/shared/maskbench/data"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Every `pattern` string in the corpus schemas, sorted.
    static func maskbenchPatterns() throws -> [String]? {
        guard let directory = maskbenchDirectory() else { return nil }
        var patterns = Set<String>()
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if key == "pattern", let text = child as? String { patterns.insert(text) } else { walk(child) }
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            if let root = try JSONSerialization.jsonObject(with: data) as? [String: Any], let schema = root["schema"] {
                walk(schema)
            }
        }
        return patterns.sorted()
    }
}
