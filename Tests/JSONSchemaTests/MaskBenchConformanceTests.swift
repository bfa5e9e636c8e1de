import Foundation
import XCTest
@testable import JSONSchema

/// Checks the validator's verdict against the `valid` labels of the MaskBench corpus
/// (`{"schema": …, "tests": [{"valid": Bool, "data": …}]}` per file). Skipped when the corpus is absent.
///
/// By default a deterministic subset (every 4th file by name) keeps the debug run short;
/// `GENUI_MASKBENCH_FULL=1` checks every file and prints the disagreements by category.
final class MaskBenchConformanceTests: XCTestCase {
    static func corpusDirectory() -> URL? {
        if let env = ProcessInfo.processInfo.environment["GENUI_MASKBENCH"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Tests/JSONSchemaTests/<file> → repo root; the corpus sits next to the clone (or next to the
        // worktrees' parent directory).
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for up in [repo.deletingLastPathComponent(), repo.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = up.appendingPathComponent("shared/maskbench/data")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    struct Tally {
        var agree = 0
        var total = 0
        var files = 0
        var byCategory: [String: [String]] = [:]

        mutating func disagree(_ category: String, _ example: String) {
            byCategory[category, default: []].append(example)
        }
    }

    func testAgreementWithCorpusLabels() throws {
        guard let dir = Self.corpusDirectory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasSuffix(".json") }).sorted(),
              !names.isEmpty else {
            throw XCTSkip("MaskBench corpus not found (set GENUI_MASKBENCH)")
        }
        let full = ProcessInfo.processInfo.environment["GENUI_MASKBENCH_FULL"] == "1"
        let selected = full ? names : names.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
        var tally = Tally()
        for name in selected {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path),
                  let file = try? JSONParser.parse(bytes: data),
                  let schema = file["schema"], case .array(let tests)? = file["tests"] else { continue }
            tally.files += 1
            let validator: SchemaValidator
            do {
                validator = try SchemaValidator(schema: schema)
            } catch {
                for _ in tests { tally.total += 1; tally.disagree("schema rejected", "\(name): \(error)") }
                continue
            }
            for (i, test) in tests.enumerated() {
                guard let expected = test["valid"]?.boolValue, let instance = test["data"] else { continue }
                tally.total += 1
                let errors = validator.validate(instance)
                if errors.isEmpty == expected {
                    tally.agree += 1
                } else if expected {
                    let e = errors[0]
                    let keyword = e.schemaPointer.tokens.last ?? "?"
                    tally.disagree("rejects valid (\(keyword))", "\(name)#\(i): \(e.schemaPointer.display) \(e)")
                } else {
                    tally.disagree("accepts invalid", "\(name)#\(i)")
                }
            }
        }
        let rate = Double(tally.agree) / Double(max(tally.total, 1))
        print("MaskBench: \(tally.agree)/\(tally.total) tests agree (\(String(format: "%.3f", rate * 100))%) over \(tally.files) files")
        for (category, examples) in tally.byCategory.sorted(by: { $0.value.count > $1.value.count }) {
            print("  \(examples.count) \(category)")
            for example in examples.prefix(full ? 6 : 3) { print("      \(example.prefix(300))") }
        }
        XCTAssertGreaterThan(tally.files, 100)
        XCTAssertGreaterThanOrEqual(rate, 0.998, "agreement with corpus labels dropped")
    }
}
