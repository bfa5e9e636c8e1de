import Foundation
import XCTest

/// Locates the vocabulary files fetched by `scripts/fetch-vocabs.sh`. Tests skip when a file is
/// absent, unless `GENUI_REQUIRE_ASSETS=1`, in which case they fail.
enum TestAssets {
    static var cacheDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let c = env["GENUI_CACHE"], !c.isEmpty { return c }
        return (env["HOME"] ?? NSHomeDirectory()) + "/.cache/genui"
    }

    static var vocabDirectory: String { cacheDirectory + "/vocab" }

    static var required: Bool { ProcessInfo.processInfo.environment["GENUI_REQUIRE_ASSETS"] == "1" }

    /// The path of `name` in the vocabulary cache; skips (or fails when assets are required) if absent.
    static func path(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let p = vocabDirectory + "/" + name
        if FileManager.default.fileExists(atPath: p) { return p }
        if required {
            XCTFail("missing test asset \(p) (run scripts/fetch-vocabs.sh)", file: file, line: line)
            throw XCTSkip("asset missing and required")
        }
        throw XCTSkip("test asset \(name) not in \(vocabDirectory); run scripts/fetch-vocabs.sh")
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
